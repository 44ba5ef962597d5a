/**
 * Geometry of image regions, in image pixels: rectangles from two corners, clamping to the
 * image, moving shapes, and the smallest box worth keeping (a click is not a box).
 *
 * @example
 * rectFromCorners(imagePoint(50, 40), imagePoint(10, 10)) // { x: 10, y: 10, width: 40, height: 30 }
 */
import type { ImagePoint } from './viewport.ts';

/** An axis-aligned rectangle in image pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Boxes smaller than this (image px) on either side are treated as accidental clicks. */
export const MIN_BOX_SIDE = 3;

const round = (n: number) => Math.round(n * 100) / 100;

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/** Clamps a point into the image. */
export function clampPoint(p: ImagePoint, w: number, h: number): ImagePoint {
  return { ...p, x: round(clamp(p.x, 0, w)), y: round(clamp(p.y, 0, h)) };
}

/** The rectangle spanned by two corners (any order), clamped to a w×h image. */
export function rectFromCorners(a: ImagePoint, b: ImagePoint, w = Infinity, h = Infinity): Rect {
  const x1 = clamp(Math.min(a.x, b.x), 0, w);
  const y1 = clamp(Math.min(a.y, b.y), 0, h);
  const x2 = clamp(Math.max(a.x, b.x), 0, w);
  const y2 = clamp(Math.max(a.y, b.y), 0, h);
  return { x: round(x1), y: round(y1), width: round(x2 - x1), height: round(y2 - y1) };
}

/** True when a drawn box is big enough to keep. */
export function isUsableBox(r: Rect, minSide = MIN_BOX_SIDE): boolean {
  return r.width >= minSide && r.height >= minSide;
}

/** Moves a rectangle by (dx, dy), keeping it inside a w×h image. */
export function moveRect(r: Rect, dx: number, dy: number, w: number, h: number): Rect {
  return {
    ...r,
    x: round(clamp(r.x + dx, 0, Math.max(0, w - r.width))),
    y: round(clamp(r.y + dy, 0, Math.max(0, h - r.height))),
  };
}

/** Moves polygon points by (dx, dy), keeping the whole shape inside the image. */
export function movePoints(
  points: readonly [number, number][],
  dx: number,
  dy: number,
  w: number,
  h: number,
): [number, number][] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const ddx = clamp(dx, -Math.min(...xs), w - Math.max(...xs));
  const ddy = clamp(dy, -Math.min(...ys), h - Math.max(...ys));
  return points.map(([x, y]) => [round(x + ddx), round(y + ddy)]);
}

/** Distance between two image points. */
export function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
