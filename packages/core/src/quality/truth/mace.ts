import type { LabelMatrix } from '../label-matrix.ts';
import { seededRandom } from '../stats/rng.ts';
import { digamma } from '../stats/special.ts';
import { checkTruthInput, isDegenerate } from './check-input.ts';
import {
  confusionCounts,
  countLabelsPerItem,
  decodePosterior,
  normalizeConfusion,
} from './confusion.ts';
import { majorityVote } from './majority-vote.ts';
import type { TruthResult } from './types.ts';

/** Options for {@link mace}; defaults follow Hovy et al. (2013) and Crowd-Kit's `MACE`. */
export interface MaceOptions {
  /** Random restarts; the run with the best marginal likelihood wins (default 10). */
  readonly restarts?: number;
  /** EM iterations per restart (default 50). */
  readonly iterations?: number;
  /** 'vb' (variational Bayes with Beta/Dirichlet priors, default) or plain 'em'. */
  readonly method?: 'vb' | 'em';
  /** Beta prior on spamming (default 0.5) and on knowing (default 0.5). */
  readonly alpha?: number;
  readonly beta?: number;
  /** Symmetric Dirichlet prior on each worker's spamming strategy (default 10). */
  readonly strategyPrior?: number;
  /** Seed of the restarts' random initialisation (default 0): same seed, same result. */
  readonly seed?: number;
}

/** MACE output: the common {@link TruthResult} plus each worker's competence and strategy. */
export interface MaceResult extends TruthResult {
  /** P(worker w knows the answer rather than spams), normalised; higher is better. */
  readonly competence: Float64Array;
  /** `strategy[w * K + l]`: how worker w answers when spamming. */
  readonly strategy: Float64Array;
  /** Marginal log-likelihood of the chosen restart. */
  readonly logLikelihood: number;
}

interface MaceParams {
  spam: Float64Array;
  know: Float64Array;
  strategy: Float64Array;
}

/**
 * MACE, Multi-Annotator Competence Estimation (Hovy, Berg-Kirkpatrick, Vaswani, Hovy,
 * NAACL 2013). Each label is either "knowing" (worker w gives the true label, probability
 * 1 − s_w) or "spamming" (drawn from w's strategy ξ_w):
 * P(l | t) = s_w·ξ_w[l] + (1 − s_w)·[l = t], with a uniform prior on t. Trained by EM or
 * variational Bayes (Beta(α, β) on s_w, Dirichlet on ξ_w) with random restarts; the
 * implementation mirrors Crowd-Kit's, in log space so items with many labels cannot
 * underflow. One worker or one class: returns the majority vote.
 *
 * @example
 * ```ts
 * const r = mace(m, { restarts: 10, seed: 0 });
 * r.labels; r.competence; // per-worker reliability in [0, 1]
 * ```
 */
export function mace(m: LabelMatrix, options: MaceOptions = {}): MaceResult {
  checkTruthInput(m);
  const k = m.nClasses;
  if (isDegenerate(m)) {
    return {
      ...majorityVote(m),
      method: 'mace',
      competence: new Float64Array(m.nWorkers).fill(1),
      strategy: new Float64Array(m.nWorkers * k).fill(1 / k),
      logLikelihood: 0,
    };
  }
  const restarts = Math.max(1, options.restarts ?? 10);
  const iterations = options.iterations ?? 50;
  const random = seededRandom(options.seed ?? 0);
  const state = new MaceState(m, countLabelsPerItem(m));
  let best: MaceParams | undefined;
  let bestLl = -Infinity;
  let converged = false;
  for (let r = 0; r < restarts; r++) {
    const params = randomParams(m.nWorkers, k, random);
    let ll = state.eStep(params);
    let gain = Infinity;
    for (let it = 0; it < iterations; it++) {
      mStep(state, params, options);
      const next = state.eStep(params);
      gain = (next - ll) / m.item.length;
      ll = next;
    }
    if (ll > bestLl || best === undefined) {
      bestLl = ll;
      best = {
        spam: params.spam.slice(),
        know: params.know.slice(),
        strategy: params.strategy.slice(),
      };
      converged = Math.abs(gain) < 1e-6;
    }
  }
  return finish(m, state, best!, bestLl, converged, restarts * iterations);
}

function finish(
  m: LabelMatrix,
  state: MaceState,
  params: MaceParams,
  logLikelihood: number,
  converged: boolean,
  iterations: number,
): MaceResult {
  const k = m.nClasses;
  state.eStep(params);
  const posterior = state.posterior.slice();
  const { labels, confidence } = decodePosterior(posterior, m.nItems, k, state.perItem);
  const { confusion, mass } = normalizeConfusion(confusionCounts(m, posterior), m.nWorkers, k, 0);
  const competence = new Float64Array(m.nWorkers);
  for (let w = 0; w < m.nWorkers; w++) {
    competence[w] = params.know[w]! / (params.know[w]! + params.spam[w]!);
  }
  const priors = new Float64Array(k).fill(1 / k);
  return {
    method: 'mace',
    nItems: m.nItems,
    nWorkers: m.nWorkers,
    nClasses: k,
    labels,
    posterior,
    confidence,
    confusion,
    confusionMass: mass,
    priors,
    iterations,
    converged,
    competence,
    strategy: params.strategy,
    logLikelihood,
  };
}

/** Crowd-Kit draws every parameter from U[1, 2.5) and normalises per worker. */
function randomParams(nWorkers: number, k: number, random: () => number): MaceParams {
  const spam = new Float64Array(nWorkers);
  const know = new Float64Array(nWorkers);
  const strategy = new Float64Array(nWorkers * k);
  for (let w = 0; w < nWorkers; w++) {
    const a = 1 + 1.5 * random();
    const b = 1 + 1.5 * random();
    spam[w] = a / (a + b);
    know[w] = b / (a + b);
    let sum = 0;
    for (let l = 0; l < k; l++) sum += strategy[w * k + l] = 1 + 1.5 * random();
    for (let l = 0; l < k; l++) strategy[w * k + l]! /= sum;
  }
  return { spam, know, strategy };
}

function mStep(state: MaceState, p: MaceParams, options: MaceOptions): void {
  const k = state.k;
  const vb = (options.method ?? 'vb') === 'vb';
  const alpha = options.alpha ?? 0.5;
  const beta = options.beta ?? 0.5;
  const gamma = options.strategyPrior ?? 10;
  const smoothing = 0.01 / k;
  for (let w = 0; w < p.spam.length; w++) {
    const s = state.spamCounts[w]!;
    const kn = state.knowCounts[w]!;
    if (vb) {
      const norm = digamma(s + kn + alpha + beta);
      p.spam[w] = Math.exp(digamma(s + alpha) - norm);
      p.know[w] = Math.exp(digamma(kn + beta) - norm);
    } else {
      p.spam[w] = (s + smoothing) / (s + kn + 2 * smoothing);
      p.know[w] = (kn + smoothing) / (s + kn + 2 * smoothing);
    }
    let total = 0;
    for (let l = 0; l < k; l++) total += state.strategyCounts[w * k + l]!;
    const norm = vb ? digamma(total + k * gamma) : total + k * smoothing;
    for (let l = 0; l < k; l++) {
      const c = state.strategyCounts[w * k + l]!;
      p.strategy[w * k + l] = vb ? Math.exp(digamma(c + gamma) - norm) : (c + smoothing) / norm;
    }
  }
}

/** Buffers for MACE's E-step: posteriors and the expected counts the M-step needs. */
class MaceState {
  readonly k: number;
  readonly posterior: Float64Array;
  readonly spamCounts: Float64Array;
  readonly knowCounts: Float64Array;
  readonly strategyCounts: Float64Array;
  private readonly itemBase: Float64Array;

  constructor(
    private readonly m: LabelMatrix,
    readonly perItem: Int32Array,
  ) {
    this.k = m.nClasses;
    this.posterior = new Float64Array(m.nItems * this.k);
    this.itemBase = new Float64Array(m.nItems);
    this.spamCounts = new Float64Array(m.nWorkers);
    this.knowCounts = new Float64Array(m.nWorkers);
    this.strategyCounts = new Float64Array(m.nWorkers * this.k);
  }

  /** Posteriors and expected counts under `p`; returns the marginal log-likelihood. */
  eStep(p: MaceParams): number {
    const { m, k, posterior, itemBase } = this;
    const { item, worker, label } = m;
    const n = item.length;
    posterior.fill(0);
    itemBase.fill(-Math.log(k));
    // log P(l | t) = log(a) for t ≠ l and log(a + b) for t = l: add log(a) to the item once
    // and the difference to column l only, so one label costs O(1), not O(K).
    for (let e = 0; e < n; e++) {
      const w = worker[e]!;
      const l = label[e]!;
      const a = p.spam[w]! * p.strategy[w * k + l]!;
      const b = p.know[w]!;
      itemBase[item[e]!]! += Math.log(a);
      posterior[item[e]! * k + l]! += Math.log1p(b / a);
    }
    let ll = 0;
    for (let i = 0; i < m.nItems; i++) ll += this.normalizeRow(i);
    this.expectedCounts(p);
    return ll;
  }

  private normalizeRow(i: number): number {
    const { k, posterior } = this;
    const row = i * k;
    if (this.perItem[i] === 0) {
      posterior.fill(1 / k, row, row + k);
      return 0;
    }
    let max = -Infinity;
    for (let t = 0; t < k; t++) if (posterior[row + t]! > max) max = posterior[row + t]!;
    let sum = 0;
    for (let t = 0; t < k; t++) sum += posterior[row + t] = Math.exp(posterior[row + t]! - max);
    for (let t = 0; t < k; t++) posterior[row + t]! /= sum;
    return this.itemBase[i]! + max + Math.log(sum);
  }

  private expectedCounts(p: MaceParams): void {
    const { m, k, posterior } = this;
    this.spamCounts.fill(0);
    this.knowCounts.fill(0);
    this.strategyCounts.fill(0);
    const n = m.item.length;
    for (let e = 0; e < n; e++) {
      const w = m.worker[e]!;
      const l = m.label[e]!;
      const a = p.spam[w]! * p.strategy[w * k + l]!;
      const b = p.know[w]!;
      // P(knowing | data) = P(t = l | data) · b / (a + b); spamming is the complement.
      const knowing = (posterior[m.item[e]! * k + l]! * b) / (a + b);
      this.knowCounts[w]! += knowing;
      this.spamCounts[w]! += 1 - knowing;
      this.strategyCounts[w * k + l]! += 1 - knowing;
    }
  }
}
