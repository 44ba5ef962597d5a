import { QualityInputError } from '../errors.ts';

/** A point in image pixels. */
export type Point = readonly [number, number];

/**
 * Signed area by the shoelace formula: positive for counter-clockwise vertex order (in a
 * y-up frame; image coordinates have y down, where positive means clockwise on screen).
 *
 * @example
 * ```ts
 * signedArea([[0, 0], [2, 0], [2, 1], [0, 1]]); // 2
 * ```
 */
export function signedArea(points: readonly Point[]): number {
  let s = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    s += (points[j]![0] - points[i]![0]) * (points[j]![1] + points[i]![1]);
  }
  return s / 2;
}

/**
 * Intersection of a polygon with a **convex** clip polygon (Sutherland–Hodgman). Both in
 * counter-clockwise order; returns the (convex) intersection polygon, possibly empty.
 *
 * @example
 * ```ts
 * clipConvex([[0, 0], [2, 0], [2, 2], [0, 2]], [[1, 1], [3, 1], [3, 3], [1, 3]]); // the 1×1 overlap
 * ```
 */
export function clipConvex(subject: readonly Point[], clip: readonly Point[]): Point[] {
  let output: Point[] = [...subject];
  for (let i = 0; i < clip.length && output.length > 0; i++) {
    const a = clip[i]!;
    const b = clip[(i + 1) % clip.length]!;
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j]!;
      const q = input[(j + 1) % input.length]!;
      const pIn = side(a, b, p) >= 0;
      const qIn = side(a, b, q) >= 0;
      if (pIn) output.push(p);
      if (pIn !== qIn) output.push(intersect(a, b, p, q));
    }
  }
  return output;
}

function side(a: Point, b: Point, p: Point): number {
  return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
}

function intersect(a: Point, b: Point, p: Point, q: Point): Point {
  const sp = side(a, b, p);
  const sq = side(a, b, q);
  const t = sp / (sp - sq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/**
 * Triangulates a simple polygon (no self-intersections, no holes) by ear clipping, O(n²).
 * Returns counter-clockwise triangles. Self-intersecting input is rejected with
 * {@link QualityInputError} (checked up front in O(n²)).
 *
 * @example
 * ```ts
 * triangulate([[0, 0], [4, 0], [4, 4], [2, 1], [0, 4]]).length; // 3 (a concave "M")
 * ```
 */
export function triangulate(points: readonly Point[]): Point[][] {
  const pts = dedupe(points);
  if (pts.length < 3) return [];
  if (!isSimple(pts))
    throw new QualityInputError(
      'bad_value',
      'polygon is self-intersecting; split it into simple polygons first',
    );
  const ring = signedArea(pts) < 0 ? [...pts].reverse() : pts;
  const idx = ring.map((_, i) => i);
  const out: Point[][] = [];
  let guard = 0;
  while (idx.length > 3) {
    if (guard++ > 4 * ring.length * ring.length) {
      throw new QualityInputError(
        'bad_value',
        'polygon could not be triangulated: it is probably self-intersecting',
      );
    }
    const ear = findEar(ring, idx);
    if (ear < 0)
      throw new QualityInputError(
        'bad_value',
        'polygon could not be triangulated: it is probably self-intersecting',
      );
    const n = idx.length;
    out.push([ring[idx[(ear + n - 1) % n]!]!, ring[idx[ear]!]!, ring[idx[(ear + 1) % n]!]!]);
    idx.splice(ear, 1);
  }
  out.push(idx.map((i) => ring[i]!));
  return out.filter((t) => Math.abs(signedArea(t)) > 0);
}

/** True when no two non-adjacent edges touch or cross (O(n²), fine for annotation polygons). */
function isSimple(pts: readonly Point[]): boolean {
  const n = pts.length;
  for (let i = 0; i < n; i++) {
    const a = pts[i]!;
    const b = pts[(i + 1) % n]!;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsTouch(a, b, pts[j]!, pts[(j + 1) % n]!)) return false;
    }
  }
  return true;
}

function segmentsTouch(p: Point, q: Point, r: Point, s: Point): boolean {
  const d1 = side(r, s, p);
  const d2 = side(r, s, q);
  const d3 = side(p, q, r);
  const d4 = side(p, q, s);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return true;
  return (
    (d1 === 0 && onSegment(r, s, p)) ||
    (d2 === 0 && onSegment(r, s, q)) ||
    (d3 === 0 && onSegment(p, q, r)) ||
    (d4 === 0 && onSegment(p, q, s))
  );
}

function onSegment(a: Point, b: Point, p: Point): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

function findEar(ring: readonly Point[], idx: number[]): number {
  const n = idx.length;
  for (let k = 0; k < n; k++) {
    const a = ring[idx[(k + n - 1) % n]!]!;
    const b = ring[idx[k]!]!;
    const c = ring[idx[(k + 1) % n]!]!;
    const turn = side(a, b, c);
    // A collinear vertex is a zero-area ear: removing it is always safe.
    if (turn === 0) return k;
    if (turn < 0) continue;
    let empty = true;
    for (let m = 0; m < n && empty; m++) {
      if (m === k || m === (k + n - 1) % n || m === (k + 1) % n) continue;
      const p = ring[idx[m]!]!;
      if (side(a, b, p) >= 0 && side(b, c, p) >= 0 && side(c, a, p) >= 0) empty = false;
    }
    if (empty) return k;
  }
  return -1;
}

function dedupe(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new QualityInputError(
        'bad_value',
        `polygon has a non-finite vertex (${p[0]}, ${p[1]})`,
      );
    }
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

/**
 * Area of the intersection of two simple polygons (convex or concave, no holes, not
 * self-intersecting): both are triangulated and the pairwise triangle intersections, each
 * convex, are clipped with Sutherland–Hodgman and summed. Exact up to floating point;
 * O(n·m) triangle pairs, with a bounding-box test to skip most of them.
 *
 * @example
 * ```ts
 * intersectionArea([[0, 0], [2, 0], [2, 2], [0, 2]], [[1, 1], [3, 1], [3, 3], [1, 3]]); // 1
 * ```
 */
export function intersectionArea(a: readonly Point[], b: readonly Point[]): number {
  const ta = triangulate(a);
  const tb = triangulate(b);
  const boxes = tb.map(bounds);
  let area = 0;
  for (const t of ta) {
    const bt = bounds(t);
    for (let j = 0; j < tb.length; j++) {
      const bb = boxes[j]!;
      if (bt[0] >= bb[2] || bb[0] >= bt[2] || bt[1] >= bb[3] || bb[1] >= bt[3]) continue;
      const piece = clipConvex(t, tb[j]!);
      if (piece.length >= 3) area += Math.abs(signedArea(piece));
    }
  }
  return area;
}

function bounds(points: readonly Point[]): [number, number, number, number] {
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
  return [x0, y0, x1, y1];
}

/**
 * Intersection over union of two simple polygons; 0 when both have zero area.
 *
 * @example
 * ```ts
 * polygonIoU([[0, 0], [2, 0], [2, 2], [0, 2]], [[1, 0], [3, 0], [3, 2], [1, 2]]); // 1/3
 * ```
 */
export function polygonIoU(a: readonly Point[], b: readonly Point[]): number {
  const inter = intersectionArea(a, b);
  const union = Math.abs(signedArea(dedupe(a))) + Math.abs(signedArea(dedupe(b))) - inter;
  return union > 0 ? Math.min(1, inter / union) : 0;
}
