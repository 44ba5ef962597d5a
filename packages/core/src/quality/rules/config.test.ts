import { describe, expect, it } from 'vitest';
import type { LabelingSchema } from '../../format/index.ts';
import { parseQcRules, QcRules } from './config.ts';
import { imageSchema, textSchema } from './test-builders.ts';

const issuesOf = (input: unknown, schema?: LabelingSchema) => {
  const r = parseQcRules(input, { schema });
  return r.ok ? [] : r.issues;
};

describe('parseQcRules', () => {
  it('accepts a config with every rule kind', () => {
    const rules = [
      { id: 'req', kind: 'required', severity: 'block' },
      { kind: 'bbox_inside_image', severity: 'warn', tolerance: 1, when_unknown: 'skip' },
      { kind: 'bbox_min_size', severity: 'warn', labels: ['person'], min_width: 8 },
      { kind: 'span_token_boundary', severity: 'warn', controls: ['entities'] },
      {
        kind: 'mutually_exclusive',
        severity: 'block',
        labels: ['a', { control: 'c', label: 'b' }],
      },
      {
        kind: 'text_regex',
        severity: 'block',
        pattern: '1[3-9]\\d{9}',
        flags: 'u',
        mode: 'must_not_match',
      },
      { kind: 'duplicate_regions', severity: 'warn', iou: 0.8 },
      { kind: 'min_lead_time', severity: 'warn', min_ms: 2000, per_char_ms: 20, max_ms: 60000 },
    ];
    expect(parseQcRules(rules)).toEqual({ ok: true, value: rules });
    expect(parseQcRules([])).toEqual({ ok: true, value: [] });
  });

  it('reports each bad rule at its path', () => {
    const issues = issuesOf([
      { kind: 'required' },
      { kind: 'nope', severity: 'warn' },
      { kind: 'bbox_min_size', severity: 'warn', min_widht: 3 },
      { kind: 'duplicate_regions', severity: 'warn', iou: 0 },
      { kind: 'mutually_exclusive', severity: 'warn', labels: ['a'] },
      { kind: 'min_lead_time', severity: 'fatal', min_ms: -1 },
    ]);
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual([
      'rules[0].severity',
      'rules[1].kind',
      'rules[2].min_widht',
      'rules[2].min_width',
      'rules[3].iou',
      'rules[4].labels',
      'rules[5].severity',
      'rules[5].min_ms',
    ]);
    expect(issues[0]?.message).toMatch(/^required/);
    expect(issues[1]?.message).toContain('must be one of: required, bbox_inside_image');
    expect(issues[2]?.message).toBe('unknown key "min_widht"');
    expect(issues[3]?.message).toBe('set min_width, min_height or both (pixels)');
  });

  it('refuses unsafe and invalid regex patterns and bad flags at rules[i].pattern', () => {
    const base = { kind: 'text_regex', severity: 'block', mode: 'must_match' };
    const issues = issuesOf([
      { ...base, pattern: '^(\\w+\\s?)*$' },
      { ...base, pattern: '(unclosed' },
      { ...base, pattern: 'ok', flags: 'g' },
      { ...base, pattern: 'ok', flags: 'ii' },
      { ...base, pattern: 'x'.repeat(501) },
    ]);
    expect(issues.map((i) => i.path)).toEqual([
      'rules[0].pattern',
      'rules[1].pattern',
      'rules[2].flags',
      'rules[3].flags',
      'rules[4].pattern',
    ]);
    expect(issues[0]?.message).toMatch(/^pattern refused: it repeats a group/);
    expect(issues[1]?.message).toMatch(/^pattern refused: not a valid regular expression/);
  });

  it('reports duplicate ids, duplicate labels of a set and a non-list', () => {
    const issues = issuesOf([
      { id: 'a', kind: 'required', severity: 'block' },
      { id: 'a', kind: 'duplicate_regions', severity: 'warn' },
      { kind: 'mutually_exclusive', severity: 'warn', labels: ['x', 'y', 'x'] },
    ]);
    expect(issues).toEqual([
      { path: 'rules[1].id', message: 'id "a" is already used by rules[0]' },
      { path: 'rules[2].labels[2]', message: 'listed twice' },
    ]);
    expect(issuesOf({ kind: 'required' })).toEqual([
      { path: 'rules', message: 'expected a list of rules ([{ "kind": ..., "severity": ... }])' },
    ]);
    expect(
      QcRules.safeParse(new Array(201).fill({ kind: 'required', severity: 'warn' })).success,
    ).toBe(false);
  });

  it('checks controls, labels and fields against the labeling schema when given', () => {
    const issues = issuesOf(
      [
        { kind: 'required', severity: 'block', controls: ['sentimnet'] },
        {
          kind: 'text_regex',
          severity: 'warn',
          controls: ['entities'],
          pattern: 'x',
          mode: 'must_match',
        },
        {
          kind: 'mutually_exclusive',
          severity: 'warn',
          control: 'sentiment',
          labels: ['positive', 'happy'],
        },
        {
          kind: 'mutually_exclusive',
          severity: 'warn',
          labels: ['PER', { control: 'entities', label: 'DOG' }],
        },
        { kind: 'min_lead_time', severity: 'warn', min_ms: 1, fields: ['txt'] },
      ],
      textSchema(),
    );
    expect(issues).toEqual([
      {
        path: 'rules[0].controls[0]',
        message: expect.stringMatching(
          /^no control named "sentimnet" \(controls: sentiment, entities/,
        ),
      },
      {
        path: 'rules[1].controls[0]',
        message: 'control "entities" is a spans control; text_regex applies to textarea controls',
      },
      {
        path: 'rules[2].labels[1]',
        message: 'control "sentiment" has no label "happy" (labels: positive, negative, neutral)',
      },
      { path: 'rules[3].labels[1].label', message: expect.stringContaining('has no label "DOG"') },
      { path: 'rules[4].fields[0]', message: expect.stringMatching(/^no field named "txt"/) },
    ]);
    expect(
      issuesOf(
        [{ kind: 'bbox_min_size', severity: 'warn', labels: ['cat'], min_width: 2 }],
        imageSchema(),
      ),
    ).toEqual([
      {
        path: 'rules[0].labels[0]',
        message: 'no box, polygon or track control in scope has the label "cat"',
      },
    ]);
  });

  it('uses another path prefix when asked', () => {
    const r = parseQcRules([{ kind: 'required' }], { prefix: 'qc_rules' });
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['qc_rules[0].severity']);
  });
});
