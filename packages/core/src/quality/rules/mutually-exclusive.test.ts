import { describe, expect, it } from 'vitest';
import type { LabelingSchema, Region } from '../../format/index.ts';
import { runRules, span, textSchema } from './test-builders.ts';

const data = { text: 'Alice works at Acme in Paris.', chat: [] };
const choice = (id: string, choices: string[]): Region => ({
  id,
  control: 'sentiment',
  type: 'choice',
  value: { choices },
});
const multiSchema = (): LabelingSchema => {
  const s = textSchema();
  s.controls = s.controls.map((c) => (c.name === 'sentiment' ? { ...c, multiple: true } : c));
  return s;
};

describe('mutually_exclusive', () => {
  const rule = {
    kind: 'mutually_exclusive',
    severity: 'block',
    control: 'sentiment',
    labels: ['positive', 'negative'],
  };

  it('passes when at most one label of the set is used', () => {
    expect(
      runRules([rule], {
        schema: multiSchema(),
        regions: [choice('c1', ['positive', 'neutral'])],
        data,
      }),
    ).toEqual([]);
    expect(runRules([rule], { schema: multiSchema(), regions: [], data })).toEqual([]);
  });

  it('reports two labels of the set in one region, pointing at the second', () => {
    const findings = runRules([rule], {
      schema: multiSchema(),
      regions: [choice('c1', ['neutral', 'positive', 'negative'])],
      data,
    });
    expect(findings).toEqual([
      {
        rule: 'mutually_exclusive',
        kind: 'mutually_exclusive',
        severity: 'block',
        message:
          'Labels "positive" (region "c1") and "negative" (region "c1") cannot be used together in one annotation: keep only the one that applies.',
        path: 'regions[0].value.choices[2]',
        region_id: 'c1',
      },
    ]);
  });

  it('works across controls with { control, label } entries', () => {
    const across = {
      id: 'no-entities-if-negative',
      kind: 'mutually_exclusive',
      severity: 'warn',
      labels: [
        { control: 'sentiment', label: 'negative' },
        { control: 'entities', label: 'ORG' },
        'LOC',
      ],
    };
    const regions = [
      span('s1', 0, 5),
      span('s2', 15, 19, ['ORG']),
      choice('c1', ['negative']),
      span('s3', 23, 28, ['LOC']),
    ];
    const findings = runRules([across], { schema: textSchema(), regions, data });
    expect(findings.map((f) => [f.rule, f.path, f.region_id])).toEqual([
      ['no-entities-if-negative', 'regions[2].value.choices[0]', 'c1'],
    ]);
    expect(findings[0]?.message).toBe(
      'Labels "ORG" (region "s2"), "negative" (region "c1") and "LOC" (region "s3") cannot be used together in one annotation: keep only the one that applies.',
    );
  });

  it('matches plain labels only on the rule control when it has one', () => {
    const r = {
      kind: 'mutually_exclusive',
      severity: 'block',
      control: 'entities',
      labels: ['PER', 'ORG'],
    };
    const regions = [span('s1', 0, 5), span('s2', 15, 19, ['ORG'])];
    expect(runRules([r], { schema: textSchema(), regions, data })).toHaveLength(1);
    // "PER" here means PER of turn_entities: the PER span of entities does not count.
    const pinned = {
      ...r,
      control: 'turn_entities',
      labels: ['PER', { control: 'entities', label: 'ORG' }],
    };
    const chatData = { ...data, chat: [{ role: 'user', text: 'Bob here' }] };
    expect(runRules([pinned], { schema: textSchema(), regions, data: chatData })).toEqual([]);
    const withTurn = [...regions, span('d1', 0, 3, ['PER'], 'turn_entities')];
    expect(
      runRules([pinned], { schema: textSchema(), regions: withTurn, data: chatData })[0]?.message,
    ).toContain('"ORG" (region "s2") and "PER" (region "d1")');
  });
});
