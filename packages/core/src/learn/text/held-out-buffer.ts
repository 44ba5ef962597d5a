import type { HeldOutScores } from './blend-calibration.ts';

/**
 * A ring buffer of the most recent prequential ("test, then train") scores: in online
 * learning every arriving label is first scored by the model that has not seen it yet, which
 * makes it a held-out score for free. The blend of the text classifier is refitted on these,
 * so an online-only model is calibrated without a separate held-out fold. The newest scores
 * are kept because the model changes as it learns.
 *
 * @example
 * ```ts
 * const buf = new HeldOutBuffer(2, 1000);
 * buf.push(nbLogits, lrLogits, 1);
 * fitBlend(buf.scores(), 'prequential');
 * ```
 */
export class HeldOutBuffer {
  private readonly za: Float64Array;
  private readonly zb: Float64Array;
  private readonly y: Int32Array;
  private head = 0;
  size = 0;

  constructor(
    readonly nClasses: number,
    readonly capacity: number,
  ) {
    this.za = new Float64Array(capacity * nClasses);
    this.zb = new Float64Array(capacity * nClasses);
    this.y = new Int32Array(capacity);
  }

  /** Adds one example's logits from both members and its true class. */
  push(za: ArrayLike<number>, zb: ArrayLike<number>, y: number): void {
    const K = this.nClasses;
    for (let c = 0; c < K; c++) {
      this.za[this.head * K + c] = za[c]!;
      this.zb[this.head * K + c] = zb[c]!;
    }
    this.y[this.head] = y;
    this.head = (this.head + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Drops every score (after a retrain from scratch, the old scores describe another model). */
  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  /** The buffered scores (order does not matter to the fit). */
  scores(): HeldOutScores {
    const n = this.size * this.nClasses;
    return {
      za: this.za.subarray(0, n),
      zb: this.zb.subarray(0, n),
      y: this.y.subarray(0, this.size),
      nClasses: this.nClasses,
    };
  }
}
