/**
 * Natural sizes of the images on screen, by field name, so commands (nudging with the arrow
 * keys) can keep shapes inside the image without reaching into the canvas.
 *
 * @example
 * setImageSize('image', 960, 640); imageSize('image') // { w: 960, h: 640 }
 */
const sizes = new Map<string, { w: number; h: number }>();

/** Records an image's natural size. */
export function setImageSize(field: string, w: number, h: number): void {
  sizes.set(field, { w, h });
}

/** An image's natural size, if loaded. */
export function imageSize(field: string): { w: number; h: number } | undefined {
  return sizes.get(field);
}
