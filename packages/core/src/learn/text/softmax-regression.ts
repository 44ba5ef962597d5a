import type { SparseVector } from '../sparse-vector.ts';
import { softmaxInto } from './softmax.ts';

/**
 * Training settings of the logistic regression.
 *
 * @example
 * ```ts
 * const o: RegressionOptions = { learningRate: 0.5, l2: 1e-5 };
 * ```
 */
export interface RegressionOptions {
  /** AdaGrad base step (default 0.5). */
  learningRate?: number;
  /** L2 penalty per update on the touched weights (default 1e-5). */
  l2?: number;
}

/**
 * Multinomial logistic regression over hashed features, trained by AdaGrad (Duchi et al.
 * 2011): each weight gets its own step size, shrinking with the gradients it has seen, so rare
 * but telling n-grams still learn fast while frequent ones settle. That makes one online pass
 * nearly as good as several epochs, which is what `partialFit` needs. L2 is applied lazily to
 * the weights an example touches (the usual sparse-SGD approximation).
 *
 * @example
 * ```ts
 * const lr = new HashedSoftmaxRegression(2, 2 ** 18);
 * lr.update(vector, 1);
 * ```
 */
export class HashedSoftmaxRegression {
  /** weights[j * K + c] (feature-major: one bucket's K weights are adjacent). */
  readonly weights: Float32Array;
  /** AdaGrad sums of squared gradients, same layout. */
  readonly gradSq: Float32Array;
  readonly bias: Float64Array;
  readonly biasGradSq: Float64Array;
  readonly learningRate: number;
  readonly l2: number;
  private readonly p: Float64Array;

  constructor(
    readonly nClasses: number,
    readonly buckets: number,
    opts: RegressionOptions = {},
  ) {
    this.weights = new Float32Array(nClasses * buckets);
    this.gradSq = new Float32Array(nClasses * buckets);
    this.bias = new Float64Array(nClasses);
    this.biasGradSq = new Float64Array(nClasses);
    this.learningRate = opts.learningRate ?? 0.5;
    this.l2 = opts.l2 ?? 1e-5;
    this.p = new Float64Array(nClasses);
  }

  /** Logits W·x + b of `x` into `out`. */
  logits(x: SparseVector, out: Float64Array): Float64Array {
    const K = this.nClasses;
    for (let c = 0; c < K; c++) out[c] = this.bias[c]!;
    for (let k = 0; k < x.indices.length; k++) {
      const base = x.indices[k]! * K;
      const v = x.values[k]!;
      for (let c = 0; c < K; c++) out[c]! += v * this.weights[base + c]!;
    }
    return out;
  }

  /** One AdaGrad step on the log loss of example (x, y), with sample weight `w`. */
  update(x: SparseVector, y: number, w = 1): void {
    const K = this.nClasses;
    const p = softmaxInto(this.logits(x, this.p), this.p);
    const eta = this.learningRate;
    for (let c = 0; c < K; c++) {
      const g = w * (p[c]! - (c === y ? 1 : 0));
      this.biasGradSq[c]! += g * g;
      this.bias[c]! -= (eta * g) / (Math.sqrt(this.biasGradSq[c]!) + 1e-8);
    }
    for (let k = 0; k < x.indices.length; k++) {
      const base = x.indices[k]! * K;
      const v = x.values[k]!;
      for (let c = 0; c < K; c++) {
        const i = base + c;
        const g = w * (p[c]! - (c === y ? 1 : 0)) * v + this.l2 * this.weights[i]!;
        this.gradSq[i]! += g * g;
        this.weights[i]! -= (eta * g) / (Math.sqrt(this.gradSq[i]!) + 1e-8);
      }
    }
  }

  /** Forgets everything (before a retrain from scratch). */
  reset(): void {
    this.weights.fill(0);
    this.gradSq.fill(0);
    this.bias.fill(0);
    this.biasGradSq.fill(0);
  }
}
