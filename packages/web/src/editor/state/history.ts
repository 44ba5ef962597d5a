/**
 * Undo/redo history of the annotation's regions.
 *
 * Each command decides whether it is undoable: `commit` records a step, `replace` changes the
 * present without one (loading a task, taking the server's version). A gesture (a drag, a
 * resize) brackets many intermediate states with `beginGesture`/`endGesture` and becomes one
 * step, so Ctrl+Z after a drag undoes the whole drag.
 *
 * @example
 * let h = createHistory<number[]>([]);
 * h = commit(h, [1]);
 * h = undo(h); // present: []
 */

/** History of values of type T. */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** The value when the running gesture began; null when no gesture runs. */
  gestureBase: T | null;
}

/** How many steps are kept (older ones are dropped). */
export const HISTORY_LIMIT = 200;

/** A history with no steps. */
export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], gestureBase: null };
}

/** Records `next` as a new undoable step (inside a gesture it only updates the present). */
export function commit<T>(h: History<T>, next: T): History<T> {
  if (next === h.present) return h;
  if (h.gestureBase !== null) return { ...h, present: next };
  return {
    past: [...h.past, h.present].slice(-HISTORY_LIMIT),
    present: next,
    future: [],
    gestureBase: null,
  };
}

/** Sets the present without an undo step. */
export function replace<T>(h: History<T>, next: T): History<T> {
  return { ...h, present: next };
}

/** Starts a gesture: later commits merge into one step. */
export function beginGesture<T>(h: History<T>): History<T> {
  return h.gestureBase !== null ? h : { ...h, gestureBase: h.present };
}

/** Ends a gesture, recording one step if anything changed. */
export function endGesture<T>(h: History<T>): History<T> {
  if (h.gestureBase === null) return h;
  if (h.gestureBase === h.present) return { ...h, gestureBase: null };
  return {
    past: [...h.past, h.gestureBase].slice(-HISTORY_LIMIT),
    present: h.present,
    future: [],
    gestureBase: null,
  };
}

/** Steps back one undoable step (ends a running gesture first). */
export function undo<T>(h: History<T>): History<T> {
  const closed = endGesture(h);
  const prev = closed.past[closed.past.length - 1];
  if (prev === undefined) return closed;
  return {
    past: closed.past.slice(0, -1),
    present: prev,
    future: [closed.present, ...closed.future],
    gestureBase: null,
  };
}

/** Re-applies the last undone step. */
export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: rest, gestureBase: null };
}
