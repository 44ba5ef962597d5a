import { LearnInputError } from '../errors.ts';

/**
 * How uncertain a prediction is. All three are scaled to [0, 1] (0: sure, 1: uniform):
 * - `entropy`: Shannon entropy of the probabilities / ln K (uses every class);
 * - `margin`: 1 − (p₁ − p₂), the gap between the two most probable classes;
 * - `least-confidence`: (1 − p₁) · K / (K − 1).
 * For two classes they order examples identically; they differ from three classes up.
 *
 * @example
 * ```ts
 * const s: UncertaintyStrategy = 'margin';
 * ```
 */
export type UncertaintyStrategy = 'entropy' | 'margin' | 'least-confidence';

/**
 * Uncertainty of one probability vector under `strategy`, in [0, 1]. Throws a LearnInputError
 * (naming `where`) for fewer than two classes or probabilities that are negative, not finite
 * or do not sum to 1 (±1e-6).
 *
 * @example
 * ```ts
 * uncertainty([0.5, 0.5], 'entropy'); // 1
 * uncertainty([0.9, 0.1], 'margin'); // 0.2
 * uncertainty([1, 0, 0], 'least-confidence'); // 0
 * ```
 */
export function uncertainty(
  probs: ArrayLike<number>,
  strategy: UncertaintyStrategy,
  where = 'probs',
): number {
  checkProbs(probs, where);
  const K = probs.length;
  let p1 = 0;
  let p2 = 0;
  let h = 0;
  for (let c = 0; c < K; c++) {
    const p = probs[c]!;
    if (p > p1) [p1, p2] = [p, p1];
    else if (p > p2) p2 = p;
    if (p > 0) h -= p * Math.log(p);
  }
  if (strategy === 'entropy') return clamp01(h / Math.log(K));
  if (strategy === 'margin') return clamp01(1 - (p1 - p2));
  if (strategy === 'least-confidence') return clamp01(((1 - p1) * K) / (K - 1));
  throw new LearnInputError(
    'bad_option',
    `unknown uncertainty strategy ${JSON.stringify(strategy)}`,
  );
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function checkProbs(probs: ArrayLike<number>, where: string): void {
  if (probs.length < 2) {
    throw new LearnInputError('bad_example', `${where}: need probabilities for at least 2 classes`);
  }
  let s = 0;
  for (let c = 0; c < probs.length; c++) {
    const p = probs[c]!;
    if (!(p >= 0) || !Number.isFinite(p)) {
      throw new LearnInputError('bad_example', `${where}[${c}]: ${p} is not a probability`);
    }
    s += p;
  }
  if (Math.abs(s - 1) > 1e-6) {
    throw new LearnInputError('bad_example', `${where}: probabilities sum to ${s}, not 1`);
  }
}
