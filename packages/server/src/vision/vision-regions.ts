import type { Region } from '@tessera/core/format';
import { regionId } from '@tessera/core/learn';

/** A box to turn into a region: pixels of the upright image, labels, score, attributes. */
export interface RegionBox {
  x: number;
  y: number;
  width: number;
  height: number;
  labels: string[];
  score?: number;
  attributes?: Record<string, string | number | boolean | string[]>;
}

/** A `bbox` region of the interchange format (docs/FORMAT.md). */
export type BboxRegion = Extract<Region, { type: 'bbox' }>;

/**
 * `bbox` regions of `control` for boxes in original-image pixels, with ids `control-1`,
 * `control-2`, ... Boxes of zero width or height are dropped (the format wants sides > 0);
 * scores are clamped to 0..1 and rounded to 4 places.
 *
 * @example
 * ```ts
 * toBboxRegions('faces', [{ x: 175, y: 68, width: 100, height: 102, labels: ['face'], score: 0.97 }]);
 * // [{ id: 'faces-1', control: 'faces', type: 'bbox', value: { x: 175, y: 68, width: 100, height: 102, labels: ['face'] }, score: 0.97 }]
 * ```
 */
export function toBboxRegions(control: string, boxes: readonly RegionBox[]): BboxRegion[] {
  const out: BboxRegion[] = [];
  for (const b of boxes) {
    if (!(b.width > 0 && b.height > 0)) continue;
    const region: BboxRegion = {
      id: regionId(control, out.length),
      control,
      type: 'bbox',
      value: { x: b.x, y: b.y, width: b.width, height: b.height, labels: b.labels },
    };
    if (b.score !== undefined)
      region.score = Math.round(Math.min(1, Math.max(0, b.score)) * 1e4) / 1e4;
    if (b.attributes) region.attributes = b.attributes;
    out.push(region);
  }
  return out;
}

/**
 * Intersection over union of two boxes (0 when either is empty).
 *
 * @example
 * ```ts
 * iou({ x: 0, y: 0, width: 2, height: 2 }, { x: 1, y: 0, width: 2, height: 2 }); // 1/3
 * ```
 */
export function iou(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const inter = Math.max(0, w) * Math.max(0, h);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}
