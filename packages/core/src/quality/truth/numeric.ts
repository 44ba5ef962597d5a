import { QualityInputError } from '../errors.ts';
import { definedMetric, undefinedMetric, type Metric } from '../metric.ts';

/** Per-item aggregate of numeric answers; items without answers have `counts[i] === 0`. */
export interface NumericConsensus {
  /** Aggregated value per item (0 where `counts[i]` is 0, never NaN). */
  readonly values: Float64Array;
  readonly counts: Int32Array;
}

/**
 * Aggregates numeric answers (ratings, scores) per item by mean or median. Categorical
 * methods do not apply to numeric data such as Snow et al.'s emotion scores.
 * Non-finite values are rejected with their position.
 *
 * @example
 * ```ts
 * aggregateNumeric(Int32Array.of(0, 0, 1), Float64Array.of(10, 20, 5), 2, 'mean').values;
 * // Float64Array [15, 5]
 * ```
 */
export function aggregateNumeric(
  item: Int32Array,
  value: Float64Array,
  nItems: number,
  method: 'mean' | 'median',
): NumericConsensus {
  if (item.length !== value.length) {
    throw new QualityInputError(
      'bad_shape',
      `aggregateNumeric: ${item.length} items but ${value.length} values`,
    );
  }
  const counts = new Int32Array(nItems);
  for (let e = 0; e < item.length; e++) {
    const i = item[e]!;
    if (i < 0 || i >= nItems)
      throw new QualityInputError(
        'bad_value',
        `aggregateNumeric: entry ${e} has item ${i} outside [0, ${nItems})`,
      );
    if (!Number.isFinite(value[e]!))
      throw new QualityInputError(
        'bad_value',
        `aggregateNumeric: entry ${e} is not a finite number`,
      );
    counts[i]!++;
  }
  return {
    values: method === 'mean' ? means(item, value, counts) : medians(item, value, counts),
    counts,
  };
}

function means(item: Int32Array, value: Float64Array, counts: Int32Array): Float64Array {
  const out = new Float64Array(counts.length);
  for (let e = 0; e < item.length; e++) out[item[e]!]! += value[e]!;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) out[i]! /= counts[i]!;
  return out;
}

function medians(item: Int32Array, value: Float64Array, counts: Int32Array): Float64Array {
  const offsets = new Int32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) offsets[i + 1] = offsets[i]! + counts[i]!;
  const cursor = offsets.slice(0, counts.length);
  const grouped = new Float64Array(value.length);
  for (let e = 0; e < item.length; e++) grouped[cursor[item[e]!]!++] = value[e]!;
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n === 0) continue;
    const part = grouped.subarray(offsets[i]!, offsets[i + 1]!).sort();
    out[i] = n % 2 === 1 ? part[(n - 1) / 2]! : (part[n / 2 - 1]! + part[n / 2]!) / 2;
  }
  return out;
}

/**
 * Mean absolute error and root-mean-square error of predictions against truth, over the
 * positions where `mask` (default: all) is non-zero. No positions: undefined metrics.
 *
 * @example
 * ```ts
 * numericErrors(Float64Array.of(1, 3), Float64Array.of(2, 3)).mae.value; // 0.5
 * ```
 */
export function numericErrors(
  predicted: Float64Array,
  truth: Float64Array,
  mask?: Uint8Array,
): { mae: Metric; rmse: Metric; n: number } {
  let abs = 0;
  let sq = 0;
  let n = 0;
  for (let i = 0; i < predicted.length; i++) {
    if (mask && mask[i] === 0) continue;
    const d = predicted[i]! - truth[i]!;
    abs += Math.abs(d);
    sq += d * d;
    n++;
  }
  if (n === 0)
    return {
      mae: undefinedMetric('no items to compare'),
      rmse: undefinedMetric('no items to compare'),
      n,
    };
  return { mae: definedMetric(abs / n), rmse: definedMetric(Math.sqrt(sq / n)), n };
}
