import type { LabelMatrix } from '../label-matrix.ts';
import { checkTruthInput, isDegenerate } from './check-input.ts';
import {
  confusionCounts,
  countLabelsPerItem,
  decodePosterior,
  normalizeConfusion,
} from './confusion.ts';
import { classPriors, majorityVote, voteShares } from './majority-vote.ts';
import type { TruthResult } from './types.ts';

/** Options for {@link dawidSkene}. */
export interface DawidSkeneOptions {
  /** Maximum EM iterations (default 100). */
  readonly maxIterations?: number;
  /**
   * Stop when the log-likelihood per label improves by less than this (default 1e-5).
   * Use 0 to always run `maxIterations` (benchmarks).
   */
  readonly tolerance?: number;
  /** Floor applied to confusion counts and priors before normalising (default 1e-10). */
  readonly floor?: number;
}

/**
 * Dawid–Skene (1979): each worker has a full confusion matrix; EM alternates
 * E: P(z_i = t) ∝ π_t · Π_{labels e of i} θ_{w_e}[t][l_e] and
 * M: θ_w[t][l] ∝ Σ_{e by w, l_e = l} P(z_{i_e} = t), π_t = mean_i P(z_i = t).
 * Initialised from majority-vote shares, as in Crowd-Kit. Cost per iteration is
 * O(labels · K); everything lives in typed arrays.
 *
 * With one worker or one class the model is not identifiable and the result is the
 * majority vote (labelled `ds`, 0 iterations).
 *
 * @example
 * ```ts
 * const r = dawidSkene(m, { maxIterations: 50 });
 * r.labels; r.posterior; r.confusion; r.converged;
 * ```
 */
export function dawidSkene(m: LabelMatrix, options: DawidSkeneOptions = {}): TruthResult {
  checkTruthInput(m);
  if (isDegenerate(m)) return { ...majorityVote(m), method: 'ds' };
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-5;
  const floor = options.floor ?? 1e-10;
  const k = m.nClasses;
  const perItem = countLabelsPerItem(m);
  const shares = voteShares(m);
  let priors = classPriors(shares.posterior, shares.labels, k);
  const counts = new Float64Array(m.nWorkers * k * k);
  let norm = normalizeConfusion(confusionCounts(m, shares.posterior, counts), m.nWorkers, k, floor);
  const work = new DsWorkspace(m, perItem);
  let previous = -Infinity;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const logLikelihood = work.eStep(norm.confusion, priors, floor);
    priors = classPriors(work.posterior, work.hasLabels, k);
    norm = normalizeConfusion(
      confusionCounts(m, work.posterior, counts),
      m.nWorkers,
      k,
      floor,
      norm.confusion,
    );
    const gain = (logLikelihood - previous) / m.item.length;
    previous = logLikelihood;
    if (Math.abs(gain) < tolerance) {
      converged = true;
      break;
    }
  }
  return finish(m, work, norm, priors, { iterations, converged, floor });
}

function finish(
  m: LabelMatrix,
  work: DsWorkspace,
  norm: { confusion: Float64Array; mass: Float64Array },
  priors: Float64Array,
  run: { iterations: number; converged: boolean; floor: number },
): TruthResult {
  // A last E-step makes the result self-consistent: posterior = E(priors, confusion), so
  // IncrementalDawidSkene replaying the same labels reproduces it exactly.
  work.eStep(norm.confusion, priors, run.floor);
  const { labels, confidence } = decodePosterior(
    work.posterior,
    m.nItems,
    m.nClasses,
    work.perItem,
  );
  return {
    method: 'ds',
    nItems: m.nItems,
    nWorkers: m.nWorkers,
    nClasses: m.nClasses,
    labels,
    posterior: work.posterior,
    confidence,
    confusion: norm.confusion,
    confusionMass: norm.mass,
    priors,
    iterations: run.iterations,
    converged: run.converged,
  };
}

/**
 * Reusable buffers for the Dawid–Skene E-step. Log confusion is stored as
 * `[worker][given][true]` so the K values one label adds to its item are contiguous.
 */
class DsWorkspace {
  readonly posterior: Float64Array;
  /** `hasLabels[i]` is 0 for items without labels (-1 sentinel for classPriors). */
  readonly hasLabels: Int32Array;
  private readonly logConf: Float64Array;
  private readonly logPrior: Float64Array;

  constructor(
    private readonly m: LabelMatrix,
    readonly perItem: Int32Array,
  ) {
    const k = m.nClasses;
    this.posterior = new Float64Array(m.nItems * k);
    this.logConf = new Float64Array(m.nWorkers * k * k);
    this.logPrior = new Float64Array(k);
    this.hasLabels = new Int32Array(m.nItems);
    for (let i = 0; i < m.nItems; i++) this.hasLabels[i] = perItem[i]! > 0 ? 0 : -1;
  }

  /** Fills `posterior`; returns the marginal log-likelihood of all labels. */
  eStep(confusion: Float64Array, priors: Float64Array, floor: number): number {
    const { m, posterior, logConf, logPrior } = this;
    const k = m.nClasses;
    const kk = k * k;
    for (let w = 0; w < m.nWorkers; w++) {
      for (let t = 0; t < k; t++) {
        for (let l = 0; l < k; l++)
          logConf[w * kk + l * k + t] = Math.log(confusion[w * kk + t * k + l]!);
      }
    }
    for (let c = 0; c < k; c++) logPrior[c] = Math.log(Math.max(priors[c]!, floor));
    for (let i = 0; i < m.nItems; i++) posterior.set(logPrior, i * k);
    const n = m.item.length;
    const { item, worker, label } = m;
    for (let e = 0; e < n; e++) {
      const row = item[e]! * k;
      const src = worker[e]! * kk + label[e]! * k;
      for (let t = 0; t < k; t++) posterior[row + t]! += logConf[src + t]!;
    }
    return softmaxRows(posterior, m.nItems, k, this.perItem);
  }
}

/**
 * In-place softmax of each row of log scores; returns Σ_i log Σ_t exp(row_i), skipping rows
 * of items without labels (they keep the prior).
 *
 * @example
 * ```ts
 * const ll = softmaxRows(scores, nItems, K, labelsPerItem);
 * ```
 */
export function softmaxRows(
  scores: Float64Array,
  nRows: number,
  k: number,
  perItem: Int32Array,
): number {
  let total = 0;
  for (let i = 0; i < nRows; i++) {
    const row = i * k;
    let max = -Infinity;
    for (let t = 0; t < k; t++) if (scores[row + t]! > max) max = scores[row + t]!;
    let sum = 0;
    for (let t = 0; t < k; t++) {
      const v = Math.exp(scores[row + t]! - max);
      scores[row + t] = v;
      sum += v;
    }
    for (let t = 0; t < k; t++) scores[row + t]! /= sum;
    if (perItem[i]! > 0) total += max + Math.log(sum);
  }
  return total;
}
