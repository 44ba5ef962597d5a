import { describe, expect, it } from 'vitest';
import { buildSchema, validateAnnotationForSubmit } from '../../format/index.ts';
import type { LabelingSchema, Region } from '../../format/index.ts';
import { checkAnnotation } from './check-annotation.ts';
import { parseQcRules } from './config.ts';
import { summarize, type Finding } from './finding.ts';

/** A caption + image project, like the full example of docs/FORMAT.md. */
const schema: LabelingSchema = buildSchema({
  fields: [
    { name: 'caption', type: 'text' },
    { name: 'image', type: 'image' },
  ],
  controls: [
    {
      name: 'sentiment',
      type: 'choices',
      field: 'caption',
      required: true,
      labels: [{ value: 'positive' }, { value: 'negative' }],
    },
    {
      name: 'entities',
      type: 'spans',
      field: 'caption',
      labels: [{ value: 'PER' }, { value: 'LOC' }, { value: 'ANIMAL' }],
    },
    {
      name: 'objects',
      type: 'bbox',
      field: 'image',
      labels: [{ value: 'dog' }, { value: 'person' }],
    },
    { name: 'summary', type: 'textarea', field: 'caption' },
  ],
});
const data = { caption: '🐕 Rex chases Alice in 巴黎.', image: 'https://example.com/0001.jpg' };
const meta = { width: 640, height: 480 };

const rules = parseQcRules(
  [
    { id: 'required', kind: 'required', severity: 'block' },
    { id: 'inside', kind: 'bbox_inside_image', severity: 'block' },
    {
      id: 'min-person',
      kind: 'bbox_min_size',
      severity: 'warn',
      labels: ['person'],
      min_width: 8,
      min_height: 8,
    },
    { id: 'tokens', kind: 'span_token_boundary', severity: 'warn' },
    {
      id: 'dog-xor-person',
      kind: 'mutually_exclusive',
      severity: 'warn',
      control: 'entities',
      labels: ['ANIMAL', 'PER'],
    },
    {
      id: 'no-phone',
      kind: 'text_regex',
      severity: 'block',
      pattern: '1[3-9]\\d{9}',
      mode: 'must_not_match',
    },
    { id: 'dups', kind: 'duplicate_regions', severity: 'warn' },
    { id: 'too-fast', kind: 'min_lead_time', severity: 'warn', min_ms: 2000, per_region_ms: 500 },
  ],
  { schema },
);
if (!rules.ok) throw new Error(JSON.stringify(rules.issues));

const clean: Region[] = [
  { id: 'c1', control: 'sentiment', type: 'choice', value: { choices: ['positive'] } },
  {
    id: 's1',
    control: 'entities',
    type: 'span',
    value: { start: 2, end: 5, labels: ['ANIMAL'], text: 'Rex' },
  },
  {
    id: 's3',
    control: 'entities',
    type: 'span',
    value: { start: 22, end: 24, labels: ['LOC'], text: '巴黎' },
  },
  {
    id: 'b1',
    control: 'objects',
    type: 'bbox',
    value: { x: 120, y: 80, width: 200, height: 150, labels: ['dog'] },
  },
  {
    id: 'x1',
    control: 'summary',
    type: 'text',
    value: { text: ['A dog named Rex chases Alice in Paris.'] },
  },
];

/** Reads `regions[3].value.x`-style paths, to show each finding points at something real. */
function resolve(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const [, key, index] of path.matchAll(/\.?([A-Za-z_]\w*)|\[(\d+)\]/g)) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key ?? Number(index)];
  }
  return cur;
}

describe('checkAnnotation', () => {
  it('finds nothing in a clean annotation of the FORMAT.md example', () => {
    expect(validateAnnotationForSubmit(schema, clean, data).ok).toBe(true);
    const findings = checkAnnotation(rules.value, {
      schema,
      regions: clean,
      data,
      meta,
      leadTimeMs: 41250,
    });
    expect(findings).toEqual([]);
    expect(summarize(findings)).toEqual({ blocked: false, warnings: 0 });
  });

  it('runs every rule, in rule order, with paths that point into the annotation', () => {
    const regions: Region[] = [
      {
        id: 's2',
        control: 'entities',
        type: 'span',
        value: { start: 14, end: 19, labels: ['PER'] },
      },
      ...clean.slice(1),
      {
        id: 'b2',
        control: 'objects',
        type: 'bbox',
        value: { x: 121, y: 80, width: 200, height: 150, labels: ['dog'] },
      },
      {
        id: 'b3',
        control: 'objects',
        type: 'bbox',
        value: { x: 630, y: 0, width: 4, height: 30, labels: ['person'] },
      },
      {
        id: 'b4',
        control: 'objects',
        type: 'bbox',
        value: { x: 600, y: 0, width: 100, height: 30, labels: ['person'] },
      },
      { id: 'x2', control: 'summary', type: 'text', value: { text: ['call 13912345678'] } },
    ];
    expect(validateAnnotationForSubmit(schema, regions, data).ok).toBe(false); // sentiment missing
    const findings = checkAnnotation(rules.value, {
      schema,
      regions,
      data,
      meta,
      leadTimeMs: 1000,
    });
    const annotation = { regions, lead_time_ms: 1000 };
    expect(findings.map((f: Finding) => [f.rule, f.severity, f.path, f.region_id])).toEqual([
      ['required', 'block', 'regions', undefined],
      ['inside', 'block', 'regions[7].value.width', 'b4'],
      ['min-person', 'warn', 'regions[6].value.width', 'b3'],
      ['tokens', 'warn', 'regions[0].value.start', 's2'],
      ['tokens', 'warn', 'regions[0].value.end', 's2'],
      ['dog-xor-person', 'warn', 'regions[1].value.labels[0]', 's1'],
      ['no-phone', 'block', 'regions[8].value.text[0]', 'x2'],
      ['dups', 'warn', 'regions[5]', 'b2'],
      ['too-fast', 'warn', 'lead_time_ms', undefined],
    ]);
    for (const f of findings) {
      expect(f.kind).toBe(rules.value.find((r) => r.id === f.rule)?.kind);
      expect(resolve(annotation, f.path ?? '')).toBeDefined();
      if (f.region_id) expect(f.message).toContain(`"${f.region_id}"`);
    }
    expect(summarize(findings)).toEqual({ blocked: true, warnings: 6 });
  });

  it('returns nothing for no rules, and summarizes warnings only as not blocked', () => {
    expect(checkAnnotation([], { schema, regions: [], data })).toEqual([]);
    const warn: Finding = { rule: 'x', kind: 'required', severity: 'warn', message: 'm' };
    expect(summarize([warn, warn])).toEqual({ blocked: false, warnings: 2 });
    expect(summarize([])).toEqual({ blocked: false, warnings: 0 });
  });
});
