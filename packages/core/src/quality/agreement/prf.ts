import { definedMetric, undefinedMetric, type Metric } from '../metric.ts';
import { wilsonInterval, type Rate } from '../stats/wilson.ts';

/** Precision, recall and F1 of one annotation set (A) against another (B). */
export interface PrfResult {
  /** Matched A regions / all A regions (Wilson interval). */
  readonly precision: Rate;
  /** Matched B regions / all B regions (Wilson interval). */
  readonly recall: Rate;
  /** 2·TP / (2·TP + FP + FN); undefined when both sets are empty. */
  readonly f1: Metric;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
}

/**
 * P/R/F1 from match counts. Precision is undefined when A is empty, recall when B is empty,
 * F1 only when both are (then there is nothing to agree or disagree on).
 *
 * @example
 * ```ts
 * prfFromCounts(8, 10, 9).f1.value; // 2·8 / (10 + 9) = 0.842...
 * ```
 */
export function prfFromCounts(
  matched: number,
  sizeA: number,
  sizeB: number,
  confidence = 0.95,
): PrfResult {
  const denom = sizeA + sizeB;
  return {
    precision: wilsonInterval(matched, sizeA, confidence),
    recall: wilsonInterval(matched, sizeB, confidence),
    f1:
      denom === 0
        ? undefinedMetric('both annotation sets are empty')
        : definedMetric((2 * matched) / denom),
    truePositives: matched,
    falsePositives: sizeA - matched,
    falseNegatives: sizeB - matched,
  };
}
