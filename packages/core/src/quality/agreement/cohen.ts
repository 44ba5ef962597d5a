import { QualityInputError } from '../errors.ts';
import { definedMetric, undefinedMetric, type Metric } from '../metric.ts';
import { isMissing, orderedCategories, type RatingValue } from './categories.ts';

/** Disagreement weighting for Cohen's kappa: none (unweighted), |i−j|, or (i−j)². */
export type KappaWeights = 'none' | 'linear' | 'quadratic';

/** Cohen's kappa with the observed and chance agreement it was computed from. */
export interface KappaResult {
  readonly kappa: Metric;
  /** Weighted observed agreement p_o and chance agreement p_e (1 − disagreement). */
  readonly observed: number;
  readonly expected: number;
  /** Items rated by both raters. */
  readonly n: number;
  readonly categories: readonly string[];
}

/**
 * Cohen's kappa from a k×k contingency table (rows = rater A, columns = rater B), optionally
 * weighted: κ_w = 1 − Σ w_ij p_ij / Σ w_ij e_ij with disagreement weights w_ij = 0 on the
 * diagonal and |i−j|/(k−1) (linear) or ((i−j)/(k−1))² (quadratic) off it, by category
 * position. Undefined (with a reason) when the table is empty or chance agreement is 1.
 *
 * @example
 * ```ts
 * cohenKappaFromTable([[20, 5], [10, 15]]).kappa.value; // 0.4
 * ```
 */
export function cohenKappaFromTable(
  table: readonly (readonly number[])[],
  options: { readonly weights?: KappaWeights; readonly categories?: readonly string[] } = {},
): KappaResult {
  const k = table.length;
  const categories = options.categories ?? table.map((_, i) => String(i));
  checkTable(table);
  const rows = new Float64Array(k);
  const cols = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = table[i]![j]!;
      rows[i]! += v;
      cols[j]! += v;
      n += v;
    }
  }
  if (n === 0) {
    return {
      kappa: undefinedMetric('no items were rated by both raters'),
      observed: 0,
      expected: 0,
      n,
      categories,
    };
  }
  const weight = weightFunction(options.weights ?? 'none', k);
  let observedDis = 0;
  let expectedDis = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = weight(i, j);
      observedDis += (w * table[i]![j]!) / n;
      expectedDis += (w * rows[i]! * cols[j]!) / (n * n);
    }
  }
  const kappa =
    expectedDis === 0
      ? undefinedMetric('chance agreement is 1: both raters used a single, identical category')
      : definedMetric(1 - observedDis / expectedDis);
  return { kappa, observed: 1 - observedDis, expected: 1 - expectedDis, n, categories };
}

/**
 * Cohen's kappa from two raters' ratings of the same items (`a[i]`, `b[i]`); items either
 * rater skipped (null, undefined, '') are left out. Categories are `options.categories` in
 * that order, or the sorted union of observed values; weights use category positions.
 *
 * @example
 * ```ts
 * cohenKappa(['y', 'y', 'n', null], ['y', 'n', 'n', 'y']).kappa.value; // 0.4 on 3 items
 * cohenKappa([1, 2, 3], [1, 3, 3], { weights: 'linear' });
 * ```
 */
export function cohenKappa(
  a: readonly RatingValue[],
  b: readonly RatingValue[],
  options: { readonly weights?: KappaWeights; readonly categories?: readonly RatingValue[] } = {},
): KappaResult {
  if (a.length !== b.length) {
    throw new QualityInputError(
      'bad_shape',
      `cohenKappa: rater A has ${a.length} ratings, rater B ${b.length}`,
    );
  }
  const categories = orderedCategories([a, b], options.categories);
  const index = new Map(categories.map((c, i) => [c, i] as const));
  const table = categories.map(() => new Array<number>(categories.length).fill(0));
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (isMissing(x) || isMissing(y)) continue;
    const r = index.get(String(x));
    const c = index.get(String(y));
    if (r === undefined || c === undefined) {
      throw new QualityInputError(
        'bad_value',
        `cohenKappa: item ${i} has a value outside the categories (${String(r === undefined ? x : y)})`,
      );
    }
    table[r]![c]!++;
  }
  return cohenKappaFromTable(table, { weights: options.weights ?? 'none', categories });
}

function weightFunction(weights: KappaWeights, k: number): (i: number, j: number) => number {
  const span = Math.max(1, k - 1);
  switch (weights) {
    case 'none':
      return (i, j) => (i === j ? 0 : 1);
    case 'linear':
      return (i, j) => Math.abs(i - j) / span;
    case 'quadratic':
      return (i, j) => ((i - j) / span) ** 2;
    default:
      throw new QualityInputError(
        'bad_option',
        `unknown kappa weights "${String(weights)}" (expected none, linear or quadratic)`,
      );
  }
}

function checkTable(table: readonly (readonly number[])[]): void {
  const k = table.length;
  if (k === 0)
    throw new QualityInputError('bad_shape', 'cohenKappa: the contingency table is empty');
  table.forEach((row, i) => {
    if (row.length !== k)
      throw new QualityInputError(
        'bad_shape',
        `cohenKappa: row ${i} has ${row.length} cells, expected ${k}`,
      );
    row.forEach((v, j) => {
      if (!(Number.isFinite(v) && v >= 0)) {
        throw new QualityInputError(
          'bad_value',
          `cohenKappa: cell (${i}, ${j}) must be a non-negative count, got ${v}`,
        );
      }
    });
  });
}
