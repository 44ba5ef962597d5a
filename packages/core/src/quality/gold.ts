import { QualityInputError } from './errors.ts';
import type { LabelMatrix, NamedLabelMatrix } from './label-matrix.ts';
import { wilsonInterval, type Rate } from './stats/wilson.ts';

/** Gold (honeypot) accuracy overall and per worker, each with a Wilson interval. */
export interface GoldReport {
  /** Correct gold answers / all gold answers. */
  readonly overall: Rate;
  /** `perWorker[w]`: worker w's gold accuracy (undefined with a reason if w saw no gold). */
  readonly perWorker: readonly Rate[];
}

/**
 * Accuracy of every worker on gold tasks. `gold[i]` is the known class of item i, or -1 when
 * item i is not a gold task. Wilson intervals travel with each rate, so a worker with 3/3
 * correct is shown as [0.44, 1], not as "100 %".
 *
 * @example
 * ```ts
 * const report = goldAccuracy(m, Int32Array.of(1, -1, 0));
 * report.perWorker[0].value; // accuracy of worker 0 on items 0 and 2
 * ```
 */
export function goldAccuracy(m: LabelMatrix, gold: Int32Array, confidence = 0.95): GoldReport {
  if (gold.length !== m.nItems) {
    throw new QualityInputError(
      'bad_shape',
      `goldAccuracy: gold has ${gold.length} entries but there are ${m.nItems} items`,
    );
  }
  const correct = new Int32Array(m.nWorkers);
  const total = new Int32Array(m.nWorkers);
  for (let e = 0; e < m.item.length; e++) {
    const g = gold[m.item[e]!]!;
    if (g < 0) continue;
    const w = m.worker[e]!;
    total[w]!++;
    if (m.label[e] === g) correct[w]!++;
  }
  let c = 0;
  let t = 0;
  const perWorker: Rate[] = [];
  for (let w = 0; w < m.nWorkers; w++) {
    c += correct[w]!;
    t += total[w]!;
    perWorker.push(wilsonInterval(correct[w]!, total[w]!, confidence));
  }
  return { overall: wilsonInterval(c, t, confidence), perWorker };
}

/**
 * Accuracy of consensus labels against truth over items whose truth is known
 * (`truth[i] >= 0`) and that have a consensus (`labels[i] >= 0`); `unlabeled` counts known
 * items without any label (excluded, not counted as errors).
 *
 * @example
 * ```ts
 * consensusAccuracy(result.labels, truth).accuracy.value; // e.g. 0.94
 * ```
 */
export function consensusAccuracy(
  labels: Int32Array,
  truth: Int32Array,
  confidence = 0.95,
): { accuracy: Rate; unlabeled: number } {
  if (labels.length !== truth.length) {
    throw new QualityInputError(
      'bad_shape',
      `consensusAccuracy: ${labels.length} labels but ${truth.length} truth entries`,
    );
  }
  let correct = 0;
  let total = 0;
  let unlabeled = 0;
  for (let i = 0; i < labels.length; i++) {
    if (truth[i]! < 0) continue;
    if (labels[i]! < 0) {
      unlabeled++;
      continue;
    }
    total++;
    if (labels[i] === truth[i]) correct++;
  }
  return { accuracy: wilsonInterval(correct, total, confidence), unlabeled };
}

/**
 * Encodes a question → truth map against a {@link NamedLabelMatrix}: -1 for items without
 * truth. A truth value no worker ever answered gets an index ≥ nClasses, so it can never
 * match a consensus label and counts as an error. Questions that have truth but no answers
 * are listed in `unknownQuestions`.
 *
 * @example
 * ```ts
 * const { truth } = encodeTruth(named, parseTruthCsv(text));
 * consensusAccuracy(result.labels, truth);
 * ```
 */
export function encodeTruth(
  named: NamedLabelMatrix,
  truthByQuestion: ReadonlyMap<string, string>,
): { truth: Int32Array; unknownQuestions: string[] } {
  const truth = new Int32Array(named.matrix.nItems).fill(-1);
  const unknownQuestions: string[] = [];
  const extra = new Map<string, number>();
  for (const [question, value] of truthByQuestion) {
    const i = named.itemIndex.get(question);
    if (i === undefined) {
      unknownQuestions.push(question);
      continue;
    }
    let c = named.classIndex.get(value);
    if (c === undefined) {
      c = extra.get(value) ?? named.matrix.nClasses + extra.size;
      extra.set(value, c);
    }
    truth[i] = c;
  }
  return { truth, unknownQuestions };
}
