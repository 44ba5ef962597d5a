/**
 * Rounds floats to integers keeping their (rounded) sum, the way cleanlab's
 * `round_preserving_sum` does: round half to even, then move the entries with the largest
 * rounding error up (or down) one by one until the sums agree.
 *
 * @example
 * ```ts
 * roundPreservingSum(Float64Array.of(0.5, 0.5, 1.0)); // Int32Array [1, 0, 1] (sum 2)
 * ```
 */
export function roundPreservingSum(values: Float64Array): Int32Array {
  const ints = values.map(roundHalfEven);
  const target = roundHalfEven(values.reduce((s, v) => s + v, 0));
  let sum = ints.reduce((s, v) => s + v, 0);
  while (Math.abs(sum - target) > 1e-6) {
    const diff = roundHalfEven(target - sum);
    const step = diff < 0 ? -1 : 1;
    const changes = Math.min(Math.abs(diff), values.length);
    // Stable order by rounding error: largest positive error first when rounding up.
    const order = Array.from(values, (_, j) => j).sort((a, b) => {
      const ea = values[a]! - ints[a]!;
      const eb = values[b]! - ints[b]!;
      return step > 0 ? eb - ea || a - b : ea - eb || a - b;
    });
    for (let j = 0; j < changes; j++) ints[order[j]!]! += step;
    sum = ints.reduce((s, v) => s + v, 0);
  }
  return Int32Array.from(ints);
}

/**
 * Round half to even (banker's rounding), NumPy's `round`.
 *
 * @example
 * ```ts
 * roundHalfEven(2.5); // 2
 * roundHalfEven(3.5); // 4
 * ```
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
