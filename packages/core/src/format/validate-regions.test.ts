import { describe, expect, it } from 'vitest';
import { buildSchema } from './builders.ts';
import type { Control } from './control.ts';
import type { Issue } from './issues.ts';
import type { LabelingSchema } from './labeling-schema.ts';
import { parseLabelingSchema } from './labeling-schema.ts';
import { validateRegions } from './validate-regions.ts';

const TEXT = '🐕 Rex chases Alice in 巴黎.'; // 25 code points, 26 UTF-16 units
const data = { text: TEXT };

const span = (id: string, start: number, end: number, labels = ['PER'], extra = {}): unknown => ({
  id,
  control: 'entities',
  type: 'span',
  value: { start, end, labels, ...extra },
});
const choice = (id: string, choices: string[], control = 'sentiment'): unknown => ({
  id,
  control,
  type: 'choice',
  value: { choices },
});
const box = (id: string, value: object = {}, extra: object = {}): unknown => ({
  id,
  control: 'objects',
  type: 'bbox',
  value: { x: 1, y: 2, width: 30, height: 40, labels: ['car'], ...value },
  ...extra,
});

function issues(schema: LabelingSchema, regions: unknown, d?: Record<string, unknown>): Issue[] {
  const r = validateRegions(schema, regions, d);
  return r.ok ? [] : r.issues;
}

/** A schema parsed for real, so tests cannot build one the parser would refuse. */
function schemaWith(...controls: unknown[]): LabelingSchema {
  const base = buildSchema();
  const r = parseLabelingSchema({
    fields: [
      ...base.fields,
      { name: 'image', type: 'image' },
      { name: 'responses', type: 'responses' },
    ],
    controls: [...base.controls, ...controls],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('validateRegions: a valid annotation', () => {
  it('returns the parsed regions', () => {
    const regions = [
      choice('c1', ['neutral']),
      span('s1', 2, 5, ['PER'], { text: 'Rex' }),
      span('s2', 13, 18, ['PER'], { text: 'Alice' }),
      span('s3', 22, 24, ['LOC'], { text: '巴黎' }),
      {
        id: 'r1',
        control: 'rel',
        type: 'relation',
        value: { from: 's1', to: 's2', labels: ['works_for'] },
      },
    ];
    const r = validateRegions(buildSchema(), regions, data);
    expect(r).toEqual({ ok: true, value: regions });
  });

  it('accepts an empty list', () => {
    expect(validateRegions(buildSchema(), [])).toEqual({ ok: true, value: [] });
  });

  it('rejects a non-array', () => {
    expect(issues(buildSchema(), { regions: [] })).toEqual([
      { path: 'regions', message: 'expected an array of regions' },
    ]);
  });
});

describe('validateRegions: labels and controls', () => {
  it('reports an unknown label at regions[0].value.labels[0]', () => {
    expect(issues(buildSchema(), [span('s1', 0, 1, ['FOO'])])).toEqual([
      {
        path: 'regions[0].value.labels[0]',
        message: 'unknown label "FOO" for control "entities" (labels: PER, ORG, LOC)',
      },
    ]);
  });

  it('reports unknown choices and duplicate labels', () => {
    expect(issues(buildSchema(), [choice('c1', ['happy'])])[0]?.path).toBe(
      'regions[0].value.choices[0]',
    );
    expect(issues(buildSchema(), [span('s1', 0, 1, ['PER', 'PER'])])).toEqual([
      { path: 'regions[0].value.labels[1]', message: 'duplicate label "PER"' },
    ]);
  });

  it('reports an unknown control and a type the control does not make', () => {
    const regions = [
      { id: 'a', control: 'ner', type: 'span', value: { start: 0, end: 1, labels: ['PER'] } },
      { id: 'b', control: 'sentiment', type: 'span', value: { start: 0, end: 1, labels: ['PER'] } },
    ];
    expect(issues(buildSchema(), regions)).toEqual([
      {
        path: 'regions[0].control',
        message: 'no control named "ner" (controls: sentiment, entities, rel)',
      },
      {
        path: 'regions[1].type',
        message: 'control "sentiment" is a choices control and makes choice regions, not span',
      },
    ]);
  });

  it('takes one choice unless multiple, and one choice region per control', () => {
    expect(issues(buildSchema(), [choice('c1', ['positive', 'negative'])])[0]?.path).toBe(
      'regions[0].value.choices',
    );
    const multi = buildSchema();
    multi.controls[0] = { ...(multi.controls[0] as Control), multiple: true };
    expect(issues(multi, [choice('c1', ['positive', 'negative'])])).toEqual([]);
    expect(issues(buildSchema(), [choice('c1', ['positive']), choice('c2', ['neutral'])])).toEqual([
      {
        path: 'regions[1]',
        message:
          'control "sentiment" takes one choice region per annotation; regions[0] already has it',
      },
    ]);
  });

  it('rejects labels on a control that defines none', () => {
    const schema = schemaWith({ name: 'plain', type: 'bbox', field: 'image' });
    const r = issues(schema, [box('b1', { labels: ['car'] }, { control: 'plain' })]);
    expect(r).toEqual([
      {
        path: 'regions[0].value.labels[0]',
        message: 'control "plain" defines no labels, so "car" cannot be used',
      },
    ]);
    expect(issues(schema, [box('b1', { labels: [] }, { control: 'plain' })])).toEqual([]);
  });
});

describe('validateRegions: spans against the text', () => {
  it('accepts a span ending exactly at the end, in code points', () => {
    expect(issues(buildSchema(), [span('s1', 24, 25)], data)).toEqual([]);
  });

  it('reports a span past the end and hints at UTF-16 offsets', () => {
    expect(issues(buildSchema(), [span('s1', 23, 26)], data)).toEqual([
      {
        path: 'regions[0].value.end',
        message:
          'end 26 is past the end of field "text" (25 code points) (offsets are code points, not UTF-16 units)',
      },
    ]);
    expect(issues(buildSchema(), [span('s1', 23, 30)], data)[0]?.message).not.toMatch(/UTF-16/);
  });

  it('reports span text that differs from the data, with the UTF-16 hint when it applies', () => {
    const utf16 = issues(buildSchema(), [span('s3', 23, 25, ['LOC'], { text: '巴黎' })], data);
    expect(utf16).toEqual([
      {
        path: 'regions[0].value.text',
        message:
          'text "巴黎" differs from field "text" at [23, 25): "黎." (offsets are code points, not UTF-16 units)',
      },
    ]);
    const wrong = issues(buildSchema(), [span('s1', 2, 5, ['PER'], { text: 'Bob' })], data);
    expect(wrong[0]?.message).toBe('text "Bob" differs from field "text" at [2, 5): "Rex"');
  });

  it('skips data checks without data or when the field is not a string', () => {
    expect(issues(buildSchema(), [span('s1', 100, 200)])).toEqual([]);
    expect(issues(buildSchema(), [span('s1', 100, 200)], { text: 42 })).toEqual([]);
  });

  it('rejects overlapping spans of one control unless overlap is allowed', () => {
    const regions = [span('a', 0, 10), span('b', 20, 25), span('c', 5, 12)];
    expect(issues(buildSchema(), regions)).toEqual([
      {
        path: 'regions[2].value.start',
        message:
          'span [5, 12) overlaps regions[0] [0, 10); control "entities" does not allow overlap (set overlap: true)',
      },
    ]);
    const nested = buildSchema();
    nested.controls[1] = { ...(nested.controls[1] as Control), overlap: true };
    expect(issues(nested, regions)).toEqual([]);
    expect(issues(buildSchema(), [span('a', 0, 5), span('b', 5, 9)])).toEqual([]); // touching
  });
});

describe('validateRegions: references', () => {
  const rel = (id: string, from: string, to: string): unknown => ({
    id,
    control: 'rel',
    type: 'relation',
    value: { from, to },
  });

  it('reports duplicate ids and missing endpoints', () => {
    const r = issues(buildSchema(), [span('s1', 0, 1), span('s1', 2, 3), rel('r1', 's1', 'zz')]);
    expect(r).toEqual([
      { path: 'regions[1].id', message: 'duplicate region id "s1" (also regions[0])' },
      { path: 'regions[2].value.to', message: 'no region with id "zz" in this annotation' },
    ]);
  });

  it('only connects regions that mark a place', () => {
    const r = issues(buildSchema(), [
      span('s1', 0, 1),
      choice('c1', ['neutral']),
      rel('r1', 's1', 'c1'),
    ]);
    expect(r.map((i) => i.path)).toEqual(['regions[2].value.to']);
  });

  it('keeps relations within their field', () => {
    const schema = schemaWith({
      name: 'objects',
      type: 'bbox',
      field: 'image',
      labels: [{ value: 'car' }],
    });
    const r = issues(schema, [span('s1', 0, 1), box('b1'), rel('r1', 's1', 'b1')]);
    expect(r).toEqual([
      { path: 'regions[2].value.to', message: 'region "b1" is on field "image", not "text"' },
    ]);
  });

  it('checks link endpoints against the linked fields', () => {
    const schema = schemaWith(
      { name: 'objects', type: 'bbox', field: 'image', labels: [{ value: 'car' }] },
      { name: 'grounding', type: 'link', fields: ['text', 'image'] },
    );
    const link = (from: object, to: object): unknown => ({
      id: 'l1',
      control: 'grounding',
      type: 'link',
      value: { from, to },
    });
    const ok = [
      span('s1', 0, 1),
      box('b1'),
      link({ field: 'text', region: 's1' }, { field: 'image', region: 'b1' }),
    ];
    expect(issues(schema, ok)).toEqual([]);
    const swapped = [
      span('s1', 0, 1),
      box('b1'),
      link({ field: 'text', region: 'b1' }, { field: 'image', region: 's1' }),
    ];
    expect(issues(schema, swapped).map((i) => i.path)).toEqual([
      'regions[2].value.from.region',
      'regions[2].value.to.region',
    ]);
    const foreign = [
      span('s1', 0, 1),
      box('b1'),
      link({ field: 'text', region: 's1' }, { field: 'responses', region: 'b1' }),
    ];
    expect(issues(schema, foreign)[0]).toEqual({
      path: 'regions[2].value.to.field',
      message: 'control "grounding" links fields text and image, not "responses"',
    });
  });

  it('does not report a reference to a region that failed to parse twice', () => {
    const broken = {
      id: 's2',
      control: 'entities',
      type: 'span',
      value: { start: 3, end: 1, labels: ['PER'] },
    };
    const r = issues(buildSchema(), [span('s1', 0, 1), broken, rel('r1', 's1', 's2')]);
    expect(r).toEqual([
      { path: 'regions[1].value.end', message: 'end must be greater than start' },
    ]);
  });

  it('reports structural and schema issues of different regions together, in region order', () => {
    const r = issues(buildSchema(), [
      span('s1', 0, 1, ['FOO']),
      { id: 'x', control: 'entities', type: 'span' },
    ]);
    expect(r.map((i) => i.path)).toEqual(['regions[0].value.labels[0]', 'regions[1].value']);
  });
});

describe('validateRegions: ratings, rankings, pairwise, sizes', () => {
  const schema = schemaWith(
    { name: 'stars', type: 'rating', field: 'text' },
    { name: 'ten', type: 'rating', field: 'responses', max: 10 },
    { name: 'rank', type: 'ranking', field: 'responses' },
    { name: 'pref', type: 'pairwise', field: 'responses' },
    {
      name: 'objects',
      type: 'bbox',
      field: 'image',
      labels: [{ value: 'car' }],
      min_width: 5,
      min_height: 50,
    },
  );
  const rating = (control: string, value: number): unknown => ({
    id: control,
    control,
    type: 'rating',
    value: { rating: value },
  });

  it('keeps ratings whole and within 1..max (5 by default)', () => {
    expect(issues(schema, [rating('stars', 5), rating('ten', 10)])).toEqual([]);
    expect(issues(schema, [rating('stars', 6)])).toEqual([
      { path: 'regions[0].value.rating', message: 'rating 6 is not a whole number from 1 to 5' },
    ]);
    expect(issues(schema, [rating('stars', 0)]).length).toBe(1);
    expect(issues(schema, [rating('ten', 2.5)]).length).toBe(1);
  });

  it('checks ranking ids against the responses when they have ids', () => {
    const responses = [
      { id: 'r1', text: 'a' },
      { id: 'r2', text: 'b' },
    ];
    const ranking = (order: string[]): unknown => ({
      id: 'o1',
      control: 'rank',
      type: 'ranking',
      value: { order },
    });
    expect(issues(schema, [ranking(['r2', 'r1'])], { responses })).toEqual([]);
    expect(issues(schema, [ranking(['r2', 'r9'])], { responses })).toEqual([
      {
        path: 'regions[0].value.order[1]',
        message: 'no item with id "r9" in field "responses" (ids: r1, r2)',
      },
    ]);
    expect(issues(schema, [ranking(['r9'])], { responses: ['plain', 'strings'] })).toEqual([]);
  });

  it('needs two responses for a pairwise choice', () => {
    const pair = { id: 'w1', control: 'pref', type: 'pairwise', value: { choice: 'a' } };
    expect(issues(schema, [pair], { responses: [{ id: 'r1' }] })[0]?.path).toBe(
      'regions[0].value.choice',
    );
    expect(issues(schema, [pair], { responses: [{ id: 'r1' }, { id: 'r2' }] })).toEqual([]);
  });

  it('enforces min_width and min_height', () => {
    expect(issues(schema, [box('b1', { width: 4, height: 40 })]).map((i) => i.path)).toEqual([
      'regions[0].value.width',
      'regions[0].value.height',
    ]);
  });
});
