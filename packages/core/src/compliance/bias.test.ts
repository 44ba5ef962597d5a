import { describe, expect, it } from 'vitest';
import { annotatorBias, biasReport, demographicParity, labelDistribution } from './bias.ts';
import type { GroupLabel } from './bias.ts';

function pairsFrom(table: Record<string, Record<string, number>>): GroupLabel[] {
  return Object.entries(table).flatMap(([group, row]) =>
    Object.entries(row).flatMap(([label, n]) =>
      Array.from({ length: n }, () => ({ group, label })),
    ),
  );
}

// The 2x3 table [[30,10,10],[15,25,10]]; SciPy chi2_contingency(correction=False) gives
// statistic 11.42857142857143, dof 2, p 0.003298505755939089.
const PAIRS = pairsFrom({ f: { a: 30, b: 10, c: 10 }, m: { a: 15, b: 25, c: 10 } });

describe('group bias', () => {
  it('counts labels per group', () => {
    const d = labelDistribution(PAIRS);
    expect(d.groups).toEqual(['f', 'm']);
    expect(d.labels).toEqual(['a', 'b', 'c']);
    expect(d.counts).toEqual([
      [30, 10, 10],
      [15, 25, 10],
    ]);
    expect(d.shares[0]).toEqual([0.6, 0.2, 0.2]);
  });

  it('computes demographic parity difference and ratio, overall and against the rest', () => {
    const a = demographicParity(PAIRS).find((p) => p.label === 'a')!;
    expect(a.rates).toEqual({ f: 0.6, m: 0.3 });
    expect(a.difference).toEqual({ ok: true, value: 0.3 });
    expect(a.ratio).toEqual({ ok: true, value: 0.5 });
    expect(a.vsRest.f!.difference).toEqual({ ok: true, value: 0.3 });
    expect(a.vsRest.f!.ratio).toEqual({ ok: true, value: 2 });
    const c = demographicParity(PAIRS).find((p) => p.label === 'c')!;
    expect(c.difference).toEqual({ ok: true, value: 0 });
  });

  it('tests independence like SciPy', () => {
    const r = biasReport(PAIRS).independence;
    if (!r.ok) throw new Error(r.reason);
    expect(r.statistic).toBeCloseTo(11.42857142857143, 10);
    expect(r.pValue).toBeCloseTo(0.003298505755939089, 12);
  });

  it('explains undefined metrics instead of returning NaN', () => {
    const one = demographicParity([{ group: 'only', label: 'x' }])[0]!;
    expect(one.difference).toEqual({ ok: false, reason: 'needs at least two groups' });
    expect(one.vsRest.only!.ratio).toEqual({ ok: false, reason: 'no other group' });
    const zero = demographicParity([
      { group: 'g1', label: 'x' },
      { group: 'g2', label: 'y' },
    ]).find((p) => p.label === 'x')!;
    expect(zero.vsRest.g1!.ratio).toMatchObject({ ok: false });
    expect(zero.ratio).toEqual({ ok: true, value: 0 });
    expect(biasReport([{ group: 'g', label: 'x' }]).independence.ok).toBe(false);
    expect(() => labelDistribution([{ group: 'g' } as unknown as GroupLabel])).toThrow(/pair 0/);
  });
});

describe('annotatorBias', () => {
  // Ten items; consensus 4 pos / 6 neg. Annotator "b" says pos on 8 of them.
  const items = Array.from({ length: 10 }, (_, i) => `t${i}`);
  const consensus = Object.fromEntries(items.map((t, i) => [t, i < 4 ? 'pos' : 'neg']));
  const annotations = [
    ...items.map((item) => ({ annotator: 'a', item, label: consensus[item]! })),
    ...items.map((item, i) => ({ annotator: 'b', item, label: i < 8 ? 'pos' : 'neg' })),
    { annotator: 'c', item: 'unknown', label: 'pos' },
  ];

  it('is zero for an annotator who matches the consensus', () => {
    const [a] = annotatorBias(annotations, consensus);
    expect(a).toMatchObject({
      annotator: 'a',
      n: 10,
      agreement: { ok: true, value: 1 },
      tvd: { ok: true, value: 0 },
    });
    expect(a!.test).toMatchObject({ ok: true, statistic: 0, pValue: 1 });
  });

  it('measures an annotator who over-uses a label (SciPy: chi2 3.3333, p 0.067889)', () => {
    const b = annotatorBias(annotations, new Map(Object.entries(consensus)))[1]!;
    expect(b.distribution).toEqual({ neg: 0.2, pos: 0.8 });
    expect(b.consensusDistribution).toEqual({ neg: 0.6, pos: 0.4 });
    expect(b.tvd.ok && b.tvd.value).toBeCloseTo(0.4, 12);
    expect(b.agreement).toEqual({ ok: true, value: 0.6 });
    if (!b.test.ok) throw new Error(b.test.reason);
    expect(b.test.statistic).toBeCloseTo(3.333333333333333, 10);
    expect(b.test.pValue).toBeCloseTo(0.06788915486182878, 10);
  });

  it('explains an annotator without consensus items', () => {
    const c = annotatorBias(annotations, consensus)[2]!;
    expect(c).toMatchObject({ annotator: 'c', n: 0, tvd: { ok: false }, test: { ok: false } });
  });
});
