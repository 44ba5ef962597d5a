import { QualityInputError } from '../errors.ts';
import { roundPreservingSum } from './rounding.ts';

/** Out-of-sample predicted probabilities: row-major `probs[i * nClasses + c]`. */
export interface PredProbs {
  readonly n: number;
  readonly nClasses: number;
  readonly probs: Float64Array;
}

/** Confident joint C[given][true] and the per-class thresholds it was counted with. */
export interface ConfidentJoint {
  /** `joint[given * K + true]`, integer counts. */
  readonly joint: Int32Array;
  /** t_j = mean predicted probability of class j over examples labelled j. */
  readonly thresholds: Float64Array;
  /** Examples counted off the diagonal (confidently another class than their label). */
  readonly offDiagonal: Int32Array;
}

/**
 * Per-class thresholds t_j = mean p_j over examples whose given label is j (Northcutt et al.
 * 2021, eq. 2). A class nobody is labelled with gets +Infinity (nothing is confidently it).
 *
 * @example
 * ```ts
 * confidentThresholds(labels, probs); // Float64Array(K)
 * ```
 */
export function confidentThresholds(labels: Int32Array, p: PredProbs): Float64Array {
  checkInputs(labels, p);
  const k = p.nClasses;
  const sum = new Float64Array(k);
  const count = new Int32Array(k);
  for (let i = 0; i < p.n; i++) {
    const y = labels[i]!;
    sum[y]! += p.probs[i * k + y]!;
    count[y]!++;
  }
  return sum.map((s, j) => (count[j]! > 0 ? s / count[j]! : Infinity));
}

/**
 * The confident joint: example i (given label y) is counted at C[y][j] where j is the class
 * with p_j ≥ t_j (the argmax of p among several such classes); examples confident in no class
 * are not counted. Every diagonal entry is raised to at least 1. With `calibrate` (default),
 * each row is rescaled to the number of examples with that label and the total to n, then
 * rounded preserving row sums, as cleanlab's `compute_confident_joint` does.
 *
 * @example
 * ```ts
 * const cj = computeConfidentJoint(labels, { n, nClasses: 10, probs });
 * cj.joint; // Int32Array(100)
 * ```
 */
export function computeConfidentJoint(
  labels: Int32Array,
  p: PredProbs,
  options: { readonly calibrate?: boolean } = {},
): ConfidentJoint {
  const thresholds = confidentThresholds(labels, p);
  const k = p.nClasses;
  const joint = new Int32Array(k * k);
  const off: number[] = [];
  // cleanlab compares against t − 1e-6 so an example exactly at the mean still counts.
  const cut = thresholds.map((t) => t - 1e-6);
  for (let i = 0; i < p.n; i++) {
    const guess = confidentClass(p.probs, i * k, k, cut);
    if (guess < 0) continue;
    const y = labels[i]!;
    joint[y * k + guess]!++;
    if (guess !== y) off.push(i);
  }
  for (let j = 0; j < k; j++) if (joint[j * k + j] === 0) joint[j * k + j] = 1;
  const result =
    options.calibrate === false ? joint : calibrateConfidentJoint(joint, labelCounts(labels, k), k);
  return { joint: result, thresholds, offDiagonal: Int32Array.from(off) };
}

function confidentClass(probs: Float64Array, row: number, k: number, cut: Float64Array): number {
  let first = -1;
  let confident = 0;
  let argmax = 0;
  for (let c = 0; c < k; c++) {
    const v = probs[row + c]!;
    if (v > probs[row + argmax]!) argmax = c;
    if (v >= cut[c]!) {
      confident++;
      if (first < 0) first = c;
    }
  }
  if (confident === 0) return -1;
  return confident > 1 ? argmax : first;
}

/**
 * Calibrates a confident joint so that row y sums to the number of examples labelled y
 * and the whole matrix to n, then rounds each row to integers preserving its sum.
 *
 * @example
 * ```ts
 * calibrateConfidentJoint(joint, labelCounts(labels, K), K);
 * ```
 */
export function calibrateConfidentJoint(
  joint: Int32Array,
  counts: Int32Array,
  k: number,
): Int32Array {
  const scaled = new Float64Array(k * k);
  let total = 0;
  let n = 0;
  for (let y = 0; y < k; y++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += joint[y * k + j]!;
    for (let j = 0; j < k; j++) {
      const v = (joint[y * k + j]! / Math.max(rowSum, 1e-6)) * counts[y]!;
      scaled[y * k + j] = v;
      total += v;
    }
    n += counts[y]!;
  }
  const out = new Int32Array(k * k);
  for (let y = 0; y < k; y++) {
    const row = scaled.subarray(y * k, y * k + k).map((v) => (v / Math.max(total, 1e-6)) * n);
    out.set(roundPreservingSum(row), y * k);
  }
  return out;
}

/**
 * Number of examples per given label.
 *
 * @example
 * ```ts
 * labelCounts(Int32Array.of(0, 2, 2), 3); // Int32Array [1, 0, 2]
 * ```
 */
export function labelCounts(labels: Int32Array, k: number): Int32Array {
  const out = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) out[labels[i]!]!++;
  return out;
}

/**
 * Validates labels and predicted probabilities: equal lengths, labels in [0, K), every
 * probability finite and in [0, 1]. Throws {@link QualityInputError} naming the first bad row.
 *
 * @example
 * ```ts
 * checkInputs(labels, { n, nClasses, probs });
 * ```
 */
export function checkInputs(labels: Int32Array, p: PredProbs): void {
  if (p.nClasses < 2)
    throw new QualityInputError(
      'bad_shape',
      `label errors: need at least 2 classes, got ${p.nClasses}`,
    );
  if (p.probs.length !== p.n * p.nClasses) {
    throw new QualityInputError(
      'bad_shape',
      `label errors: probs has ${p.probs.length} values, expected ${p.n} × ${p.nClasses}`,
    );
  }
  if (labels.length !== p.n)
    throw new QualityInputError(
      'bad_shape',
      `label errors: ${labels.length} labels but ${p.n} rows of probabilities`,
    );
  if (p.n === 0) throw new QualityInputError('empty_input', 'label errors: there are no examples');
  for (let i = 0; i < p.n; i++) {
    const y = labels[i]!;
    if (!(y >= 0 && y < p.nClasses))
      throw new QualityInputError(
        'bad_value',
        `label errors: row ${i} has label ${y}, outside [0, ${p.nClasses})`,
      );
    for (let c = 0; c < p.nClasses; c++) {
      const v = p.probs[i * p.nClasses + c]!;
      if (!(v >= 0 && v <= 1))
        throw new QualityInputError(
          'bad_value',
          `label errors: row ${i}, class ${c}: probability ${v} is not in [0, 1]`,
        );
    }
  }
}
