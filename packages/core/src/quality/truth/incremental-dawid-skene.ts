import { QualityInputError } from '../errors.ts';
import type { LabelMatrix } from '../label-matrix.ts';
import type { ItemConsensus } from './incremental-majority.ts';
import type { TruthResult } from './types.ts';

/**
 * Dawid–Skene E-step for one item, kept up to date label by label: the server's submit path
 * recomputes the touched item's posterior from the current confusion matrices in O(K) per
 * new label, and a periodic batch {@link dawidSkene} run refreshes the matrices.
 * A worker the model has not seen (index ≥ the model's nWorkers) uses the label-weighted
 * average confusion matrix of the known workers.
 *
 * @example
 * ```ts
 * const model = dawidSkene(m);
 * const inc = IncrementalDawidSkene.fromResult(model, m);
 * inc.add(item, worker, label); // -> { label, confidence, labelCount }
 * inc.posterior(item); // Float64Array(K)
 * ```
 */
export class IncrementalDawidSkene {
  private readonly k: number;
  /** log θ stored as [worker][given][true] so one label touches K contiguous values. */
  private readonly logConf: Float64Array;
  private readonly logDefault: Float64Array;
  private readonly logPrior: Float64Array;
  private scores: Float64Array;
  private counts: Int32Array;

  private constructor(
    private readonly nWorkers: number,
    nClasses: number,
    confusion: Float64Array,
    priors: Float64Array,
    workerWeights: Float64Array,
    initialItems: number,
  ) {
    const k = (this.k = nClasses);
    this.logConf = transposeLog(confusion, nWorkers, k);
    this.logDefault = transposeLog(averageConfusion(confusion, workerWeights, nWorkers, k), 1, k);
    this.logPrior = new Float64Array(k);
    for (let c = 0; c < k; c++) this.logPrior[c] = Math.log(Math.max(priors[c]!, 1e-10));
    const capacity = Math.max(1, initialItems);
    this.scores = new Float64Array(capacity * k);
    this.counts = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.scores.set(this.logPrior, i * k);
  }

  /**
   * Starts from a fitted model (any {@link TruthResult}; normally Dawid–Skene) and replays the
   * labels of `m`, so every item's posterior equals the model's E-step.
   */
  static fromResult(result: TruthResult, m?: LabelMatrix): IncrementalDawidSkene {
    const weights = new Float64Array(result.nWorkers);
    if (m) for (let e = 0; e < m.worker.length; e++) weights[m.worker[e]!]!++;
    else weights.fill(1);
    const inc = new IncrementalDawidSkene(
      result.nWorkers,
      result.nClasses,
      result.confusion,
      result.priors,
      weights,
      result.nItems,
    );
    if (m)
      for (let e = 0; e < m.item.length; e++) inc.accumulate(m.item[e]!, m.worker[e]!, m.label[e]!);
    return inc;
  }

  /** Adds one label and returns the item's updated consensus. */
  add(item: number, worker: number, label: number): ItemConsensus {
    this.check(item, worker, label);
    this.accumulate(item, worker, label);
    return this.get(item);
  }

  /** Current consensus of an item (label -1 when it has no labels). */
  get(item: number): ItemConsensus {
    if (item >= this.counts.length || this.counts[item] === 0)
      return { label: -1, confidence: 0, labelCount: 0 };
    const post = this.posterior(item);
    let best = 0;
    for (let c = 1; c < this.k; c++) if (post[c]! > post[best]!) best = c;
    return { label: best, confidence: post[best]!, labelCount: this.counts[item]! };
  }

  /** Posterior over classes of one item (the prior when it has no labels). */
  posterior(item: number): Float64Array {
    const k = this.k;
    const out = new Float64Array(k);
    if (item >= this.counts.length) {
      out.set(this.logPrior);
    } else {
      out.set(this.scores.subarray(item * k, item * k + k));
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, out[c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += out[c] = Math.exp(out[c]! - max);
    for (let c = 0; c < k; c++) out[c]! /= sum;
    return out;
  }

  private accumulate(item: number, worker: number, label: number): void {
    this.ensure(item);
    const k = this.k;
    const table = worker < this.nWorkers ? this.logConf : this.logDefault;
    const src = (worker < this.nWorkers ? worker * k * k : 0) + label * k;
    const row = item * k;
    for (let t = 0; t < k; t++) this.scores[row + t]! += table[src + t]!;
    this.counts[item]!++;
  }

  private check(item: number, worker: number, label: number): void {
    if (!Number.isInteger(item) || item < 0 || !Number.isInteger(worker) || worker < 0) {
      throw new QualityInputError(
        'bad_value',
        `IncrementalDawidSkene: item and worker must be non-negative integers, got ${item}, ${worker}`,
      );
    }
    if (!Number.isInteger(label) || label < 0 || label >= this.k) {
      throw new QualityInputError(
        'bad_value',
        `IncrementalDawidSkene: label ${label} is not a class index in [0, ${this.k})`,
      );
    }
  }

  private ensure(item: number): void {
    if (item < this.counts.length) return;
    const k = this.k;
    let capacity = this.counts.length;
    while (capacity <= item) capacity *= 2;
    const scores = new Float64Array(capacity * k);
    scores.set(this.scores);
    for (let i = this.counts.length; i < capacity; i++) scores.set(this.logPrior, i * k);
    const counts = new Int32Array(capacity);
    counts.set(this.counts);
    this.scores = scores;
    this.counts = counts;
  }
}

function transposeLog(confusion: Float64Array, nWorkers: number, k: number): Float64Array {
  const out = new Float64Array(nWorkers * k * k);
  for (let w = 0; w < nWorkers; w++) {
    for (let t = 0; t < k; t++) {
      for (let l = 0; l < k; l++) {
        out[w * k * k + l * k + t] = Math.log(Math.max(confusion[w * k * k + t * k + l]!, 1e-10));
      }
    }
  }
  return out;
}

function averageConfusion(
  confusion: Float64Array,
  weights: Float64Array,
  nWorkers: number,
  k: number,
): Float64Array {
  const out = new Float64Array(k * k);
  let total = 0;
  for (let w = 0; w < nWorkers; w++) {
    const wt = weights[w]!;
    total += wt;
    for (let j = 0; j < k * k; j++) out[j]! += wt * confusion[w * k * k + j]!;
  }
  for (let j = 0; j < k * k; j++) out[j] = total > 0 ? out[j]! / total : 1 / k;
  return out;
}
