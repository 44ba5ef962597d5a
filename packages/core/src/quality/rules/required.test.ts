import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../format/index.ts';
import type { Region } from '../../format/index.ts';
import { runRules, span, text, textSchema } from './test-builders.ts';

const schemaWithRequired = () => {
  const s = textSchema();
  s.controls = s.controls.map((c) =>
    c.name === 'sentiment' || c.name === 'summary' ? { ...c, required: true } : c,
  );
  return s;
};
const data = { text: 'Alice met Bob.', chat: [] };
const positive: Region = {
  id: 'c1',
  control: 'sentiment',
  type: 'choice',
  value: { choices: ['positive'] },
};

describe('required', () => {
  it('passes when every required control has a region', () => {
    const regions = [positive, text('x1', 'A meeting.')];
    expect(
      runRules([{ kind: 'required', severity: 'block' }], {
        schema: schemaWithRequired(),
        regions,
        data,
      }),
    ).toEqual([]);
  });

  it("uses the schema's required flags by default and says what to do", () => {
    const findings = runRules([{ kind: 'required', severity: 'block' }], {
      schema: schemaWithRequired(),
      regions: [span('s1', 0, 5)],
      data,
    });
    expect(findings).toEqual([
      {
        rule: 'required',
        kind: 'required',
        severity: 'block',
        message: 'Control "sentiment" is required: pick a choice before submitting.',
        path: 'regions',
      },
      {
        rule: 'required',
        kind: 'required',
        severity: 'block',
        message: 'Control "summary" is required: write the text before submitting.',
        path: 'regions',
      },
    ]);
  });

  it('does not count a text region with only blank entries', () => {
    const findings = runRules([{ kind: 'required', severity: 'warn', controls: ['summary'] }], {
      schema: textSchema(),
      regions: [text('x1', '  ', '')],
      data,
    });
    expect(findings.map((f) => [f.message, f.severity])).toEqual([
      ['Control "summary" is required: write the text before submitting.', 'warn'],
    ]);
  });

  it('checks the listed controls instead of the flags, under the rule id', () => {
    const findings = runRules(
      [{ id: 'need-entities', kind: 'required', severity: 'block', controls: ['entities'] }],
      {
        schema: schemaWithRequired(),
        regions: [],
        data,
      },
    );
    expect(findings.map((f) => [f.rule, f.message])).toEqual([
      [
        'need-entities',
        'Control "entities" is required: mark at least one span before submitting.',
      ],
    ]);
  });

  it('finds nothing when no control is required', () => {
    expect(
      runRules([{ kind: 'required', severity: 'block' }], {
        schema: buildSchema(),
        regions: [],
        data: { text: '' },
      }),
    ).toEqual([]);
  });
});
