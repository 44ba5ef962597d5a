import { normalQuantile } from './normal.ts';

/**
 * A proportion (successes / trials) with its Wilson score interval, or the reason it is
 * undefined (no trials). Every rate Tessera reports (accuracy, pass rate, precision,
 * recall) uses this shape so the uncertainty travels with the number.
 *
 * @example
 * ```ts
 * const r: Rate = wilsonInterval(45, 50); // { value: 0.9, lower: 0.786..., upper: 0.957..., ... }
 * ```
 */
export type Rate =
  | {
      value: number;
      lower: number;
      upper: number;
      successes: number;
      trials: number;
      confidence: number;
      reason?: undefined;
    }
  | {
      value: undefined;
      lower: undefined;
      upper: undefined;
      successes: number;
      trials: 0;
      confidence: number;
      reason: string;
    };

/**
 * Wilson score interval for a binomial proportion (Wilson 1927). Unlike the normal
 * ("Wald") interval it stays inside [0, 1] and behaves at 0/n and n/n, which matters for
 * annotators with few gold tasks.
 *
 * Throws RangeError for negative or non-integer counts, successes > trials, or a
 * confidence outside (0, 1). Zero trials give an undefined rate with a reason.
 *
 * @example
 * ```ts
 * wilsonInterval(0, 10).upper; // 0.2775... (not 0, as the Wald interval would claim)
 * wilsonInterval(0, 0).reason; // 'no trials'
 * ```
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Rate {
  checkCounts(successes, trials, confidence);
  if (trials === 0) {
    return {
      value: undefined,
      lower: undefined,
      upper: undefined,
      successes,
      trials: 0,
      confidence,
      reason: 'no trials',
    };
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  return {
    value: p,
    // Clamp rounding noise only; the exact interval is always inside [0, 1].
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
    successes,
    trials,
    confidence,
  };
}

function checkCounts(successes: number, trials: number, confidence: number): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0) {
    throw new RangeError(
      `wilsonInterval: counts must be non-negative integers, got ${successes}/${trials}`,
    );
  }
  if (successes > trials) {
    throw new RangeError(`wilsonInterval: successes (${successes}) exceed trials (${trials})`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`wilsonInterval: confidence must be in (0, 1), got ${confidence}`);
  }
}
