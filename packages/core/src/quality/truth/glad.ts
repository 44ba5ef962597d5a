import type { LabelMatrix } from '../label-matrix.ts';
import { minimizeCg } from '../stats/conjugate-gradient.ts';
import { checkTruthInput, isDegenerate } from './check-input.ts';
import {
  confusionCounts,
  countLabelsPerItem,
  decodePosterior,
  normalizeConfusion,
} from './confusion.ts';
import { softmaxRows } from './dawid-skene.ts';
import { majorityVote } from './majority-vote.ts';
import type { TruthResult } from './types.ts';

/** Options for {@link glad}; defaults are Crowd-Kit's `GLAD`. */
export interface GladOptions {
  /** Maximum EM iterations (default 100). */
  readonly maxIterations?: number;
  /** Stop when the expected log-likelihood per (label × class) gains less (default 1e-5). */
  readonly tolerance?: number;
  /** Conjugate-gradient iterations per M-step (default 25) and its gradient tolerance (1e-2). */
  readonly mStepIterations?: number;
  readonly mStepTolerance?: number;
  /** Mean of the N(μ, 1) priors on abilities α and log inverse difficulties β (default 1, 1). */
  readonly abilityPriorMean?: number;
  readonly difficultyPriorMean?: number;
}

/** GLAD output: the common {@link TruthResult} plus the fitted abilities and difficulties. */
export interface GladResult extends TruthResult {
  /** α_w: worker ability (0 = random, negative = adversarial). */
  readonly ability: Float64Array;
  /** e^{β_i}: item inverse difficulty (larger = easier). */
  readonly inverseDifficulty: Float64Array;
}

/**
 * GLAD (Whitehill et al., NeurIPS 2009): a label is correct with probability σ(α_w · e^{β_i})
 * and otherwise uniform over the other K − 1 classes; the class prior is uniform and fixed.
 * EM: the E-step is exact, the M-step maximises the expected log-likelihood plus N(1, 1)
 * priors on α and β by conjugate gradient, as Crowd-Kit does. One worker or one class:
 * returns the majority vote.
 *
 * @example
 * ```ts
 * const r = glad(m);
 * r.labels; r.ability; r.inverseDifficulty;
 * ```
 */
export function glad(m: LabelMatrix, options: GladOptions = {}): GladResult {
  checkTruthInput(m);
  if (isDegenerate(m)) {
    return {
      ...majorityVote(m),
      method: 'glad',
      ability: new Float64Array(m.nWorkers).fill(1),
      inverseDifficulty: new Float64Array(m.nItems).fill(Math.E),
    };
  }
  const k = m.nClasses;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-5;
  const model = new GladModel(m, options);
  const perItem = countLabelsPerItem(m);
  const posterior = new Float64Array(m.nItems * k);
  model.eStep(posterior, perItem);
  let q = model.expectedLogLikelihood(posterior);
  let iterations = 0;
  let converged = false;
  const scale = m.item.length * k;
  while (iterations < maxIterations) {
    iterations++;
    const last = q;
    model.eStep(posterior, perItem);
    model.mStep(posterior, options);
    q = model.expectedLogLikelihood(posterior) / scale;
    // Crowd-Kit compares against an unscaled first value, so the first step never stops.
    if (iterations > 1 && q - last < tolerance) {
      converged = true;
      break;
    }
  }
  return finish(m, model, posterior, perItem, { iterations, converged });
}

function finish(
  m: LabelMatrix,
  model: GladModel,
  posterior: Float64Array,
  perItem: Int32Array,
  run: { iterations: number; converged: boolean },
): GladResult {
  const k = m.nClasses;
  const { labels, confidence } = decodePosterior(posterior, m.nItems, k, perItem);
  const { confusion, mass } = normalizeConfusion(confusionCounts(m, posterior), m.nWorkers, k, 0);
  return {
    method: 'glad',
    nItems: m.nItems,
    nWorkers: m.nWorkers,
    nClasses: k,
    labels,
    posterior,
    confidence,
    confusion,
    confusionMass: mass,
    priors: new Float64Array(k).fill(1 / k),
    iterations: run.iterations,
    converged: run.converged,
    ability: model.params.slice(0, m.nWorkers),
    inverseDifficulty: model.params.slice(m.nWorkers).map(Math.exp),
  };
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Stable log σ(x) = −softplus(−x). */
function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

/** Parameters x = [α_0..α_{W−1}, β_0..β_{N−1}] and the buffers the E- and M-steps share. */
class GladModel {
  readonly params: Float64Array;
  private readonly logOther: number;
  private readonly pCorrect: Float64Array;
  private readonly expBeta: Float64Array;
  private readonly muA: number;
  private readonly muB: number;

  constructor(
    private readonly m: LabelMatrix,
    options: GladOptions,
  ) {
    this.params = new Float64Array(m.nWorkers + m.nItems).fill(1);
    this.logOther = Math.log(m.nClasses - 1);
    this.pCorrect = new Float64Array(m.item.length);
    this.expBeta = new Float64Array(m.nItems);
    this.muA = options.abilityPriorMean ?? 1;
    this.muB = options.difficultyPriorMean ?? 1;
  }

  /** Exact posterior over the true class with a uniform prior. */
  eStep(posterior: Float64Array, perItem: Int32Array): void {
    const { m, params, logOther } = this;
    const k = m.nClasses;
    const nw = m.nWorkers;
    posterior.fill(0);
    for (let e = 0; e < m.item.length; e++) {
      const i = m.item[e]!;
      const x = params[m.worker[e]!]! * Math.exp(params[nw + i]!);
      const wrong = logSigmoid(-x) - logOther;
      const row = i * k;
      for (let t = 0; t < k; t++) posterior[row + t]! += wrong;
      posterior[row + m.label[e]!]! += logSigmoid(x) - wrong;
    }
    softmaxRows(posterior, m.nItems, k, perItem);
  }

  /** Q = E[log P(labels, z)] + log-priors on α, β under the current posterior. */
  expectedLogLikelihood(posterior: Float64Array): number {
    this.loadPCorrect(posterior);
    return -this.negativeQ(this.params, undefined);
  }

  mStep(posterior: Float64Array, options: GladOptions): void {
    this.loadPCorrect(posterior);
    minimizeCg((x, g) => this.negativeQ(x, g), this.params, {
      maxIterations: options.mStepIterations ?? 25,
      gradientTolerance: options.mStepTolerance ?? 1e-2,
    });
  }

  private loadPCorrect(posterior: Float64Array): void {
    const k = this.m.nClasses;
    for (let e = 0; e < this.m.item.length; e++) {
      this.pCorrect[e] = posterior[this.m.item[e]! * k + this.m.label[e]!]!;
    }
  }

  /** −Q and its gradient (when `grad` is given) at parameters x. */
  private negativeQ(x: Float64Array, grad: Float64Array | undefined): number {
    const { m, pCorrect, expBeta, logOther } = this;
    const nw = m.nWorkers;
    for (let i = 0; i < m.nItems; i++) expBeta[i] = Math.exp(x[nw + i]!);
    let q = 0;
    grad?.fill(0);
    for (let e = 0; e < m.item.length; e++) {
      const w = m.worker[e]!;
      const i = m.item[e]!;
      const z = x[w]! * expBeta[i]!;
      const pc = pCorrect[e]!;
      q += pc * logSigmoid(z) + (1 - pc) * (logSigmoid(-z) - logOther);
      if (grad) {
        const r = pc - 1 / (1 + Math.exp(-z));
        grad[w]! -= r * expBeta[i]!;
        grad[nw + i]! -= r * z;
      }
    }
    for (let j = 0; j < x.length; j++) {
      const d = x[j]! - (j < nw ? this.muA : this.muB);
      q -= 0.5 * d * d + HALF_LOG_2PI;
      if (grad) grad[j]! += d;
    }
    return -q;
  }
}
