import { QualityInputError } from '../errors.ts';
import { definedMetric, undefinedMetric, type Metric } from '../metric.ts';
import { polygonIoU, type Point } from './polygon.ts';
import { prfFromCounts, type PrfResult } from './prf.ts';

/** Axis-aligned box in image pixels (top-left corner, size), with an optional label. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly label?: string;
}

/** Simple polygon in image pixels (no holes, not self-intersecting), with an optional label. */
export interface Polygon {
  readonly points: readonly Point[];
  readonly label?: string;
}

/** Options for IoU matching. */
export interface MatchOptions {
  /** Minimum IoU for a match (default 0.5, as in PASCAL VOC / COCO AP50). */
  readonly iouThreshold?: number;
  /** Only match regions with the same label (default true). */
  readonly sameLabel?: boolean;
}

/** One matched pair: index in A, index in B, their IoU. */
export interface RegionMatch {
  readonly a: number;
  readonly b: number;
  readonly iou: number;
}

/** P/R/F1 of IoU-matched regions plus the matches and their mean IoU. */
export interface GeometryAgreement extends PrfResult {
  readonly matches: readonly RegionMatch[];
  readonly meanIoU: Metric;
}

/**
 * Intersection over union of two axis-aligned boxes (0 when both are empty).
 *
 * @example
 * ```ts
 * boxIoU({ x: 0, y: 0, width: 2, height: 2 }, { x: 1, y: 0, width: 2, height: 2 }); // 1/3
 * ```
 */
export function boxIoU(a: Box, b: Box): number {
  checkBox(a);
  checkBox(b);
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const inter = w > 0 && h > 0 ? w * h : 0;
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Agreement of two annotators' boxes: greedy one-to-one matching by descending IoU (the
 * COCO evaluation's rule), matches need IoU ≥ threshold (and the same label by default);
 * then precision = matched/|A|, recall = matched/|B|, F1, and the mean IoU of the matches.
 *
 * @example
 * ```ts
 * const r = boxAgreement([{ x: 0, y: 0, width: 10, height: 10, label: 'car' }],
 *                        [{ x: 1, y: 1, width: 10, height: 10, label: 'car' }]);
 * r.f1.value; // 1 (IoU 0.68 ≥ 0.5)
 * ```
 */
export function boxAgreement(
  a: readonly Box[],
  b: readonly Box[],
  options: MatchOptions = {},
): GeometryAgreement {
  return matchRegions(a, b, boxIoU, options);
}

/**
 * Agreement of two annotators' polygons, as {@link boxAgreement} with polygon IoU
 * (triangulation + Sutherland–Hodgman clipping; simple polygons only, no holes).
 *
 * @example
 * ```ts
 * polygonAgreement([{ points: [[0, 0], [4, 0], [0, 4]] }], [{ points: [[0, 0], [4, 0], [0, 3]] }]).f1.value; // 1
 * ```
 */
export function polygonAgreement(
  a: readonly Polygon[],
  b: readonly Polygon[],
  options: MatchOptions = {},
): GeometryAgreement {
  return matchRegions(a, b, (p, q) => polygonIoU(p.points, q.points), options);
}

/**
 * Greedy IoU matching shared by boxes and polygons.
 *
 * @example
 * ```ts
 * matchRegions(boxesA, boxesB, boxIoU, { iouThreshold: 0.7 });
 * ```
 */
export function matchRegions<T extends { readonly label?: string }>(
  a: readonly T[],
  b: readonly T[],
  iou: (x: T, y: T) => number,
  options: MatchOptions = {},
): GeometryAgreement {
  const threshold = options.iouThreshold ?? 0.5;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new QualityInputError('bad_option', `iouThreshold must be in (0, 1], got ${threshold}`);
  }
  const sameLabel = options.sameLabel ?? true;
  const candidates: RegionMatch[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (sameLabel && a[i]!.label !== b[j]!.label) continue;
      const v = iou(a[i]!, b[j]!);
      if (v >= threshold) candidates.push({ a: i, b: j, iou: v });
    }
  }
  // Ties broken by index so the result does not depend on sort stability.
  candidates.sort((x, y) => y.iou - x.iou || x.a - y.a || x.b - y.b);
  const usedA = new Uint8Array(a.length);
  const usedB = new Uint8Array(b.length);
  const matches: RegionMatch[] = [];
  for (const c of candidates) {
    if (usedA[c.a] || usedB[c.b]) continue;
    usedA[c.a] = 1;
    usedB[c.b] = 1;
    matches.push(c);
  }
  const meanIoU =
    matches.length === 0
      ? undefinedMetric('no regions matched')
      : definedMetric(matches.reduce((s, m) => s + m.iou, 0) / matches.length);
  return { ...prfFromCounts(matches.length, a.length, b.length), matches, meanIoU };
}

function checkBox(b: Box): void {
  if (![b.x, b.y, b.width, b.height].every(Number.isFinite) || b.width < 0 || b.height < 0) {
    throw new QualityInputError(
      'bad_value',
      `box (${b.x}, ${b.y}, ${b.width}, ${b.height}) needs finite coordinates and a non-negative size`,
    );
  }
}
