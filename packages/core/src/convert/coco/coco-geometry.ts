import { decodeRleString } from '../../format/index.ts';
import type { CocoRle } from './coco-types.ts';

/**
 * Geometry COCO derives from a shape: the bounding box `[x, y, w, h]` and the area.
 */

/** A box `[x, y, width, height]`. */
export type Box = [number, number, number, number];

/**
 * The bounding box of points, or undefined for none.
 *
 * @example
 * pointsBounds([[1, 2], [4, 6]]); // [1, 2, 3, 4]
 */
export function pointsBounds(points: readonly (readonly [number, number])[]): Box | undefined {
  if (points.length === 0) return undefined;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1 - x0, y1 - y0];
}

/**
 * The area of a simple polygon by the shoelace formula (absolute value).
 *
 * @example
 * polygonArea([[0, 0], [4, 0], [4, 3]]); // 6
 */
export function polygonArea(points: readonly (readonly [number, number])[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i] ?? [0, 0];
    const [x2, y2] = points[(i + 1) % points.length] ?? [0, 0];
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

function runs(rle: CocoRle): number[] {
  return typeof rle.counts === 'string' ? (decodeRleString(rle.counts) ?? []) : rle.counts;
}

/**
 * The number of set pixels of a COCO RLE mask.
 *
 * @example
 * rleArea({ size: [2, 3], counts: [2, 3, 1] }); // 3
 */
export function rleArea(rle: CocoRle): number {
  return runs(rle).reduce((sum, n, i) => (i % 2 === 1 ? sum + n : sum), 0);
}

/**
 * The bounding box of a COCO RLE mask in pixels (as pycocotools `toBbox`: the box covers
 * whole pixels), or `[0, 0, 0, 0]` for an empty mask.
 *
 * @example
 * rleBounds({ size: [3, 3], counts: [4, 1, 4] }); // [1, 1, 1, 1] (the centre pixel)
 */
export function rleBounds(rle: CocoRle): Box {
  const h = rle.size[0];
  let pos = 0;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  runs(rle).forEach((n, i) => {
    if (i % 2 === 1 && n > 0) {
      const first = pos;
      const last = pos + n - 1;
      const c0 = Math.floor(first / h);
      const c1 = Math.floor(last / h);
      x0 = Math.min(x0, c0);
      x1 = Math.max(x1, c1);
      // A run that wraps into the next column covers every row between its ends.
      y0 = Math.min(y0, c1 > c0 ? 0 : first % h);
      y1 = Math.max(y1, c1 > c0 ? h - 1 : last % h);
    }
    pos += n;
  });
  if (x0 === Infinity) return [0, 0, 0, 0];
  return [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
}

/**
 * True when two boxes are equal up to floating-point noise.
 *
 * @example
 * sameBox([0, 0, 1, 1], [0, 0, 1, 1.0000000000001]); // true
 */
export function sameBox(a: readonly number[], b: readonly number[]): boolean {
  return (
    a.length === 4 &&
    b.length === 4 &&
    a.every((v, i) => Math.abs(v - (b[i] ?? NaN)) <= 1e-9 * Math.max(1, Math.abs(v)))
  );
}
