/**
 * Softmax of `logits` into `out` (max-subtracted, so large logits do not overflow).
 *
 * @example
 * ```ts
 * softmaxInto(Float64Array.of(0, 0), new Float64Array(2)); // [0.5, 0.5]
 * ```
 */
export function softmaxInto(logits: ArrayLike<number>, out: Float64Array): Float64Array {
  let m = -Infinity;
  for (let c = 0; c < logits.length; c++) if (logits[c]! > m) m = logits[c]!;
  let s = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp(logits[c]! - m);
    out[c] = e;
    s += e;
  }
  for (let c = 0; c < logits.length; c++) out[c]! /= s;
  return out;
}

/**
 * Index of the largest value (the first one on ties, so results are deterministic).
 *
 * @example
 * ```ts
 * argmax([0.2, 0.7, 0.1]); // 1
 * ```
 */
export function argmax(xs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[best]!) best = i;
  return best;
}
