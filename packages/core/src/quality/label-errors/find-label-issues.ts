import { QualityInputError } from '../errors.ts';
import {
  checkInputs,
  computeConfidentJoint,
  labelCounts,
  type ConfidentJoint,
  type PredProbs,
} from './confident-learning.ts';

/** How label issues are selected from the confident joint. */
export type FilterBy = 'prune_by_noise_rate' | 'confident_learning' | 'predicted_neq_given';

/** Options for {@link findLabelIssues}; defaults are cleanlab's `find_label_issues`. */
export interface FindLabelIssuesOptions {
  readonly filterBy?: FilterBy;
  /** Never flag a class down below this many examples (default 1). */
  readonly minExamplesPerClass?: number;
  /** Flag only this fraction of the estimated issues (default 1). */
  readonly fracNoise?: number;
}

/** Label issues found by confident learning. */
export interface LabelIssues {
  /** `mask[i] === 1` when example i is flagged. */
  readonly mask: Uint8Array;
  /** Flagged examples, most suspicious first (lowest self-confidence p[i][label_i]). */
  readonly ranked: Int32Array;
  /** Most likely true class of each flagged example (argmax of its probabilities), aligned with `ranked`. */
  readonly suggested: Int32Array;
  readonly confidentJoint: ConfidentJoint;
}

/**
 * Finds likely label errors with confident learning (Northcutt, Jiang, Chuang, JAIR 2021).
 * Default `prune_by_noise_rate`: from the calibrated confident joint C[given][true], for each
 * off-diagonal cell flag the C[y][j] examples labelled y with the largest margin p_j − p_y;
 * then unflag any example whose predicted class (argmax) equals its label. This reproduces
 * cleanlab's `find_label_issues` defaults (on the MNIST test set: 15 issues).
 *
 * @example
 * ```ts
 * const issues = findLabelIssues(labels, { n, nClasses: 10, probs });
 * issues.ranked; // indices of suspected errors, worst first
 * ```
 */
export function findLabelIssues(
  labels: Int32Array,
  p: PredProbs,
  options: FindLabelIssuesOptions = {},
): LabelIssues {
  checkInputs(labels, p);
  const filterBy = options.filterBy ?? 'prune_by_noise_rate';
  const confidentJoint = computeConfidentJoint(labels, p);
  const mask = new Uint8Array(p.n);
  if (filterBy === 'prune_by_noise_rate') {
    const min = options.minExamplesPerClass ?? 1;
    const prune = keepAtLeastNPerClass(
      confidentJoint.joint,
      p.nClasses,
      min,
      options.fracNoise ?? 1,
    );
    pruneByNoiseRate(labels, p, prune, min, mask);
  } else if (filterBy === 'confident_learning') {
    for (const i of computeConfidentJoint(labels, p, { calibrate: false }).offDiagonal) mask[i] = 1;
  } else if (filterBy === 'predicted_neq_given') {
    mask.fill(1);
  } else {
    throw new QualityInputError('bad_option', `unknown filterBy "${String(filterBy)}"`);
  }
  const k = p.nClasses;
  for (let i = 0; i < p.n; i++) if (argmax(p.probs, i * k, k) === labels[i]) mask[i] = 0;
  const ranked = rankBySelfConfidence(mask, labels, p);
  const suggested = ranked.map((i) => argmax(p.probs, i * k, k));
  return { mask, ranked, suggested, confidentJoint };
}

/**
 * Prune counts: the transposed confident joint with each diagonal raised to at least `n`
 * (taking the difference evenly from that column's non-zero noise cells), then scaled by
 * `fracNoise`, truncated to integers (cleanlab's `_keep_at_least_n_per_class`).
 * Returned as `prune[true * K + given]`.
 */
function keepAtLeastNPerClass(
  joint: Int32Array,
  k: number,
  n: number,
  fracNoise: number,
): Float64Array {
  const m = new Float64Array(k * k);
  for (let t = 0; t < k; t++) for (let y = 0; y < k; y++) m[t * k + y] = joint[y * k + t]!;
  for (let y = 0; y < k; y++) {
    const diag = m[y * k + y]!;
    const newDiag = Math.max(diag, n);
    let nonZero = 0;
    for (let t = 0; t < k; t++) if (m[t * k + y] !== 0) nonZero++;
    const share = (newDiag - diag) / Math.max(nonZero - 1, 1);
    let removed = 0;
    for (let t = 0; t < k; t++) {
      if (t === y) continue;
      const v = Math.max(0, m[t * k + y]! - share);
      const reduced = v * fracNoise;
      removed += v - reduced;
      m[t * k + y] = Math.trunc(reduced);
    }
    m[y * k + y] = Math.trunc(newDiag + removed);
  }
  return m;
}

function pruneByNoiseRate(
  labels: Int32Array,
  p: PredProbs,
  prune: Float64Array,
  min: number,
  mask: Uint8Array,
): void {
  const k = p.nClasses;
  const counts = labelCounts(labels, k);
  const byClass: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < p.n; i++) byClass[labels[i]!]!.push(i);
  for (let y = 0; y < k; y++) {
    if (counts[y]! <= min) continue;
    const members = byClass[y]!;
    for (let j = 0; j < k; j++) {
      const count = prune[j * k + y]!;
      if (j === y || count <= 0) continue;
      const margin = (i: number) => p.probs[i * k + j]! - p.probs[i * k + y]!;
      const order = [...members].sort((a, b) => margin(b) - margin(a) || a - b);
      for (let r = 0; r < Math.min(count, order.length); r++) mask[order[r]!] = 1;
    }
  }
}

function rankBySelfConfidence(mask: Uint8Array, labels: Int32Array, p: PredProbs): Int32Array {
  const k = p.nClasses;
  const flagged: number[] = [];
  for (let i = 0; i < p.n; i++) if (mask[i]) flagged.push(i);
  const self = (i: number) => p.probs[i * k + labels[i]!]!;
  flagged.sort((a, b) => self(a) - self(b) || a - b);
  return Int32Array.from(flagged);
}

function argmax(probs: Float64Array, row: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (probs[row + c]! > probs[row + best]!) best = c;
  return best;
}
