import { describe, it, expect } from 'vitest';
import type { AgreementPoint, ControlErrors, Rate } from '../api/quality-types.ts';
import { errorColor } from '../charts/scale.ts';
import {
  agreementSeries,
  alphaDomain,
  barMax,
  controlNames,
  errorBars,
  errorHeatMap,
  findingLink,
  latestGap,
  rateText,
  rateTitle,
  type Say,
} from './quality-data.ts';

const say: Say = (key, vars) => (vars ? `${key} ${JSON.stringify(vars)}` : key);
const rate = (s: number, n: number): Rate =>
  n === 0
    ? { value: undefined, reason: 'no trials' }
    : {
        value: s / n,
        lower: s / n - 0.1,
        upper: Math.min(1, s / n + 0.1),
        successes: s,
        trials: n,
      };

const POINTS: AgreementPoint[] = [
  {
    day: '2026-11-20',
    labels: 3,
    alpha: { value: undefined, reason: 'no task has two or more labels yet' },
  },
  { day: '2026-11-21', labels: 10, alpha: { value: 0.5 } },
  { day: '2026-11-22', labels: 20, alpha: { value: -0.3 } },
];

describe('agreement series', () => {
  it('keeps undefined days as gaps carrying the reason', () => {
    const s = agreementSeries(POINTS, say);
    expect(s.map((p) => p.y)).toEqual([undefined, 0.5, -0.3]);
    expect(s[0]!.note).toContain('no task has two or more labels yet');
    expect(s[1]!.note).toContain('0.500');
  });

  it('widens the y range below zero only when alpha is negative', () => {
    expect(alphaDomain(POINTS)).toEqual([-0.4, 1]);
    expect(alphaDomain(POINTS.slice(0, 2))).toEqual([0, 1]);
    expect(alphaDomain([])).toEqual([0, 1]);
  });

  it('reports the latest day when it has no value', () => {
    expect(latestGap(POINTS)).toBeUndefined();
    expect(latestGap(POINTS.slice(0, 1))?.day).toBe('2026-11-20');
  });
});

describe('rates', () => {
  it('shows a value with its interval, or the reason', () => {
    expect(rateText(rate(45, 50))).toBe('90.0%');
    expect(rateText(rate(0, 0))).toBe('—');
    expect(rateTitle(rate(0, 0), say)).toBe('no trials');
    expect(rateTitle(rate(45, 50), say)).toContain('"successes":45');
    expect(rateTitle(rate(45, 50), say)).toContain('80.0–100.0%');
  });
});

const ERRORS: ControlErrors = {
  control: 'sentiment',
  classes: ['positive', 'negative'],
  by_label: [
    { label: 'positive', errors: 1, total: 10, rate: rate(1, 10), confused_with: { negative: 1 } },
    { label: 'negative', errors: 0, total: 0, rate: rate(0, 0), confused_with: {} },
  ],
  by_group: [{ group: 'vendor A', annotators: 2, errors: 1, total: 10, rate: rate(1, 10) }],
  heat_map: [
    {
      user_id: 2,
      username: 'alice',
      group: 'vendor A',
      labels: [
        { errors: 1, total: 4, rate: rate(1, 4) },
        { errors: 0, total: 0, rate: rate(0, 0) },
      ],
    },
  ],
};

describe('error distribution', () => {
  it('builds the label × annotator heat map with empty cells for no data', () => {
    const m = errorHeatMap(ERRORS, say);
    expect(m.rows).toEqual(['alice']);
    expect(m.cols).toEqual(['positive', 'negative']);
    expect(m.cells[0]![0]).toMatchObject({ text: '25%', fill: errorColor(0.25) });
    expect(m.cells[0]![1]).toMatchObject({ text: '—', empty: true });
    expect(m.cells[0]![1]!.title).toContain('no trials');
  });

  it('builds bars with intervals and a readable full width', () => {
    const bars = errorBars(
      ERRORS.by_label.map((b) => ({ ...b, name: b.label })),
      say,
    );
    expect(bars[0]).toMatchObject({ label: 'positive', value: 0.1, text: '10.0%' });
    expect(bars[1]).toMatchObject({
      value: undefined,
      text: 'quality.no_data',
      title: 'no trials',
    });
    expect(barMax(bars)).toBe(0.2);
    expect(barMax([])).toBe(0.1);
  });
});

describe('helpers', () => {
  it('lists every control once, in first-seen order', () => {
    expect(
      controlNames([{ control: 'a' }], undefined, [{ control: 'b' }, { control: 'a' }]),
    ).toEqual(['a', 'b']);
  });

  it('links a finding to its task in the editor', () => {
    expect(findingLink(3, { task_id: 17 })).toBe('/projects/3/label/17');
    expect(findingLink(3, { task_id: null })).toBeNull();
  });
});
