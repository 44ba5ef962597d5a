import { describe, expect, it } from 'vitest';
import { buildImageSchema, buildSchema } from '../../format/index.ts';
import { checkAnnotation } from './check-annotation.ts';
import { parseQcRules } from './config.ts';
import { defaultRules } from './default-rules.ts';

describe('defaultRules', () => {
  it('gives an image project inside-image and duplicate checks as warnings', () => {
    expect(defaultRules(buildImageSchema())).toEqual([
      { kind: 'bbox_inside_image', severity: 'warn', when_unknown: 'skip' },
      { kind: 'duplicate_regions', severity: 'warn' },
    ]);
  });

  it('blocks on required controls and warns on token boundaries for text projects', () => {
    const schema = buildSchema();
    schema.controls = schema.controls.map((c) =>
      c.name === 'sentiment' ? { ...c, required: true } : c,
    );
    expect(defaultRules(schema).map((r) => [r.kind, r.severity])).toEqual([
      ['required', 'block'],
      ['span_token_boundary', 'warn'],
      ['duplicate_regions', 'warn'],
    ]);
  });

  it('gives rules that parse against their schema and find a missing required control', () => {
    const schema = buildSchema();
    schema.controls = schema.controls.map((c) =>
      c.name === 'sentiment' ? { ...c, required: true } : c,
    );
    const rules = defaultRules(schema);
    expect(parseQcRules(rules, { schema })).toEqual({ ok: true, value: rules });
    const findings = checkAnnotation(rules, { schema, regions: [], data: { text: 'hi' } });
    expect(findings.map((f) => f.message)).toEqual([
      'Control "sentiment" is required: pick a choice before submitting.',
    ]);
  });

  it('gives nothing to check for a schema with only a rating', () => {
    const schema = buildSchema({ controls: [{ name: 'quality', type: 'rating', field: 'text' }] });
    expect(defaultRules(schema)).toEqual([]);
  });
});
