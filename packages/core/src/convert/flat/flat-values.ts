import { Region as RegionSchema } from '../../format/index.ts';
import type { Control, LabelingSchema, Region } from '../../format/index.ts';
import { ConvertError, reportLoss } from '../errors.ts';
import type { LossOptions, Where } from '../errors.ts';
import { isRecord } from '../json-utils.ts';

/**
 * One value per control for flat formats (CSV, generic JSONL): a task's regions of one
 * control become one JSON value, and back.
 *
 * | control | value |
 * | --- | --- |
 * | choices | the choice (a string), or a list when `multiple` |
 * | rating | the number |
 * | pairwise | `"a"`, `"b"` or `"tie"` |
 * | ranking | the list of ids, best first |
 * | textarea | the list of text entries |
 * | spans, bbox, ... relations, link | a list of `{ id, ...value, score?, attributes?, prediction_id? }` |
 *
 * Classification controls hold one region each, so their region's id (written back as the
 * control's name), score, attributes and prediction_id are not kept.
 */

/** Controls with one region per task, held as a bare value. */
const SINGLE: readonly Control['type'][] = ['choices', 'rating', 'pairwise', 'ranking', 'textarea'];

/**
 * True for controls whose regions flatten to a list of region objects.
 *
 * @example
 * isListControl({ name: 'e', type: 'spans', field: 'text', labels: [{ value: 'PER' }] }); // true
 */
export function isListControl(c: Control): boolean {
  return !SINGLE.includes(c.type);
}

function singleValue(c: Control, r: Region): unknown {
  switch (r.type) {
    case 'choice':
      return c.multiple ? r.value.choices : r.value.choices[0];
    case 'rating':
      return r.value.rating;
    case 'pairwise':
      return r.value.choice;
    case 'ranking':
      return r.value.order;
    case 'text':
      return r.value.text;
    default:
      return undefined;
  }
}

/**
 * The flat value of one control's regions, or undefined when it has none.
 *
 * @example
 * controlValue(sentimentControl, [{ id: 'c', control: 'sentiment', type: 'choice', value: { choices: ['pos'] } }], {}, {}); // 'pos'
 */
export function controlValue(
  c: Control,
  regions: readonly Region[],
  options: LossOptions,
  where: Where,
): unknown {
  if (regions.length === 0) return undefined;
  if (isListControl(c)) {
    return regions.map((r) => {
      const { id, value, score, attributes, prediction_id } = r;
      return {
        id,
        ...value,
        ...(score === undefined ? {} : { score }),
        ...(attributes ? { attributes } : {}),
        ...(prediction_id === undefined ? {} : { prediction_id }),
      };
    });
  }
  const [first, ...rest] = regions;
  if (!first) return undefined;
  if (rest.length)
    reportLoss(
      options,
      { ...where, path: c.name },
      `one ${c.type} value per task: ${rest.length} more region(s) left out`,
    );
  const lost = [
    first.score !== undefined && 'score',
    first.attributes && 'attributes',
    first.prediction_id !== undefined && 'prediction_id',
    first.id !== c.name && 'region id',
  ].filter(Boolean);
  if (lost.length)
    reportLoss(
      options,
      { ...where, id: first.id },
      `a flat ${c.type} value does not keep ${lost.join(', ')}`,
    );
  if (first.type === 'choice' && !c.multiple && first.value.choices.length > 1)
    reportLoss(
      options,
      { ...where, id: first.id },
      'a single-choice value keeps the first choice only',
    );
  if (first.type === 'pairwise' && first.value.strength !== undefined)
    reportLoss(options, { ...where, id: first.id }, 'pairwise strength is not kept');
  return singleValue(c, first);
}

const REGION_TYPE: Record<Control['type'], Region['type']> = {
  choices: 'choice',
  spans: 'span',
  relations: 'relation',
  bbox: 'bbox',
  polygon: 'polygon',
  keypoints: 'keypoints',
  mask: 'mask',
  segment: 'segment',
  track: 'track',
  link: 'link',
  rating: 'rating',
  ranking: 'ranking',
  pairwise: 'pairwise',
  textarea: 'text',
};

function parseRegion(c: Control, raw: unknown, where: Where): Region {
  if (!isRecord(raw))
    throw new ConvertError(where, `${c.name}: each item must be an object with an id`);
  const { id, score, attributes, prediction_id, ...value } = raw;
  const candidate = {
    id,
    control: c.name,
    type: REGION_TYPE[c.type],
    value,
    score,
    attributes,
    prediction_id,
  };
  const parsed = RegionSchema.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConvertError(
      where,
      `${c.name}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'not a valid region'}`,
    );
  }
  return parsed.data;
}

function singleRegion(c: Control, v: unknown, where: Where): Region {
  const id = c.name;
  const strings = (x: unknown): string[] => {
    if (!Array.isArray(x) || !x.every((s) => typeof s === 'string'))
      throw new ConvertError(
        where,
        `${c.name}: expected a list of strings, got ${JSON.stringify(x)}`,
      );
    return x;
  };
  switch (c.type) {
    case 'choices':
      if (!c.multiple && typeof v !== 'string')
        throw new ConvertError(
          where,
          `${c.name}: expected a choice (a string), got ${JSON.stringify(v)}`,
        );
      return parseRegion(
        { ...c, type: 'choices' },
        { id, choices: c.multiple ? strings(v) : [v] },
        where,
      );
    case 'rating':
      if (typeof v !== 'number')
        throw new ConvertError(where, `${c.name}: expected a number, got ${JSON.stringify(v)}`);
      return { id, control: c.name, type: 'rating', value: { rating: v } };
    case 'pairwise':
      if (v !== 'a' && v !== 'b' && v !== 'tie')
        throw new ConvertError(
          where,
          `${c.name}: expected "a", "b" or "tie", got ${JSON.stringify(v)}`,
        );
      return { id, control: c.name, type: 'pairwise', value: { choice: v } };
    case 'ranking':
      return parseRegion(c, { id, order: strings(v) }, where);
    default:
      return parseRegion(c, { id, text: strings(v) }, where);
  }
}

/**
 * The regions of one control from its flat value (undefined or null: none). A malformed
 * value is an error naming the control.
 *
 * @example
 * valueRegions(sentimentControl, 'pos', where); // [{ id: 'sentiment', control: 'sentiment', type: 'choice', value: { choices: ['pos'] } }]
 */
export function valueRegions(c: Control, v: unknown, where: Where): Region[] {
  if (v === undefined || v === null) return [];
  if (!isListControl(c)) return [singleRegion(c, v, where)];
  if (!Array.isArray(v))
    throw new ConvertError(
      where,
      `${c.name}: expected a list of regions, got ${JSON.stringify(v)}`,
    );
  return v.map((item) => parseRegion(c, item, where));
}

/**
 * Column (or key) names of a flat row for a schema: the task id, each field, each control;
 * a control named like a field (or `id`) gets the suffix `_label` so no two columns clash.
 *
 * @example
 * flatColumns(schema); // { id: 'id', fields: ['text'], controls: [['sentiment', 'sentiment'], ...] }
 */
export function flatColumns(schema: LabelingSchema): {
  id: string;
  fields: string[];
  controls: [string, Control][];
} {
  const fields = schema.fields.map((f) => f.name);
  const id = fields.includes('id') ? '_task_id' : 'id';
  const taken = new Set([id, ...fields]);
  const controls = schema.controls.map((c): [string, Control] => {
    let name = c.name;
    while (taken.has(name)) name = `${name}_label`;
    taken.add(name);
    return [name, c];
  });
  return { id, fields, controls };
}
