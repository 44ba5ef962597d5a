import type { SparseVector } from '../sparse-vector.ts';
import type { HeldOutScores } from './blend-calibration.ts';
import type { HashedNaiveBayes } from './naive-bayes.ts';
import type { HashedSoftmaxRegression } from './softmax-regression.ts';

/**
 * The two members of the text classifier, trained together.
 *
 * @example
 * ```ts
 * const m: Members = { nb: new HashedNaiveBayes(2, D), lr: new HashedSoftmaxRegression(2, D) };
 * ```
 */
export interface Members {
  nb: HashedNaiveBayes;
  lr: HashedSoftmaxRegression;
}

/**
 * Trains both members from scratch on examples `rows` (indices into xs/ys): naive Bayes in one
 * counting pass, the regression for `epochs` passes in a fresh seeded order each pass (the
 * order matters to SGD; seeding keeps retrains reproducible).
 *
 * @example
 * ```ts
 * trainMembers(members, xs, ys, Int32Array.of(0, 1, 2), 3, seededRandom(1));
 * ```
 */
export function trainMembers(
  m: Members,
  xs: readonly SparseVector[],
  ys: Int32Array,
  rows: Int32Array,
  epochs: number,
  rng: () => number,
): void {
  m.nb.reset();
  m.lr.reset();
  for (const i of rows) m.nb.add(xs[i]!, ys[i]!);
  const order = Int32Array.from(rows);
  for (let e = 0; e < epochs; e++) {
    shuffle(order, rng);
    for (const i of order) m.lr.update(xs[i]!, ys[i]!);
  }
}

/**
 * Fisher–Yates shuffle in place.
 *
 * @example
 * ```ts
 * shuffle(order, seededRandom(7));
 * ```
 */
export function shuffle(a: Int32Array, rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/**
 * Out-of-fold logits of both members (k-fold cross-fitting): every example is scored by
 * members trained without it, giving n held-out scores from n labels, where a single held-out
 * fold would give n/k and take them away from training. Only the first `scored` folds are
 * scored: on large data a few thousand held-out scores fit two parameters as well as all n
 * would, at a fraction of the cost. `scratch` is reused for each fold; rows of unscored folds
 * are left out of the result.
 *
 * @example
 * ```ts
 * const scores = crossFitScores(scratch, xs, ys, 5, 5, 3, seededRandom(1));
 * fitBlend(scores, 'cross-fit');
 * ```
 */
export function crossFitScores(
  scratch: Members,
  xs: readonly SparseVector[],
  ys: Int32Array,
  folds: number,
  scored: number,
  epochs: number,
  rng: () => number,
): HeldOutScores {
  const n = xs.length;
  const K = scratch.nb.nClasses;
  const perm = new Int32Array(n).map((_, i) => i);
  shuffle(perm, rng);
  const fold = new Int32Array(n);
  perm.forEach((row, pos) => (fold[row] = pos % folds));
  const rows = perm.filter((i) => fold[i]! < scored);
  const za = new Float64Array(rows.length * K);
  const zb = new Float64Array(rows.length * K);
  const y = new Int32Array(rows.length);
  let r = 0;
  for (let f = 0; f < scored; f++) {
    trainMembers(
      scratch,
      xs,
      ys,
      perm.filter((i) => fold[i] !== f),
      epochs,
      rng,
    );
    for (const i of perm) {
      if (fold[i] !== f) continue;
      scratch.nb.logits(xs[i]!, za.subarray(r * K, (r + 1) * K));
      scratch.lr.logits(xs[i]!, zb.subarray(r * K, (r + 1) * K));
      y[r++] = ys[i]!;
    }
  }
  return { za, zb, y, nClasses: K };
}
