// Tests may read files (helper rules); the lint rule that keeps core free of IO targets the code.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Annotation, Prediction } from './annotation.ts';
import { formatIssues, zodIssuesToIssues } from './issues.ts';
import { REGION_TYPES } from './kinds.ts';
import { parseLabelingSchema } from './labeling-schema.ts';
import type { LabelingSchema } from './labeling-schema.ts';
import type { Task } from './task.ts';
import { parseTask } from './task.ts';
import { validateAnnotationForSubmit, validateRegions } from './validate-regions.ts';

/*
 * Every ```json and ```jsonl block of docs/FORMAT.md is parsed and validated, so the spec's
 * examples cannot drift from the code. A ```json block is recognised by its shape: a labeling
 * schema (`controls`), a task (`data`), a prediction (`model`), an annotation (`regions`) or a
 * region (`type` and `value`); anything else fails, so a new example is never silently skipped.
 * ```jsonl lines are tasks (bare or wrapped).
 */

const doc = readFileSync(new URL('../../../../docs/FORMAT.md', import.meta.url), 'utf8');

type Block = { lang: 'json' | 'jsonl'; line: number; text: string };

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const re = /^```(jsonl?)\s*\n([\s\S]*?)^```/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    const line = markdown.slice(0, m.index).split('\n').length;
    out.push({ lang: m[1] as Block['lang'], line, text: m[2] ?? '' });
  }
  return out;
}

type Kind = 'schema' | 'task' | 'prediction' | 'annotation' | 'region' | 'unknown';

function kindOf(value: unknown): Kind {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'unknown';
  if ('controls' in value) return 'schema';
  if ('data' in value) return 'task';
  if ('model' in value) return 'prediction';
  if ('regions' in value) return 'annotation';
  if ('type' in value && 'value' in value) return 'region';
  return 'unknown';
}

const all = blocks(doc);
const json = all
  .filter((b) => b.lang === 'json')
  .map((b) => ({ ...b, value: JSON.parse(b.text) as unknown }));
const of = (kind: Kind): typeof json => json.filter((b) => kindOf(b.value) === kind);

function mustParseSchema(): LabelingSchema {
  const first = of('schema')[0];
  if (!first) throw new Error('docs/FORMAT.md has no labeling schema example');
  const r = parseLabelingSchema(first.value);
  if (!r.ok) throw new Error(`FORMAT.md line ${first.line}:\n${formatIssues(r.issues)}`);
  return r.value;
}

function mustParseTask(b: { line: number; value: unknown }): Task {
  const r = parseTask(b.value);
  if (!r.ok) throw new Error(`FORMAT.md line ${b.line}:\n${formatIssues(r.issues)}`);
  return r.value;
}

describe('docs/FORMAT.md examples', () => {
  it('has JSON blocks that all parse and are all recognised', () => {
    expect(json.length).toBeGreaterThan(15);
    const unknown = json.filter((b) => kindOf(b.value) === 'unknown').map((b) => b.line);
    expect(unknown, 'json blocks of no known shape, at these lines').toEqual([]);
  });

  it('has a valid labeling schema example', () => {
    expect(mustParseSchema().controls.length).toBeGreaterThan(0);
  });

  it('shows one region of each of the 14 types, valid together under the example schema', () => {
    const regions = of('region').map((b) => b.value as { type: string });
    expect(new Set(regions.map((r) => r.type))).toEqual(new Set(REGION_TYPES));
    const [task] = of('task');
    const data = task ? mustParseTask(task).data : undefined;
    const r = validateAnnotationForSubmit(mustParseSchema(), regions, data);
    expect(r.ok ? '' : formatIssues(r.issues)).toBe('');
  });

  it('has tasks whose annotations and predictions are valid under the example schema', () => {
    const schema = mustParseSchema();
    const tasks = of('task');
    expect(tasks.length).toBeGreaterThan(0);
    for (const b of tasks) {
      const task = mustParseTask(b);
      const results = [
        ...(task.annotations ?? []).map((a) =>
          validateAnnotationForSubmit(schema, a.regions, task.data),
        ),
        ...(task.predictions ?? []).map((p) => validateRegions(schema, p.regions, task.data)),
        ...(task.consensus ? [validateRegions(schema, task.consensus.regions, task.data)] : []),
      ];
      const issues = results.flatMap((r) => (r.ok ? [] : r.issues));
      expect(formatIssues(issues), `task at FORMAT.md line ${b.line}`).toBe('');
    }
  });

  it('has valid standalone annotations and predictions, if any', () => {
    for (const b of of('annotation')) {
      const r = Annotation.safeParse(b.value);
      expect(r.success ? '' : formatIssues(zodIssuesToIssues(r.error)), `line ${b.line}`).toBe('');
    }
    for (const b of of('prediction')) {
      const r = Prediction.safeParse(b.value);
      expect(r.success ? '' : formatIssues(zodIssuesToIssues(r.error)), `line ${b.line}`).toBe('');
    }
  });

  it('has JSONL lines that are tasks, and bare and wrapped forms that agree', () => {
    const lines = all
      .filter((b) => b.lang === 'jsonl')
      .flatMap((b) =>
        b.text
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => ({ line: b.line, value: JSON.parse(l) as unknown })),
      );
    expect(lines.length).toBeGreaterThan(0);
    const tasks = lines.map((l) => mustParseTask(l));
    expect(tasks[0]).toEqual(tasks[1]);
  });
});
