import { QualityInputError } from '../errors.ts';
import { validateLabelMatrix, type LabelMatrix } from '../label-matrix.ts';

/**
 * Rejects label matrices no truth-inference method can use: malformed arrays, no items,
 * no labels. (One worker or one class are allowed: every method then returns the majority
 * vote, which is the only defensible answer; see docs/quality.md.)
 *
 * @example
 * ```ts
 * checkTruthInput(m); // throws QualityInputError('empty_input', ...) when m has no labels
 * ```
 */
export function checkTruthInput(m: LabelMatrix): void {
  validateLabelMatrix(m);
  if (m.item.length === 0) {
    throw new QualityInputError('empty_input', 'truth inference: there are no labels');
  }
}

/**
 * True when the data cannot identify worker reliability (one worker or one class), so the
 * iterative methods fall back to majority vote.
 *
 * @example
 * ```ts
 * if (isDegenerate(m)) return { ...majorityVote(m), method: 'ds' };
 * ```
 */
export function isDegenerate(m: LabelMatrix): boolean {
  return m.nWorkers < 2 || m.nClasses < 2;
}
