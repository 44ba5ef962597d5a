/** Names of the categorical truth-inference methods. */
export type TruthMethod = 'mv' | 'ds' | 'glad' | 'mace';

/**
 * Output shared by every truth-inference method.
 *
 * - `labels[i]`: consensus class of item i, or -1 when the item has no labels.
 * - `posterior[i * nClasses + c]`: P(true class of item i = c); each row sums to 1.
 * - `confidence[i]`: the largest posterior of item i (0 when it has no labels).
 * - `confusion[(w * nClasses + t) * nClasses + l]`: P(worker w answers l | true class t);
 *   rows (true classes) sum to 1. A row the data says nothing about is uniform.
 * - `confusionMass[w * nClasses + t]`: how much (posterior-weighted) evidence row t of
 *   worker w rests on, so callers can tell a measured row from an uninformed one.
 *
 * @example
 * ```ts
 * const r: TruthResult = dawidSkene(m);
 * const k = m.nClasses;
 * const pCorrect = r.confusion[(w * k + 1) * k + 1]; // worker w on true class 1
 * ```
 */
export interface TruthResult {
  readonly method: TruthMethod;
  readonly nItems: number;
  readonly nWorkers: number;
  readonly nClasses: number;
  readonly labels: Int32Array;
  readonly posterior: Float64Array;
  readonly confidence: Float64Array;
  readonly confusion: Float64Array;
  readonly confusionMass: Float64Array;
  /** Estimated class prior P(true class = c) (uniform for methods that keep it fixed). */
  readonly priors: Float64Array;
  /** EM iterations run (0 for majority vote). */
  readonly iterations: number;
  /** Whether the convergence tolerance was reached before the iteration cap. */
  readonly converged: boolean;
}
