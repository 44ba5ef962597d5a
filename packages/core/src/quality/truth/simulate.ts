import { QualityInputError } from '../errors.ts';
import type { LabelMatrix } from '../label-matrix.ts';
import { seededRandom } from '../stats/rng.ts';

/** Options for {@link simulateCrowd}. */
export interface SimulateCrowdOptions {
  readonly nItems: number;
  readonly nClasses: number;
  /** `accuracy[w]`: probability worker w gives the true class; errors are uniform over the others. */
  readonly accuracy: readonly number[];
  /** Workers per item, drawn without replacement (default: all workers). */
  readonly labelsPerItem?: number;
  /** Class prior (default uniform). */
  readonly prior?: readonly number[];
  readonly seed?: number;
}

/**
 * Simulated crowd labels with known truth, for tests and benchmarks: each item draws a true
 * class from the prior, then `labelsPerItem` distinct workers label it, each right with
 * their own accuracy. Labels are emitted item by item. Reproducible from `seed`.
 *
 * @example
 * ```ts
 * const { matrix, truth } = simulateCrowd({ nItems: 1000, nClasses: 3, accuracy: [0.9, 0.6, 0.6], seed: 1 });
 * ```
 */
export function simulateCrowd(options: SimulateCrowdOptions): {
  matrix: LabelMatrix;
  truth: Int32Array;
} {
  const { nItems, nClasses: k, accuracy } = options;
  const nWorkers = accuracy.length;
  const per = options.labelsPerItem ?? nWorkers;
  if (k < 1 || nWorkers < 1 || per < 1 || per > nWorkers) {
    throw new QualityInputError(
      'bad_option',
      `simulateCrowd: need nClasses >= 1 and 1 <= labelsPerItem <= ${nWorkers}`,
    );
  }
  const random = seededRandom(options.seed ?? 1);
  const cumulative = cumulativePrior(options.prior, k);
  const n = nItems * per;
  const item = new Int32Array(n);
  const worker = new Int32Array(n);
  const label = new Int32Array(n);
  const truth = new Int32Array(nItems);
  const pool = Int32Array.from({ length: nWorkers }, (_, w) => w);
  let e = 0;
  for (let i = 0; i < nItems; i++) {
    const t = draw(cumulative, random());
    truth[i] = t;
    for (let j = 0; j < per; j++) {
      // Partial Fisher–Yates: the first `per` slots become a uniform sample of workers.
      const pick = j + Math.floor(random() * (nWorkers - j));
      const w = pool[pick]!;
      pool[pick] = pool[j]!;
      pool[j] = w;
      item[e] = i;
      worker[e] = w;
      label[e] =
        random() < accuracy[w]! || k === 1 ? t : (t + 1 + Math.floor(random() * (k - 1))) % k;
      e++;
    }
  }
  return { matrix: { nItems, nWorkers, nClasses: k, item, worker, label }, truth };
}

function cumulativePrior(prior: readonly number[] | undefined, k: number): Float64Array {
  const p = prior ?? new Array<number>(k).fill(1 / k);
  if (p.length !== k)
    throw new QualityInputError(
      'bad_option',
      `simulateCrowd: prior has ${p.length} entries, expected ${k}`,
    );
  const total = p.reduce((s, v) => s + v, 0);
  const out = new Float64Array(k);
  let acc = 0;
  for (let c = 0; c < k; c++) out[c] = acc += p[c]! / total;
  return out;
}

function draw(cumulative: Float64Array, u: number): number {
  for (let c = 0; c < cumulative.length; c++) if (u < cumulative[c]!) return c;
  return cumulative.length - 1;
}
