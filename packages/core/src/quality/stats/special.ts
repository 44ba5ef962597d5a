/**
 * Digamma function ψ(x) = d/dx ln Γ(x) for x > 0, used by MACE's variational M-step.
 * Uses the recurrence ψ(x) = ψ(x + 1) − 1/x to reach x ≥ 10, then the asymptotic series;
 * absolute error below 1e-12 there.
 *
 * @example
 * ```ts
 * digamma(1); // -0.5772156649 (minus the Euler–Mascheroni constant)
 * ```
 */
export function digamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`digamma: x must be > 0, got ${x}`);
  let result = 0;
  let v = x;
  while (v < 10) {
    result -= 1 / v;
    v += 1;
  }
  const inv = 1 / v;
  const inv2 = inv * inv;
  // Bernoulli-number series: ln v − 1/(2v) − 1/(12v²) + 1/(120v⁴) − 1/(252v⁶) + 1/(240v⁸) − 1/(132v¹⁰)
  const series =
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
  return result + Math.log(v) - 0.5 * inv - series;
}
