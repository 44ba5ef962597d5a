/**
 * Canvas marks that keep the same size on screen at any zoom (label tags, vertex handles,
 * keypoint dots) are drawn at screen size and counter-scaled by 1 / zoom. The zoom reaches
 * them without a React render: new marks read it from a ref at mount, and a zoom rescales the
 * existing ones in one pass over the Konva tree. Re-rendering every shape on each wheel tick
 * (and re-measuring every label's text) was the main cost of zooming over many regions.
 *
 * @example
 * const s = useScreenScale(); // 1 / zoom, for a mark's initial scaleX / scaleY
 * <Circle name={SCREEN_SIZE} radius={5} scaleX={s} scaleY={s} ... />
 * applyScreenScale(layer, vp.scale); // after a zoom
 */
import { createContext, useContext } from 'react';
import type Konva from 'konva';

/** Konva name of nodes drawn at screen size. */
export const SCREEN_SIZE = 'screen-size';

/** The current zoom, as a ref shared by the canvas (stable, so it never re-renders shapes). */
export const ViewScaleContext = createContext<{ readonly current: number }>({ current: 1 });

/** The counter-scale (1 / zoom) a screen-size mark starts with. */
export function useScreenScale(): number {
  return 1 / useContext(ViewScaleContext).current;
}

/** Rescales every screen-size mark under `root` for zoom `scale`. */
export function applyScreenScale(root: Konva.Container | null, scale: number): void {
  if (!root) return;
  const s = 1 / scale;
  for (const node of root.find(`.${SCREEN_SIZE}`)) {
    if (node.scaleX() !== s) node.scale({ x: s, y: s });
  }
}
