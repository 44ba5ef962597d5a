import type { LabelMatrix } from '../label-matrix.ts';

/**
 * Posterior-weighted confusion counts: `counts[(w*K + t)*K + l]` = Σ over worker w's labels
 * l of P(item's true class = t). This is Dawid–Skene's M-step, and for the other methods the
 * definition of "each annotator's confusion matrix" (rows = true class).
 *
 * @example
 * ```ts
 * const counts = confusionCounts(m, posterior); // Float64Array(nWorkers * K * K)
 * ```
 */
export function confusionCounts(
  m: LabelMatrix,
  posterior: Float64Array,
  out: Float64Array = new Float64Array(m.nWorkers * m.nClasses * m.nClasses),
): Float64Array {
  const k = m.nClasses;
  const kk = k * k;
  out.fill(0);
  const n = m.item.length;
  for (let e = 0; e < n; e++) {
    const base = m.worker[e]! * kk + m.label[e]!;
    const row = m.item[e]! * k;
    for (let t = 0; t < k; t++) out[base + t * k]! += posterior[row + t]!;
  }
  return out;
}

/**
 * Turns confusion counts into row-normalised probabilities. Each count is first floored at
 * `floor` (a tiny smoothing that keeps logarithms finite, as Crowd-Kit does); a row with no
 * mass at all becomes uniform. Also returns each row's mass (before flooring).
 *
 * @example
 * ```ts
 * const { confusion, mass } = normalizeConfusion(counts, nWorkers, K);
 * ```
 */
export function normalizeConfusion(
  counts: Float64Array,
  nWorkers: number,
  k: number,
  floor = 1e-10,
  out: Float64Array = new Float64Array(nWorkers * k * k),
): { confusion: Float64Array; mass: Float64Array } {
  const mass = new Float64Array(nWorkers * k);
  const rows = nWorkers * k;
  for (let r = 0; r < rows; r++) {
    const base = r * k;
    let raw = 0;
    let sum = 0;
    for (let l = 0; l < k; l++) {
      const c = counts[base + l]!;
      raw += c;
      sum += c > floor ? c : floor;
    }
    mass[r] = raw;
    for (let l = 0; l < k; l++) {
      const c = counts[base + l]!;
      out[base + l] = raw > 0 ? (c > floor ? c : floor) / sum : 1 / k;
    }
  }
  return { confusion: out, mass };
}

/**
 * Consensus labels and confidences from a posterior: argmax per row (lowest class index on
 * exact ties); items without labels get -1 and confidence 0.
 *
 * @example
 * ```ts
 * const { labels, confidence } = decodePosterior(posterior, nItems, K, labelCountPerItem);
 * ```
 */
export function decodePosterior(
  posterior: Float64Array,
  nItems: number,
  k: number,
  labelsPerItem: Int32Array,
): { labels: Int32Array; confidence: Float64Array } {
  const labels = new Int32Array(nItems);
  const confidence = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) {
    if (labelsPerItem[i] === 0) {
      labels[i] = -1;
      continue;
    }
    const row = i * k;
    let best = 0;
    let bestP = posterior[row]!;
    for (let c = 1; c < k; c++) {
      const p = posterior[row + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    labels[i] = best;
    confidence[i] = bestP;
  }
  return { labels, confidence };
}

/**
 * Number of labels per item.
 *
 * @example
 * ```ts
 * countLabelsPerItem(m)[0]; // how many labels item 0 has
 * ```
 */
export function countLabelsPerItem(m: LabelMatrix): Int32Array {
  const counts = new Int32Array(m.nItems);
  const n = m.item.length;
  for (let e = 0; e < n; e++) counts[m.item[e]!]!++;
  return counts;
}
