import { prfFromCounts, spanAgreement, type PrfResult } from '../../quality/index.ts';
import { LearnInputError } from '../errors.ts';
import type { LabeledSpan } from './bio.ts';

/**
 * Corpus-level exact-match span precision, recall and F1 (CoNLL convention: a predicted span
 * counts only with the same start, end and label), micro-averaged over all texts, overall and
 * per label. Precision and recall come with Wilson intervals; undefined values carry a reason.
 *
 * @example
 * ```ts
 * const r = spanPrf(goldPerText, predictedPerText);
 * r.overall.f1.value; // e.g. 0.93
 * r.perLabel.PER?.recall.value;
 * ```
 */
export function spanPrf(
  gold: readonly (readonly LabeledSpan[])[],
  predicted: readonly (readonly LabeledSpan[])[],
): { overall: PrfResult; perLabel: Record<string, PrfResult> } {
  if (gold.length !== predicted.length) {
    throw new LearnInputError(
      'bad_example',
      `spanPrf: ${gold.length} gold texts but ${predicted.length} predicted texts`,
    );
  }
  const labels = new Set<string>();
  for (const list of [...gold, ...predicted]) for (const s of list) labels.add(s.label);
  const count = (filter: (s: LabeledSpan) => boolean) => {
    let tp = 0;
    let np = 0;
    let ng = 0;
    gold.forEach((g, i) => {
      const gs = g.filter(filter);
      const ps = predicted[i]!.filter(filter);
      tp += spanAgreement(ps, gs).exact.truePositives;
      np += ps.length;
      ng += gs.length;
    });
    return prfFromCounts(tp, np, ng);
  };
  const perLabel: Record<string, PrfResult> = {};
  for (const l of [...labels].sort()) perLabel[l] = count((s) => s.label === l);
  return { overall: count(() => true), perLabel };
}
