import type { LabelMatrix } from '../label-matrix.ts';
import { checkTruthInput } from './check-input.ts';
import { normalizeConfusion } from './confusion.ts';
import type { TruthResult } from './types.ts';

/**
 * Majority vote. The posterior of an item is its vote share per class; the consensus is the
 * class with the most votes. **Ties go to the lowest class index** (the first class in the
 * label set's order), which is deterministic and identical in {@link IncrementalMajority};
 * use Dawid–Skene or GLAD when ties matter. Items without labels get label -1 and a uniform
 * posterior. A worker's confusion matrix counts their answers against the consensus label
 * (row = consensus class), which is what "agreement with the majority" means and costs
 * O(labels), keeping the 1M-label run within its 25 ms budget.
 *
 * @example
 * ```ts
 * const r = majorityVote(m);
 * r.labels[0]; // consensus class of item 0
 * r.confidence[0]; // its vote share
 * ```
 */
export function majorityVote(m: LabelMatrix): TruthResult {
  checkTruthInput(m);
  const { posterior, labels, confidence } = voteShares(m);
  const { confusion, mass } = normalizeConfusion(
    consensusConfusionCounts(m, labels),
    m.nWorkers,
    m.nClasses,
    0,
  );
  return {
    method: 'mv',
    nItems: m.nItems,
    nWorkers: m.nWorkers,
    nClasses: m.nClasses,
    labels,
    posterior,
    confidence,
    confusion,
    confusionMass: mass,
    priors: classPriors(posterior, labels, m.nClasses),
    iterations: 0,
    converged: true,
  };
}

/**
 * Vote shares, consensus labels (lowest index on ties) and confidences, without the
 * confusion matrices: the part Dawid–Skene uses as its starting point.
 *
 * @example
 * ```ts
 * const { posterior } = voteShares(m);
 * ```
 */
export function voteShares(m: LabelMatrix): {
  posterior: Float64Array;
  labels: Int32Array;
  confidence: Float64Array;
} {
  const k = m.nClasses;
  const posterior = new Float64Array(m.nItems * k);
  const perItem = new Int32Array(m.nItems);
  const { item, label } = m;
  const n = item.length;
  for (let e = 0; e < n; e++) {
    const i = item[e]!;
    posterior[i * k + label[e]!]!++;
    perItem[i]!++;
  }
  const labels = new Int32Array(m.nItems);
  const confidence = new Float64Array(m.nItems);
  for (let i = 0; i < m.nItems; i++) {
    const row = i * k;
    const total = perItem[i]!;
    if (total === 0) {
      posterior.fill(1 / k, row, row + k);
      labels[i] = -1;
      continue;
    }
    let best = 0;
    for (let c = 0; c < k; c++) {
      const v = posterior[row + c]! / total;
      posterior[row + c] = v;
      if (v > posterior[row + best]!) best = c;
    }
    labels[i] = best;
    confidence[i] = posterior[row + best]!;
  }
  return { posterior, labels, confidence };
}

/**
 * Hard confusion counts against consensus labels: `counts[(w*K + t)*K + l]` = number of
 * worker w's answers l on items whose consensus is t (items without consensus skipped).
 *
 * @example
 * ```ts
 * consensusConfusionCounts(m, majorityVote(m).labels);
 * ```
 */
export function consensusConfusionCounts(m: LabelMatrix, labels: Int32Array): Float64Array {
  const k = m.nClasses;
  const out = new Float64Array(m.nWorkers * k * k);
  const n = m.item.length;
  for (let e = 0; e < n; e++) {
    const t = labels[m.item[e]!]!;
    if (t >= 0) out[(m.worker[e]! * k + t) * k + m.label[e]!]!++;
  }
  return out;
}

/**
 * Mean posterior over the items that have labels: the class prior estimate.
 *
 * @example
 * ```ts
 * classPriors(posterior, labels, K); // Float64Array(K), sums to 1
 * ```
 */
export function classPriors(posterior: Float64Array, labels: Int32Array, k: number): Float64Array {
  const priors = new Float64Array(k);
  let rows = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! < 0) continue;
    rows++;
    for (let c = 0; c < k; c++) priors[c]! += posterior[i * k + c]!;
  }
  for (let c = 0; c < k; c++) priors[c] = rows > 0 ? priors[c]! / rows : 1 / k;
  return priors;
}
