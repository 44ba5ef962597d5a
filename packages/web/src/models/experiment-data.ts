/**
 * Pure helpers of the pre-labeling page: an A/B estimate as the text and the normalised bar
 * the report shows (rates on 0–100 %, times on 0 to the largest upper bound, differences
 * centred on zero), and the learning curve as line-chart points.
 *
 * @example
 * estimateView({ value: 0.9, lower: 0.8, upper: 0.96 }, 'rate');
 * // { text: '90.0%', range: '80.0–96.0%', bar: { value: 0.9, lower: 0.8, upper: 0.96 } }
 */
import type { ArmComparison, CurvePoint, Estimate } from '../api/ml-types.ts';
import type { LinePoint } from '../charts/line-chart.tsx';
import { formatInterval, formatPercent } from '../charts/format.ts';

/** What an estimate measures. */
export type EstimateUnit = 'rate' | 'ms' | 'rate-diff' | 'ms-diff';

/** An estimate ready to draw, or its reason. */
export type EstimateView =
  | { text: string; range: string; bar: { value: number; lower: number; upper: number } }
  | { missing: string };

/**
 * A duration in milliseconds, short: `850 ms`, `4.2 s`, `3.1 min`.
 *
 * @example
 * formatMs(4200); // '4.2 s'
 */
export function formatMs(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 120_000) return `${sign}${(a / 1000).toFixed(1)} s`;
  return `${sign}${(a / 60_000).toFixed(1)} min`;
}

const signed = (s: string, v: number) => (v > 0 ? `+${s}` : s.replace('-', '−'));

function defined(e: Estimate): e is Estimate & { value: number; lower: number; upper: number } {
  return typeof e.value === 'number' && typeof e.lower === 'number' && typeof e.upper === 'number';
}

/**
 * The scale of a comparison's bars: for times, the largest upper bound of either arm; for a
 * time difference, the largest absolute bound (so zero sits in the middle).
 *
 * @example
 * scaleOf({ A: { value: 900, lower: 800, upper: 1000 }, B: …, difference: … }, 'ms'); // 1000
 */
export function scaleOf(c: ArmComparison, unit: EstimateUnit): number {
  const es = unit === 'ms-diff' ? [c.difference] : [c.A, c.B];
  const m = Math.max(
    ...es.filter(defined).map((e) => Math.max(Math.abs(e.lower), Math.abs(e.upper))),
    0,
  );
  return m > 0 ? m : 1;
}

/**
 * An estimate as text, interval text and a bar on [0, 1]. `scale` is the largest value of a
 * time (see {@link scaleOf}); rates need none.
 *
 * @example
 * estimateView({ value: -0.1, lower: -0.3, upper: 0.1 }, 'rate-diff').bar.value; // 0.45
 */
export function estimateView(e: Estimate, unit: EstimateUnit, scale = 1): EstimateView {
  if (!defined(e)) return { missing: e.reason ?? '—' };
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  switch (unit) {
    case 'rate':
      return {
        text: formatPercent(e.value),
        range: formatInterval(e.lower, e.upper),
        bar: { value: e.value, lower: e.lower, upper: e.upper },
      };
    case 'rate-diff': {
      const pp = (v: number) => signed(`${(v * 100).toFixed(1)}`, v);
      const at = (v: number) => clamp((v + 1) / 2);
      return {
        text: `${pp(e.value)} pp`,
        range: `${pp(e.lower)} … ${pp(e.upper)} pp`,
        bar: { value: at(e.value), lower: at(e.lower), upper: at(e.upper) },
      };
    }
    case 'ms':
      return {
        text: formatMs(e.value),
        range: `${formatMs(e.lower)} – ${formatMs(e.upper)}`,
        bar: {
          value: clamp(e.value / scale),
          lower: clamp(e.lower / scale),
          upper: clamp(e.upper / scale),
        },
      };
    case 'ms-diff': {
      const at = (v: number) => clamp((v / scale + 1) / 2);
      return {
        text: signed(formatMs(e.value), e.value),
        range: `${signed(formatMs(e.lower), e.lower)} … ${signed(formatMs(e.upper), e.upper)}`,
        bar: { value: at(e.value), lower: at(e.lower), upper: at(e.upper) },
      };
    }
  }
}

/**
 * The recorded learning curve as chart points: x the number of training labels, y the
 * held-out score; retrains with the same label count keep the last one.
 *
 * @example
 * curvePoints([{ labels: 10, accuracy: 0.7, eval_size: 3, … }]); // [{ x: '10', y: 0.7, note }]
 */
export function curvePoints(
  points: readonly CurvePoint[],
  note: (p: CurvePoint) => string,
): LinePoint[] {
  const byLabels = new Map<number, CurvePoint>();
  for (const p of [...points].sort((a, b) => a.labels - b.labels || a.at.localeCompare(b.at)))
    byLabels.set(p.labels, p);
  return [...byLabels.values()].map((p) => ({ x: String(p.labels), y: p.accuracy, note: note(p) }));
}
