import { describe, expect, it } from 'vitest';
import type { AnnotatorBiasRow, BiasReport } from '../api/compliance-types.ts';
import {
  annotatorDeviations,
  distributionCells,
  formatP,
  maxDeviation,
  parityBars,
  parityFlag,
  significant,
  statText,
} from './bias-data.ts';

// Region A: positive x3, negative x1; region B: positive x1, negative x3 (the server test's).
const report: BiasReport = {
  control: 'sentiment',
  group_by: 'meta.region',
  tasks: { total: 8, labelled: 8, unlabelled: 0, missing_group: 0 },
  distribution: {
    groups: ['A', 'B'],
    labels: ['negative', 'positive'],
    counts: [
      [1, 3],
      [3, 1],
    ],
    totals: [4, 4],
    shares: [
      [0.25, 0.75],
      [0.75, 0.25],
    ],
  },
  parity: [],
  independence: {
    ok: true,
    statistic: 2,
    dof: 1,
    pValue: 0.157299207,
    cramersV: 0.5,
    minExpected: 2,
    lowExpectedCells: 4,
  },
  annotators: [],
};

const row: AnnotatorBiasRow = {
  user_id: 3,
  username: 'u3',
  n: 2,
  agreement: { ok: true, value: 0 },
  distribution: { negative: 1, positive: 0 },
  consensusDistribution: { negative: 0, positive: 1 },
  tvd: { ok: true, value: 1 },
  test: { ok: false, reason: 'needs at least 2 non-empty rows and columns, got 2x1' },
};

describe('bias page data', () => {
  it('makes one heat-map cell per group and label with its share and count', () => {
    const cells = distributionCells(report, (g, l, n, total) => `${g}/${l}: ${n}/${total}`);
    expect(cells.map((r) => r.map((c) => c.text))).toEqual([
      ['25%', '75%'],
      ['75%', '25%'],
    ]);
    expect(cells[0]![1]!.title).toBe('A/positive: 3/4');
    expect(cells[0]![1]!.fill).not.toBe(cells[0]![0]!.fill);
  });

  it('draws the rate of one label per group, and nothing for an unknown label', () => {
    const bars = parityBars(report, 'positive', (g, n, total) => `${g} ${n}/${total}`);
    expect(bars.map((b) => [b.label, b.value, b.text, b.title])).toEqual([
      ['A', 0.75, '75.0%', 'A 3/4'],
      ['B', 0.25, '25.0%', 'B 1/4'],
    ]);
    expect(parityBars(report, 'neutral', () => '')).toEqual([]);
  });

  it('flags parity ratios under four fifths', () => {
    expect(parityFlag({ ratio: { ok: true, value: 1 / 3 } })).toBe('below_80');
    expect(parityFlag({ ratio: { ok: true, value: 0.8 } })).toBe('ok');
    expect(parityFlag({ ratio: { ok: false, reason: 'needs at least two groups' } })).toBe(
      'undefined',
    );
  });

  it('formats p-values and significance', () => {
    expect(formatP(0.157299207)).toBe('0.157');
    expect(formatP(0.05)).toBe('0.05');
    expect(formatP(0.0004)).toBe('< 0.001');
    expect(formatP(1)).toBe('1');
    expect(significant(report.independence)).toBe(false);
    expect(significant({ ...report.independence, pValue: 0.01 } as never)).toBe(true);
    expect(significant(row.test)).toBeUndefined();
    expect(statText({ ok: true, value: 0.5 }, (v) => `${v * 100}%`)).toBe('50%');
    expect(statText({ ok: false, reason: 'x' }, String)).toBe('—');
  });

  it('compares an annotator with the consensus per label', () => {
    expect(annotatorDeviations(row, ['negative', 'positive'])).toEqual([
      { label: 'negative', given: 1, consensus: 0, diff: 1 },
      { label: 'positive', given: 0, consensus: 1, diff: -1 },
    ]);
    expect(
      annotatorDeviations({ ...row, distribution: {}, consensusDistribution: {} }, ['a']),
    ).toEqual([{ label: 'a', given: 0, consensus: 0, diff: 0 }]);
    expect(maxDeviation([row], ['negative', 'positive'])).toBe(1);
    expect(maxDeviation([], ['x'])).toBe(0);
  });
});
