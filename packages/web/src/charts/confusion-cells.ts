/**
 * The cells of a confusion matrix for GridChart: the count, a tint by its share of the row
 * (indigo on the diagonal, red off it) and a tooltip naming both classes.
 *
 * @example
 * confusionCells(['pos', 'neg'], [[9, 1], [0, 0]])[0]![1]!.title; // 'pos → neg: 1 (10.0%)'
 */
import { formatPercent } from './format.ts';
import type { GridCell } from './grid-chart.tsx';
import { agreeColor, errorColor } from './scale.ts';

/** Grid cells of `counts[t][l]` (true class t, chosen class l). */
export function confusionCells(
  classes: readonly string[],
  counts: readonly (readonly number[])[],
): GridCell[][] {
  return classes.map((t, i) => {
    const row = counts[i] ?? [];
    const total = row.reduce((a, b) => a + b, 0);
    return classes.map((l, j) => {
      const n = row[j] ?? 0;
      const share = total ? n / total : 0;
      return {
        fill: i === j ? agreeColor(share) : n ? errorColor(share) : '#f8fafc',
        text: String(n),
        title: `${t} → ${l}: ${n}${total ? ` (${formatPercent(share)})` : ''}`,
      };
    });
  });
}
