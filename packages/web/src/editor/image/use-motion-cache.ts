/**
 * While the user pans or zooms over many shapes, the shapes are drawn once into a bitmap
 * (Konva node caching) and each frame only moves or scales that bitmap; once the view has
 * settled, the cache is dropped and the shapes are drawn crisp again at the new zoom.
 * Redrawing a thousand boxes with their label tags cost more than a frame on a two-core
 * machine; moving one bitmap costs well under a millisecond.
 *
 * @example
 * const motion = useMotionCache(shapesGroup);
 * onWheel: () => { setVp(...); motion.nudge(vp.scale); }
 * useEffect(() => (panning ? motion.hold(scale) : motion.release()), [panning]);
 */
import { useCallback, useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import type Konva from 'konva';

/** Below this many shapes live drawing is cheap enough, and always crisp. */
const MIN_SHAPES = 300;
/** The view counts as settled this long after the last pan or zoom step. */
const SETTLE_MS = 180;
/** Largest cache bitmap (pixels); beyond it the cache is drawn at a lower resolution. */
const MAX_PIXELS = 8_000_000;

function cacheGroup(g: Konva.Group, scale: number): void {
  if (g.isCached() || g.find('Shape').length < MIN_SHAPES) return;
  const box = g.getClientRect({ skipTransform: true });
  const dpr = window.devicePixelRatio || 1;
  const area = Math.max(1, box.width * box.height);
  const ratio = Math.min(scale * dpr, Math.sqrt(MAX_PIXELS / area));
  g.cache({ pixelRatio: Math.max(0.1, ratio) });
}

/** Motion caching for one Konva group. */
export function useMotionCache(group: RefObject<Konva.Group | null>) {
  const timer = useRef<number | undefined>(undefined);
  const held = useRef(false);

  const settle = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const g = group.current;
      if (held.current || !g?.isCached()) return;
      g.clearCache();
      g.getLayer()?.batchDraw();
    }, SETTLE_MS);
  }, [group]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return {
    /** One zoom or pan step at zoom `scale`: draw from the bitmap until the view settles. */
    nudge: useCallback(
      (scale: number) => {
        if (group.current) cacheGroup(group.current, scale);
        settle();
      },
      [group, settle],
    ),
    /** A pan gesture starts: cache now, keep it while the pointer is down. */
    hold: useCallback(
      (scale: number) => {
        held.current = true;
        window.clearTimeout(timer.current);
        if (group.current) cacheGroup(group.current, scale);
      },
      [group],
    ),
    /** The pan gesture ended. */
    release: useCallback(() => {
      held.current = false;
      settle();
    }, [settle]),
  };
}
