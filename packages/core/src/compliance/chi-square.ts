/**
 * Pearson's chi-square test of independence on a contingency table, as
 * scipy.stats.chi2_contingency computes it (optionally with Yates' correction for 2x2).
 */

import { chiSquareSurvival } from './gamma.ts';

/** Outcome of a chi-square test, or why it could not be computed. */
export type ChiSquareTest =
  | {
      ok: true;
      statistic: number;
      dof: number;
      pValue: number;
      /** Cramér's V effect size, 0 (independent) .. 1. */
      cramersV: number;
      /** Smallest expected count; the test is unreliable when it is below 5. */
      minExpected: number;
      /** Cells with an expected count below 5. */
      lowExpectedCells: number;
    }
  | { ok: false; reason: string };

/** Options for {@link chiSquareIndependence}. */
export interface ChiSquareOptions {
  /** Yates' continuity correction when dof = 1 (SciPy's default is true; ours false). */
  yates?: boolean;
}

function checkTable(table: readonly (readonly number[])[]): void {
  const width = table[0]?.length ?? 0;
  table.forEach((row, r) => {
    if (row.length !== width)
      throw new RangeError(`table row ${r} has ${row.length} cells, row 0 has ${width}`);
    row.forEach((v, c) => {
      if (!Number.isFinite(v) || v < 0)
        throw new RangeError(`table cell [${r}][${c}] = ${v} is not a count`);
    });
  });
}

/**
 * Chi-square test of independence of rows and columns. All-zero rows and columns are dropped
 * first (they carry no information and would give zero expected counts).
 * @example chiSquareIndependence([[30, 10, 10], [15, 25, 10]]) // statistic 11.43, dof 2, pValue 0.0033
 */
export function chiSquareIndependence(
  table: readonly (readonly number[])[],
  options: ChiSquareOptions = {},
): ChiSquareTest {
  checkTable(table);
  const rows = table.filter((row) => row.some((v) => v > 0));
  const keepCols = (table[0] ?? []).map((_, c) => rows.some((row) => row[c]! > 0));
  const t = rows.map((row) => row.filter((_, c) => keepCols[c]));
  const r = t.length;
  const k = t[0]?.length ?? 0;
  if (r < 2 || k < 2) {
    return { ok: false, reason: `needs at least 2 non-empty rows and columns, got ${r}x${k}` };
  }
  const rowSums = t.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = t[0]!.map((_, c) => t.reduce((a, row) => a + row[c]!, 0));
  const n = rowSums.reduce((a, b) => a + b, 0);
  const dof = (r - 1) * (k - 1);
  let statistic = 0;
  let minExpected = Infinity;
  let lowExpectedCells = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < k; j++) {
      const e = (rowSums[i]! * colSums[j]!) / n;
      minExpected = Math.min(minExpected, e);
      if (e < 5) lowExpectedCells++;
      let d = Math.abs(t[i]![j]! - e);
      if (options.yates && dof === 1) d = Math.max(0, d - 0.5);
      statistic += (d * d) / e;
    }
  }
  const pValue = chiSquareSurvival(statistic, dof);
  const cramersV = Math.sqrt(statistic / (n * Math.min(r - 1, k - 1)));
  return { ok: true, statistic, dof, pValue, cramersV, minExpected, lowExpectedCells };
}
