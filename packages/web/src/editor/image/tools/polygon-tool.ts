/**
 * The polygon tool as a state machine: each click adds a vertex; clicking the first vertex
 * (or Enter) closes the polygon once it has three; Backspace removes the last vertex; Escape
 * cancels. Only the closed polygon is committed (one undo step).
 *
 * @example
 * let s = POLYGON_IDLE;
 * for (const p of [a, b, c]) s = polygonClick(s, p, 5).state;
 * const { points } = polygonFinish(s); // [a, b, c]
 */
import { distance } from '../geometry.ts';
import type { ImagePoint } from '../viewport.ts';

/** States of the polygon tool. */
export type PolygonToolState =
  { kind: 'idle' } | { kind: 'drawing'; points: ImagePoint[]; hover: ImagePoint | null };

/** The idle state. */
export const POLYGON_IDLE: PolygonToolState = { kind: 'idle' };

/** Result of an event: the next state and, when the polygon closed, its vertices. */
export interface PolygonStep {
  state: PolygonToolState;
  points: ImagePoint[] | null;
}

/**
 * A click at `p`. `closeRadius` is in image pixels (the caller converts a screen radius so
 * closing feels the same at any zoom).
 */
export function polygonClick(s: PolygonToolState, p: ImagePoint, closeRadius: number): PolygonStep {
  if (s.kind === 'idle')
    return { state: { kind: 'drawing', points: [p], hover: null }, points: null };
  const first = s.points[0];
  if (first && s.points.length >= 3 && distance(first, p) <= closeRadius) return polygonFinish(s);
  return { state: { ...s, points: [...s.points, p] }, points: null };
}

/** Pointer move: the rubber-band segment to the cursor. */
export function polygonMove(s: PolygonToolState, p: ImagePoint): PolygonToolState {
  return s.kind === 'drawing' ? { ...s, hover: p } : s;
}

/** Enter: close the polygon if it has at least three vertices, else keep drawing. */
export function polygonFinish(s: PolygonToolState): PolygonStep {
  if (s.kind !== 'drawing' || s.points.length < 3) return { state: s, points: null };
  return { state: POLYGON_IDLE, points: s.points };
}

/** Backspace: drop the last vertex (cancels when none is left). */
export function polygonUndoPoint(s: PolygonToolState): PolygonToolState {
  if (s.kind !== 'drawing') return s;
  const points = s.points.slice(0, -1);
  return points.length ? { ...s, points } : POLYGON_IDLE;
}
