import { QualityInputError } from '../errors.ts';
import { definedMetric, undefinedMetric, type Metric } from '../metric.ts';
import { isMissing, orderedCategories, type RatingValue } from './categories.ts';

/** Level of measurement, which picks the difference function δ². */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

const LEVELS: readonly AlphaLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** Krippendorff's alpha with the disagreements it was computed from. */
export interface AlphaResult {
  readonly alpha: Metric;
  /** Observed and expected disagreement D_o, D_e (alpha = 1 − D_o / D_e). */
  readonly observedDisagreement: number;
  readonly expectedDisagreement: number;
  /** Pairable values n (values in units with at least two values). */
  readonly pairable: number;
  /** The value domain, in order. */
  readonly values: readonly string[];
}

/**
 * Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability") from
 * reliability data: `data[observer][unit]`, with null/undefined/'' for missing ratings.
 * Units with fewer than two values are not pairable and drop out. `values` fixes the order
 * of the value domain (needed for ordinal string labels); otherwise values are sorted
 * numerically when all are numbers. Interval and ratio need numeric values; ratio needs
 * non-negative ones. Undefined with a reason when fewer than two values are pairable or
 * there is no variation (D_e = 0).
 *
 * @example
 * ```ts
 * krippendorffAlpha([[1, 2, 3, null], [1, 2, 4, 4]], { level: 'interval' }).alpha.value;
 * ```
 */
export function krippendorffAlpha(
  data: readonly (readonly RatingValue[])[],
  options: { readonly level?: AlphaLevel; readonly values?: readonly RatingValue[] } = {},
): AlphaResult {
  const values = orderedCategories(data, options.values);
  const index = new Map(values.map((v, i) => [v, i] as const));
  const nUnits = Math.max(0, ...data.map((row) => row.length));
  const counts: number[][] = [];
  for (let u = 0; u < nUnits; u++) {
    const row = new Array<number>(values.length).fill(0);
    for (let o = 0; o < data.length; o++) {
      const v = data[o]![u];
      if (isMissing(v)) continue;
      const c = index.get(String(v));
      if (c === undefined) {
        throw new QualityInputError(
          'bad_value',
          `krippendorffAlpha: observer ${o}, unit ${u}: value "${String(v)}" is not in the value domain`,
        );
      }
      row[c]!++;
    }
    counts.push(row);
  }
  return krippendorffAlphaFromCounts(counts, values, options.level ?? 'nominal');
}

/**
 * Krippendorff's alpha from a units × values count table (`counts[u][c]` = how many
 * observers gave unit u the value `values[c]`), the form a label matrix reduces to.
 *
 * @example
 * ```ts
 * krippendorffAlphaFromCounts([[2, 0], [0, 2], [1, 1]], ['0', '1'], 'nominal').alpha.value; // 0.5
 * ```
 */
export function krippendorffAlphaFromCounts(
  counts: readonly (readonly number[])[],
  values: readonly string[],
  level: AlphaLevel,
): AlphaResult {
  const v = values.length;
  if (!LEVELS.includes(level)) {
    throw new QualityInputError(
      'bad_option',
      `unknown alpha level "${String(level)}" (expected ${LEVELS.join(', ')})`,
    );
  }
  const coincidence = new Float64Array(v * v);
  for (const row of counts) addUnit(coincidence, row, v);
  const marg = new Float64Array(v);
  let n = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) marg[c]! += coincidence[c * v + k]!;
    n += marg[c]!;
  }
  const delta = level === 'ordinal' ? ordinalDelta(marg) : differenceMatrix(values, level);
  let dObs = 0;
  let dExp = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      dObs += coincidence[c * v + k]! * delta[c * v + k]!;
      dExp += marg[c]! * marg[k]! * delta[c * v + k]!;
    }
  }
  const base = { pairable: n, values };
  if (n < 2) {
    return {
      alpha: undefinedMetric('fewer than two pairable values (no unit has two or more ratings)'),
      observedDisagreement: 0,
      expectedDisagreement: 0,
      ...base,
    };
  }
  const observedDisagreement = dObs / n;
  const expectedDisagreement = dExp / (n * (n - 1));
  const alpha =
    expectedDisagreement === 0
      ? undefinedMetric(
          'no variation: every pairable value is the same, so disagreement cannot be scaled',
        )
      : definedMetric(1 - observedDisagreement / expectedDisagreement);
  return { alpha, observedDisagreement, expectedDisagreement, ...base };
}

/** Adds one unit's pairs to the coincidence matrix: o_ck += m_c (m_k − [c = k]) / (m_u − 1). */
function addUnit(coincidence: Float64Array, row: readonly number[], v: number): void {
  let mu = 0;
  for (let c = 0; c < v; c++) {
    const x = row[c]!;
    if (!(Number.isInteger(x) && x >= 0))
      throw new QualityInputError(
        'bad_value',
        `krippendorffAlpha: counts must be non-negative integers, got ${x}`,
      );
    mu += x;
  }
  if (mu < 2) return;
  for (let c = 0; c < v; c++) {
    const mc = row[c]!;
    if (mc === 0) continue;
    for (let k = 0; k < v; k++) {
      const mk = row[k]! - (c === k ? 1 : 0);
      if (mk > 0) coincidence[c * v + k]! += (mc * mk) / (mu - 1);
    }
  }
}

/**
 * Ordinal δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², from the coincidence marginals n_g:
 * the distance between two ranks is the number of pairable values between them.
 */
function ordinalDelta(marg: Float64Array): Float64Array {
  const v = marg.length;
  const out = new Float64Array(v * v);
  for (let c = 0; c < v; c++) {
    let sum = 0;
    for (let k = c; k < v; k++) {
      sum += marg[k]!;
      const d = (sum - (marg[c]! + marg[k]!) / 2) ** 2;
      out[c * v + k] = d;
      out[k * v + c] = d;
    }
  }
  return out;
}

/** δ² for nominal (0/1), interval ((a−b)²) and ratio (((a−b)/(a+b))²) levels. */
function differenceMatrix(values: readonly string[], level: AlphaLevel): Float64Array {
  const v = values.length;
  const out = new Float64Array(v * v);
  if (level === 'nominal') {
    for (let c = 0; c < v; c++) for (let k = 0; k < v; k++) out[c * v + k] = c === k ? 0 : 1;
    return out;
  }
  const x = values.map((s) => {
    const num = Number(s);
    if (s.trim() === '' || !Number.isFinite(num))
      throw new QualityInputError(
        'bad_value',
        `krippendorffAlpha: ${level} level needs numeric values, got "${s}"`,
      );
    if (level === 'ratio' && num < 0)
      throw new QualityInputError(
        'bad_value',
        `krippendorffAlpha: ratio level needs non-negative values, got ${num}`,
      );
    return num;
  });
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      const a = x[c]!;
      const b = x[k]!;
      if (level === 'interval') out[c * v + k] = (a - b) ** 2;
      else out[c * v + k] = a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
    }
  }
  return out;
}
