import { seededRandom } from '../../quality/index.ts';
import { LearnInputError } from '../errors.ts';
import { sparseDot, type SparseVector } from '../sparse-vector.ts';
import { uncertainty, type UncertaintyStrategy } from './uncertainty.ts';

/**
 * An unlabeled task offered to active learning: the model's probabilities and, for the
 * diversity term, its unit-length feature vector (`TextClassifier.featurize`).
 *
 * @example
 * ```ts
 * const c: Candidate = { id: 't-17', probs: clf.predictProbaVector(v), vector: v };
 * ```
 */
export interface Candidate {
  id: string | number;
  probs: ArrayLike<number>;
  vector?: SparseVector;
}

/**
 * Options of {@link selectBatch}.
 *
 * @example
 * ```ts
 * const o: SelectOptions = { strategy: 'entropy', diversityWeight: 0.3 };
 * ```
 */
export interface SelectOptions {
  /** Uncertainty measure, or `random` (a seeded baseline). Default `entropy`. */
  strategy?: UncertaintyStrategy | 'random';
  /** Weight in [0, 1] of diversity against uncertainty (default 0: uncertainty only). */
  diversityWeight?: number;
  /** With diversity, only the `poolFactor · k` most uncertain are considered (default 10). */
  poolFactor?: number;
  /** Seed of the `random` strategy (default 1). */
  seed?: number;
}

/**
 * A selected candidate: its place in the input, its uncertainty, and its cosine distance to
 * the nearest candidate selected before it (undefined for the first or without diversity).
 *
 * @example
 * ```ts
 * const s: Selected = { id: 't-17', index: 3, uncertainty: 0.98, distance: 0.71 };
 * ```
 */
export interface Selected {
  id: string | number;
  index: number;
  uncertainty: number;
  distance: number | undefined;
}

/**
 * Picks `k` candidates to label next. Without diversity: the `k` most uncertain (ties by
 * input order). With `diversityWeight = w > 0`: greedy max-min selection (as in core-set
 * active learning, Sener & Savarese 2018) over the `poolFactor · k` most uncertain, each step
 * taking the candidate maximising `(1 − w) · uncertainty + w · distance`, where distance is
 * 1 − cosine similarity to the nearest already selected candidate. Uncertainty alone picks
 * near-duplicates (ten copies of the same confusing SMS); the distance term spreads the batch.
 * Cost: O(k · pool) sparse dot products.
 *
 * @example
 * ```ts
 * const next = selectBatch(candidates, 20, { strategy: 'margin', diversityWeight: 0.3 });
 * next.map((s) => s.id); // the tasks to label next, most useful first
 * ```
 */
export function selectBatch(
  candidates: readonly Candidate[],
  k: number,
  opts: SelectOptions = {},
): Selected[] {
  const { strategy = 'entropy', diversityWeight: w = 0, poolFactor = 10, seed = 1 } = opts;
  checkOptions(k, w, poolFactor);
  const rnd = seededRandom(seed);
  const u = candidates.map((c, i) =>
    strategy === 'random' ? rnd() : uncertainty(c.probs, strategy, `candidates[${i}].probs`),
  );
  const order = u.map((_, i) => i).sort((a, b) => u[b]! - u[a]! || a - b);
  if (w === 0) {
    return order.slice(0, k).map((i) => ({
      id: candidates[i]!.id,
      index: i,
      uncertainty: u[i]!,
      distance: undefined,
    }));
  }
  const pool = order.slice(0, Math.min(order.length, Math.max(k, Math.ceil(poolFactor * k))));
  pool.forEach((i) => {
    if (!candidates[i]!.vector) {
      throw new LearnInputError(
        'bad_example',
        `candidates[${i}].vector: needed when diversityWeight > 0`,
      );
    }
  });
  return greedyMaxMin(candidates, pool, u, k, w);
}

function greedyMaxMin(
  candidates: readonly Candidate[],
  pool: number[],
  u: number[],
  k: number,
  w: number,
): Selected[] {
  const dist = new Float64Array(pool.length).fill(1);
  const used = new Uint8Array(pool.length);
  const out: Selected[] = [];
  while (out.length < Math.min(k, pool.length)) {
    let best = -1;
    let bestScore = -Infinity;
    for (let j = 0; j < pool.length; j++) {
      if (used[j]) continue;
      const score = (1 - w) * u[pool[j]!]! + w * dist[j]!;
      if (score > bestScore) [best, bestScore] = [j, score];
    }
    used[best] = 1;
    const i = pool[best]!;
    out.push({
      id: candidates[i]!.id,
      index: i,
      uncertainty: u[i]!,
      distance: out.length === 0 ? undefined : dist[best]!,
    });
    const v = candidates[i]!.vector!;
    for (let j = 0; j < pool.length; j++) {
      if (used[j]) continue;
      const d = Math.max(0, 1 - sparseDot(v, candidates[pool[j]!]!.vector!));
      if (d < dist[j]!) dist[j] = d;
    }
  }
  return out;
}

function checkOptions(k: number, w: number, poolFactor: number): void {
  if (!Number.isInteger(k) || k < 0) {
    throw new LearnInputError('bad_option', `k must be a non-negative integer, got ${k}`);
  }
  if (!(w >= 0 && w <= 1)) {
    throw new LearnInputError('bad_option', `diversityWeight must be in [0, 1], got ${w}`);
  }
  if (!(poolFactor >= 1) || !Number.isFinite(poolFactor)) {
    throw new LearnInputError('bad_option', `poolFactor must be a number >= 1, got ${poolFactor}`);
  }
}
