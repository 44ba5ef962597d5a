/**
 * Pure helpers of the bias page: the label-by-group heat map cells, the parity bars of one
 * label, the "four-fifths" flag, p-value text, and each annotator's deviation from the
 * consensus per label.
 *
 * @example
 * const cells = distributionCells(report, (g, l, n, total) => `${g} × ${l}: ${n} of ${total}`);
 * parityFlag(report.parity[0]) // 'below_80' when the lowest rate is under 80% of the highest
 */
import type { Bar } from '../charts/bar-chart.tsx';
import type { GridCell } from '../charts/grid-chart.tsx';
import { formatPercent } from '../charts/format.ts';
import { agreeColor } from '../charts/scale.ts';
import type {
  AnnotatorBiasRow,
  BiasReport,
  ChiSquareTest,
  LabelParity,
  Stat,
} from '../api/compliance-types.ts';

/** The ratio under which a label's parity is flagged (the "80% rule"). */
export const FOUR_FIFTHS = 0.8;

/** The usual significance level of the chi-square tests. */
export const ALPHA = 0.05;

/**
 * Heat-map cells, rows = groups, columns = labels: the share of the group's tasks with the
 * label (colour and text), with a tooltip from `title`.
 */
export function distributionCells(
  r: BiasReport,
  title: (group: string, label: string, count: number, total: number) => string,
): GridCell[][] {
  const d = r.distribution;
  return d.groups.map((g, i) =>
    d.labels.map((l, j) => {
      const share = d.shares[i]![j]!;
      return {
        fill: agreeColor(share),
        text: formatPercent(share, 0),
        title: title(g, l, d.counts[i]![j]!, d.totals[i]!),
      };
    }),
  );
}

/**
 * Bars of P(label | group) for one label, one per group, with the count in the tooltip.
 * @example parityBars(report, 'positive', (g, n, total) => `${g}: ${n} of ${total}`)
 */
export function parityBars(
  r: BiasReport,
  label: string,
  title: (group: string, count: number, total: number) => string,
): Bar[] {
  const d = r.distribution;
  const j = d.labels.indexOf(label);
  if (j < 0) return [];
  return d.groups.map((g, i) => ({
    label: g,
    value: d.shares[i]![j]!,
    text: formatPercent(d.shares[i]![j]!),
    title: title(g, d.counts[i]![j]!, d.totals[i]!),
  }));
}

/**
 * Whether a label's rates differ across groups beyond the four-fifths rule.
 * @example parityFlag({ ratio: { ok: true, value: 0.5 }, ... }) // 'below_80'
 */
export function parityFlag(p: Pick<LabelParity, 'ratio'>): 'ok' | 'below_80' | 'undefined' {
  if (!p.ratio.ok) return 'undefined';
  return p.ratio.value < FOUR_FIFTHS ? 'below_80' : 'ok';
}

/**
 * A p-value for a table: three significant digits, `< 0.001` below that.
 * @example formatP(0.157299) // '0.157'
 */
export function formatP(p: number): string {
  if (p < 0.001) return '< 0.001';
  return p
    .toPrecision(3)
    .replace(/^(\d\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/**
 * Whether a test rejects independence at `alpha`; undefined when it could not be run.
 * @example significant({ ok: true, pValue: 0.01, ... }) // true
 */
export function significant(t: ChiSquareTest, alpha = ALPHA): boolean | undefined {
  return t.ok ? t.pValue < alpha : undefined;
}

/**
 * A statistic as text with `fmt`, or the dash when it is undefined (the reason goes in a
 * tooltip).
 * @example statText({ ok: true, value: 0.5 }, formatPercent) // '50.0%'
 */
export function statText(s: Stat, fmt: (v: number) => string): string {
  return s.ok ? fmt(s.value) : '—';
}

/** One label of an annotator's comparison with the consensus. */
export interface Deviation {
  label: string;
  given: number;
  consensus: number;
  /** given − consensus, in share points. */
  diff: number;
}

/**
 * Per label: the annotator's share, the consensus share of the same tasks, and the gap.
 * @example annotatorDeviations(row, ['negative', 'positive'])[1].diff // 0.25
 */
export function annotatorDeviations(row: AnnotatorBiasRow, labels: readonly string[]): Deviation[] {
  const all = [...new Set([...labels, ...Object.keys(row.distribution)])];
  return all.map((label) => {
    const given = row.distribution[label] ?? 0;
    const consensus = row.consensusDistribution[label] ?? 0;
    return { label, given, consensus, diff: given - consensus };
  });
}

/**
 * The largest absolute gap across annotators and labels (the scale of the deviation bars).
 * @example maxDeviation(report.annotators, labels) // 0.5
 */
export function maxDeviation(rows: readonly AnnotatorBiasRow[], labels: readonly string[]): number {
  let m = 0;
  for (const r of rows)
    for (const d of annotatorDeviations(r, labels)) m = Math.max(m, Math.abs(d.diff));
  return m;
}
