/**
 * A number that may be undefined on the data, with the reason when it is.
 *
 * Agreement and accuracy statistics divide by quantities that can be zero (no variation,
 * no pairable values, expected agreement of 1). Those cases return a reason instead of NaN,
 * so a dashboard can say *why* there is no number.
 *
 * @example
 * ```ts
 * const m: Metric = { value: 0.74 };
 * const u: Metric = { value: undefined, reason: 'no variation in the data' };
 * ```
 */
export type Metric = { value: number; reason?: undefined } | { value: undefined; reason: string };

/**
 * Wraps a computed number; a non-finite number becomes an undefined metric with `reason`.
 *
 * @example
 * ```ts
 * definedMetric(0.5); // { value: 0.5 }
 * definedMetric(0 / 0, 'no items'); // { value: undefined, reason: 'no items' }
 * ```
 */
export function definedMetric(
  value: number,
  reasonIfNotFinite = 'the value is not finite',
): Metric {
  return Number.isFinite(value) ? { value } : { value: undefined, reason: reasonIfNotFinite };
}

/**
 * An undefined metric carrying the reason it cannot be computed on this data.
 *
 * @example
 * ```ts
 * undefinedMetric('fewer than two pairable values'); // { value: undefined, reason: '...' }
 * ```
 */
export function undefinedMetric(reason: string): Metric {
  return { value: undefined, reason };
}
