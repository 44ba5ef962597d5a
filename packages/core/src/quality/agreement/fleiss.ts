import { QualityInputError } from '../errors.ts';
import { definedMetric, undefinedMetric, type Metric } from '../metric.ts';

/** Fleiss' kappa with its components (Fleiss 1971 notation). */
export interface FleissResult {
  readonly kappa: Metric;
  /** Mean per-subject agreement P̄ and chance agreement P̄_e. */
  readonly observed: number;
  readonly expected: number;
  /** Category proportions p_j and per-subject agreement P_i. */
  readonly categoryShares: readonly number[];
  readonly subjectAgreement: readonly number[];
  /** Raters per subject (n) and subjects used (N). */
  readonly ratersPerSubject: number;
  readonly subjects: number;
}

/**
 * Fleiss' kappa from a subjects × categories count table (`counts[i][j]` = raters who put
 * subject i in category j). Every subject must have the same number n ≥ 2 of ratings
 * (Fleiss' definition); subjects with no ratings at all are skipped. For unequal numbers of
 * ratings use Krippendorff's alpha, which handles missing data. Undefined when P̄_e = 1
 * (all ratings in one category).
 *
 * @example
 * ```ts
 * fleissKappa([[0, 3], [3, 0], [1, 2]]).kappa.value; // ≈ 0.55
 * ```
 */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissResult {
  const k = counts[0]?.length ?? 0;
  if (counts.length === 0 || k === 0)
    throw new QualityInputError('empty_input', 'fleissKappa: the count table is empty');
  const totals = new Float64Array(k);
  const subjectAgreement: number[] = [];
  let n = 0;
  counts.forEach((row, i) => {
    const ni = rowTotal(row, i, k);
    if (ni === 0) return;
    if (n === 0) n = ni;
    if (ni !== n) {
      throw new QualityInputError(
        'bad_shape',
        `fleissKappa: subject ${i} has ${ni} ratings but earlier subjects have ${n}; Fleiss' kappa needs the same number per subject (use Krippendorff's alpha for missing ratings)`,
      );
    }
    let sq = 0;
    for (let j = 0; j < k; j++) {
      sq += row[j]! * row[j]!;
      totals[j]! += row[j]!;
    }
    subjectAgreement.push((sq - n) / (n * (n - 1)));
  });
  return summarize(totals, subjectAgreement, n);
}

function summarize(totals: Float64Array, subjectAgreement: number[], n: number): FleissResult {
  const subjects = subjectAgreement.length;
  const base = { subjectAgreement, ratersPerSubject: n, subjects };
  if (subjects === 0) {
    return {
      kappa: undefinedMetric('no subject has any rating'),
      observed: 0,
      expected: 0,
      categoryShares: [],
      ...base,
    };
  }
  if (n < 2) {
    return {
      kappa: undefinedMetric('each subject has a single rating; agreement needs at least two'),
      observed: 0,
      expected: 0,
      categoryShares: [],
      ...base,
    };
  }
  const shares = Array.from(totals, (t) => t / (subjects * n));
  const observed = subjectAgreement.reduce((s, p) => s + p, 0) / subjects;
  const expected = shares.reduce((s, p) => s + p * p, 0);
  const kappa =
    expected >= 1 - 1e-15
      ? undefinedMetric('chance agreement is 1: every rating is in the same category')
      : definedMetric((observed - expected) / (1 - expected));
  return { kappa, observed, expected, categoryShares: shares, ...base };
}

function rowTotal(row: readonly number[], i: number, k: number): number {
  if (row.length !== k)
    throw new QualityInputError(
      'bad_shape',
      `fleissKappa: subject ${i} has ${row.length} categories, expected ${k}`,
    );
  let total = 0;
  for (let j = 0; j < k; j++) {
    const v = row[j]!;
    if (!(Number.isInteger(v) && v >= 0)) {
      throw new QualityInputError(
        'bad_value',
        `fleissKappa: count (${i}, ${j}) must be a non-negative integer, got ${v}`,
      );
    }
    total += v;
  }
  return total;
}
