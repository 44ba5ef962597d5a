import {
  buildImageSchema,
  buildSchema,
  formatIssues,
  validateRegions,
} from '../../format/index.ts';
import type { LabelingSchema, Region } from '../../format/index.ts';
import { checkAnnotation } from './check-annotation.ts';
import { parseQcRules } from './config.ts';
import type { CheckContext } from './env.ts';
import type { Finding } from './finding.ts';

/*
 * Builders for the rule tests, in the manner of test factories. `runRules` goes through the
 * same gates as the server: the rules through `parseQcRules` with the schema, the regions
 * through `validateRegions`, so a test cannot pass on input the server would refuse.
 */

/**
 * A text schema (field `text`; choices `sentiment`, spans `entities`, relations `rel`, as
 * `buildSchema`) plus textarea `summary` and a `dialogue` field with spans `turn_entities`.
 *
 * @example
 * const schema = textSchema();
 */
export function textSchema(): LabelingSchema {
  const base = buildSchema();
  return buildSchema({
    fields: [...base.fields, { name: 'chat', type: 'dialogue' }],
    controls: [
      ...base.controls,
      { name: 'summary', type: 'textarea', field: 'text' },
      { name: 'turn_entities', type: 'spans', field: 'chat', labels: [{ value: 'PER' }] },
    ],
  });
}

/**
 * An image schema (`buildImageSchema`: bbox `objects`, polygon `areas`, keypoints `pose`)
 * plus a track control `tracks` on a `video` field.
 *
 * @example
 * const schema = imageSchema();
 */
export function imageSchema(): LabelingSchema {
  const base = buildImageSchema();
  return buildImageSchema({
    fields: [...base.fields, { name: 'video', type: 'video' }],
    controls: [
      ...base.controls,
      { name: 'tracks', type: 'track', field: 'video', labels: [{ value: 'car' }] },
    ],
  });
}

/**
 * A bbox region of control `objects`.
 *
 * @example
 * box('b1', 10, 10, 50, 40, ['car']);
 */
export function box(
  id: string,
  x: number,
  y: number,
  width: number,
  height: number,
  labels = ['car'],
  rotation?: number,
): Region {
  const value =
    rotation === undefined
      ? { x, y, width, height, labels }
      : { x, y, width, height, rotation, labels };
  return { id, control: 'objects', type: 'bbox', value };
}

/**
 * A span region (code points) of control `entities`.
 *
 * @example
 * span('s1', 0, 5, ['PER']);
 */
export function span(
  id: string,
  start: number,
  end: number,
  labels = ['PER'],
  control = 'entities',
): Region {
  return { id, control, type: 'span', value: { start, end, labels } };
}

/**
 * A text region of control `summary`.
 *
 * @example
 * text('x1', 'A summary.');
 */
export function text(id: string, ...entries: string[]): Region {
  return { id, control: 'summary', type: 'text', value: { text: entries } };
}

/**
 * Parses `rules` against the context's schema, validates its regions, and checks. Throws
 * with the issues when either gate refuses (a broken test fixture, not a finding).
 *
 * @example
 * runRules([{ kind: 'required', severity: 'block' }], { schema, regions: [], data: {} });
 */
export function runRules(rules: unknown, ctx: CheckContext): Finding[] {
  const parsed = parseQcRules(rules, { schema: ctx.schema });
  if (!parsed.ok) throw new Error(`bad rules in test:\n${formatIssues(parsed.issues)}`);
  const valid = validateRegions(ctx.schema, ctx.regions, { ...ctx.data });
  if (!valid.ok) throw new Error(`bad regions in test:\n${formatIssues(valid.issues)}`);
  return checkAnnotation(parsed.value, ctx);
}
