/**
 * The rectangle tool as a small state machine: idle -> drawing (pointer down) -> idle
 * (pointer up, yielding a box if it is big enough). The drawing state lives outside the
 * undo history; only the finished box is committed, so one drag is one undo step.
 *
 * @example
 * let s = bboxDown(BBOX_IDLE, imagePoint(10, 10));
 * s = bboxMove(s, imagePoint(60, 40));
 * const { rect } = bboxUp(s, imagePoint(60, 40), 960, 640); // { x: 10, y: 10, width: 50, height: 30 }
 */
import { isUsableBox, rectFromCorners, type Rect } from '../geometry.ts';
import type { ImagePoint } from '../viewport.ts';

/** States of the rectangle tool. */
export type BboxToolState =
  { kind: 'idle' } | { kind: 'drawing'; start: ImagePoint; current: ImagePoint };

/** The idle state. */
export const BBOX_IDLE: BboxToolState = { kind: 'idle' };

/** Pointer down: start a box. */
export function bboxDown(_s: BboxToolState, p: ImagePoint): BboxToolState {
  return { kind: 'drawing', start: p, current: p };
}

/** Pointer move: stretch the box. */
export function bboxMove(s: BboxToolState, p: ImagePoint): BboxToolState {
  return s.kind === 'drawing' ? { ...s, current: p } : s;
}

/** The box being drawn, for the preview. */
export function bboxPreview(s: BboxToolState, w: number, h: number): Rect | null {
  return s.kind === 'drawing' ? rectFromCorners(s.start, s.current, w, h) : null;
}

/** Pointer up: finish; `rect` is null for a click or a box too small to keep. */
export function bboxUp(
  s: BboxToolState,
  p: ImagePoint,
  w: number,
  h: number,
): { state: BboxToolState; rect: Rect | null } {
  if (s.kind !== 'drawing') return { state: s, rect: null };
  const rect = rectFromCorners(s.start, p, w, h);
  return { state: BBOX_IDLE, rect: isUsableBox(rect) ? rect : null };
}
