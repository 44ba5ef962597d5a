import type { BioTags } from './bio.ts';
import type { PositionFeatures } from './char-features.ts';
import type { ChainScores } from './decode.ts';

/**
 * Weights of a structured (averaged) perceptron over BIO tags (Collins 2002), with the
 * averaging trick of Daumé (2006): besides the weights `w` it keeps `u`, the sum of every
 * update times the step at which it happened, so the average over all steps is `w − u / c`
 * without storing a copy per step. Averaging is what makes a perceptron generalise; it is
 * computed on the fly, so online updates stay O(features of one text).
 *
 * @example
 * ```ts
 * const pw = new PerceptronWeights(bio, 2 ** 17);
 * const s = pw.scores(features, true); // averaged scores for decoding
 * ```
 */
export class PerceptronWeights {
  readonly T: number;
  /** Emission weights and their step-weighted sums, index `feature * T + tag`. */
  readonly w: Float32Array;
  readonly u: Float32Array;
  /** Transition weights (`prev * T + tag`) and start weights, with their sums. */
  readonly trans: Float64Array;
  readonly transU: Float64Array;
  readonly start: Float64Array;
  readonly startU: Float64Array;
  /** Step counter (starts at 1; one step per training text). */
  c = 1;

  constructor(
    readonly bio: BioTags,
    readonly buckets: number,
  ) {
    this.T = bio.size;
    this.w = new Float32Array(buckets * this.T);
    this.u = new Float32Array(buckets * this.T);
    this.trans = new Float64Array(this.T * this.T);
    this.transU = new Float64Array(this.T * this.T);
    this.start = new Float64Array(this.T);
    this.startU = new Float64Array(this.T);
  }

  /** Chain scores of a text, with the current (`averaged = false`) or averaged weights. */
  scores(f: PositionFeatures, averaged: boolean): ChainScores {
    const T = this.T;
    const k = averaged ? 1 / this.c : 0;
    const emit = new Float64Array(f.length * T);
    for (let i = 0; i < f.length; i++) {
      for (let j = f.offsets[i]!; j < f.offsets[i + 1]!; j++) {
        const base = f.ids[j]! * T;
        for (let t = 0; t < T; t++) emit[i * T + t]! += this.w[base + t]! - k * this.u[base + t]!;
      }
    }
    const trans = new Float64Array(T * T);
    for (let x = 0; x < T * T; x++) trans[x] = this.trans[x]! - k * this.transU[x]!;
    const start = new Float64Array(T);
    for (let t = 0; t < T; t++) start[t] = this.start[t]! - k * this.startU[t]!;
    return { emit, trans, start, length: f.length };
  }

  /** Perceptron update towards `gold` and away from `pred` (no-op where they agree). */
  update(f: PositionFeatures, gold: Int32Array, pred: Int32Array): void {
    const T = this.T;
    const c = this.c;
    for (let i = 0; i < f.length; i++) {
      const g = gold[i]!;
      const p = pred[i]!;
      const gp = i === 0 ? -1 : gold[i - 1]!;
      const pp = i === 0 ? -1 : pred[i - 1]!;
      if (g !== p) {
        for (let j = f.offsets[i]!; j < f.offsets[i + 1]!; j++) {
          const base = f.ids[j]! * T;
          this.bump(this.w, this.u, base + g, 1, c);
          this.bump(this.w, this.u, base + p, -1, c);
        }
      }
      if (g === p && gp === pp) continue;
      if (i === 0) {
        this.bump(this.start, this.startU, g, 1, c);
        this.bump(this.start, this.startU, p, -1, c);
      } else {
        this.bump(this.trans, this.transU, gp * T + g, 1, c);
        this.bump(this.trans, this.transU, pp * T + p, -1, c);
      }
    }
    this.c++;
  }

  /** Forgets everything (before a retrain from scratch). */
  reset(): void {
    for (const a of [this.w, this.u, this.trans, this.transU, this.start, this.startU]) a.fill(0);
    this.c = 1;
  }

  private bump(w: Float32Array | Float64Array, u: typeof w, i: number, d: number, c: number) {
    w[i]! += d;
    u[i]! += c * d;
  }
}
