import type { SparseVector } from '../sparse-vector.ts';

/**
 * Multinomial naive Bayes over hashed feature vectors (McCallum & Nigam 1998), with the
 * vocabulary size in the smoothing taken as the number of buckets seen in training (not the
 * bucket count, which would drown a few hundred examples in pseudo-counts). Buckets never seen
 * in training are ignored at prediction, as out-of-vocabulary words are. Exactly online:
 * `add` is a count update, so it is as good after one pass as after many.
 *
 * @example
 * ```ts
 * const nb = new HashedNaiveBayes(2, 2 ** 18);
 * nb.add(vector, 1);
 * nb.logits(vector, new Float64Array(2));
 * ```
 */
export class HashedNaiveBayes {
  /** counts[j * K + c]: mass of bucket j in class c. */
  readonly counts: Float32Array;
  /** Per-class total mass and number of documents. */
  readonly classMass: Float64Array;
  readonly classDocs: Float64Array;
  /** Number of buckets with any mass (the vocabulary size V in the smoothing). */
  seen = 0;

  constructor(
    readonly nClasses: number,
    readonly buckets: number,
    readonly alpha = 0.1,
  ) {
    this.counts = new Float32Array(nClasses * buckets);
    this.classMass = new Float64Array(nClasses);
    this.classDocs = new Float64Array(nClasses);
  }

  /** Adds one example of class `y`. */
  add(x: SparseVector, y: number): void {
    const K = this.nClasses;
    for (let k = 0; k < x.indices.length; k++) {
      const base = x.indices[k]! * K;
      if (!this.hasMass(base)) this.seen++;
      this.counts[base + y]! += x.values[k]!;
      this.classMass[y]! += x.values[k]!;
    }
    this.classDocs[y]! += 1;
  }

  /** Forgets everything (before a retrain from scratch). */
  reset(): void {
    this.counts.fill(0);
    this.classMass.fill(0);
    this.classDocs.fill(0);
    this.seen = 0;
  }

  /** Log joint probabilities (unnormalised log posteriors) of `x` into `out`. */
  logits(x: SparseVector, out: Float64Array): Float64Array {
    const K = this.nClasses;
    const a = this.alpha;
    const docs = this.classDocs.reduce((s, v) => s + v, 0);
    for (let c = 0; c < K; c++) {
      // Add-one smoothed prior, so a class with no examples yet is unlikely, not impossible.
      out[c] = Math.log((this.classDocs[c]! + 1) / (docs + K));
    }
    for (let k = 0; k < x.indices.length; k++) {
      const base = x.indices[k]! * K;
      if (!this.hasMass(base)) continue;
      const v = x.values[k]!;
      for (let c = 0; c < K; c++) out[c]! += v * Math.log(this.counts[base + c]! + a);
    }
    let mass = 0;
    for (let k = 0; k < x.values.length; k++) {
      if (this.hasMass(x.indices[k]! * K)) mass += x.values[k]!;
    }
    // Nothing known about x (no training yet, or only unseen buckets): the prior alone.
    if (mass === 0) return out;
    for (let c = 0; c < K; c++) out[c]! -= mass * Math.log(this.classMass[c]! + a * this.seen);
    return out;
  }

  private hasMass(base: number): boolean {
    for (let c = 0; c < this.nClasses; c++) if (this.counts[base + c]! !== 0) return true;
    return false;
  }
}
