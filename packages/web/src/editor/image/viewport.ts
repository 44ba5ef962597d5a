/**
 * Image-space vs screen-space coordinates. Regions store image pixels of the original image;
 * the stage shows them scaled and panned. The two spaces are distinct (branded) types, so a
 * screen point can never be stored in a region by mistake.
 *
 * @example
 * const vp = fitViewport(960, 640, 800, 600);
 * const p = toImage(vp, screenPoint(400, 300)); // image pixels under the stage centre
 */

/** A point in image pixels (what regions store). */
export type ImagePoint = { readonly x: number; readonly y: number; readonly __space: 'image' };

/** A point in stage (screen) pixels. */
export type ScreenPoint = { readonly x: number; readonly y: number; readonly __space: 'screen' };

/** Makes an image-space point. */
export function imagePoint(x: number, y: number): ImagePoint {
  return { x, y } as ImagePoint;
}

/** Makes a screen-space point. */
export function screenPoint(x: number, y: number): ScreenPoint {
  return { x, y } as ScreenPoint;
}

/** The stage transform: screen = image * scale + offset. */
export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

/** Zoom limits. */
export const MIN_SCALE = 0.05;
export const MAX_SCALE = 32;

/** Screen point -> image point. */
export function toImage(vp: Viewport, p: ScreenPoint): ImagePoint {
  return imagePoint((p.x - vp.x) / vp.scale, (p.y - vp.y) / vp.scale);
}

/** Image point -> screen point. */
export function toScreen(vp: Viewport, p: ImagePoint): ScreenPoint {
  return screenPoint(p.x * vp.scale + vp.x, p.y * vp.scale + vp.y);
}

/** The viewport that fits the whole image in the stage, centred, with a margin. */
export function fitViewport(
  imgW: number,
  imgH: number,
  stageW: number,
  stageH: number,
  margin = 16,
): Viewport {
  if (imgW <= 0 || imgH <= 0 || stageW <= 0 || stageH <= 0) return { scale: 1, x: 0, y: 0 };
  const scale = clampScale(Math.min((stageW - 2 * margin) / imgW, (stageH - 2 * margin) / imgH));
  return { scale, x: (stageW - imgW * scale) / 2, y: (stageH - imgH * scale) / 2 };
}

/** Clamps a scale to the zoom limits. */
export function clampScale(s: number): number {
  return Math.max(MIN_SCALE, Math.min(MAX_SCALE, Number.isFinite(s) && s > 0 ? s : 1));
}

/** Zooms by `factor` keeping the image point under `anchor` fixed on screen. */
export function zoomAt(vp: Viewport, anchor: ScreenPoint, factor: number): Viewport {
  const scale = clampScale(vp.scale * factor);
  const under = toImage(vp, anchor);
  return { scale, x: anchor.x - under.x * scale, y: anchor.y - under.y * scale };
}

/** Pans by a screen-space delta. */
export function panBy(vp: Viewport, dx: number, dy: number): Viewport {
  return { ...vp, x: vp.x + dx, y: vp.y + dy };
}
