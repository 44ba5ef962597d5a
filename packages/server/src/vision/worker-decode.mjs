// Decoding for the vision worker: one sharp pipeline from the uploaded bytes to 8-bit RGB
// pixels, turned upright by its EXIF orientation so every box is in the pixels a viewer sees.
// Plain JavaScript on purpose: a worker does not inherit the TypeScript loader of its parent.
import sharp from 'sharp';
import { readExifGps } from './worker-exif.mjs';

/** Formats the worker decodes; the caller has already sniffed the magic bytes. */
const FORMATS = new Set(['png', 'jpeg', 'webp', 'gif']);

/** An error with a stable code that the main thread turns into a VisionError. */
export function codedError(code, message) {
  return Object.assign(new Error(message), { code });
}

/** sharp's options for untrusted input: a pixel cap and a hard stop on corrupt data. */
export function sharpInput(limits) {
  return { limitInputPixels: limits.maxPixels, failOn: 'error' };
}

/** Header facts read without decoding pixels; refuses formats and sizes outside the limits. */
export async function inspect(bytes, limits) {
  let meta;
  try {
    meta = await sharp(bytes, sharpInput(limits)).metadata();
  } catch (err) {
    throw codedError('bad_image', `the image header could not be read: ${err.message}`);
  }
  if (!FORMATS.has(meta.format)) {
    throw codedError('unsupported_media', `images of format ${meta.format} are not accepted`);
  }
  const upright = (meta.orientation ?? 1) >= 5; // 5..8 swap width and height
  const width = upright ? meta.height : meta.width;
  const height = upright ? meta.width : meta.height;
  if (!width || !height) throw codedError('bad_image', 'the image declares no size');
  if (width * height > limits.maxPixels || Math.max(width, height) > limits.maxSide) {
    throw codedError(
      'image_too_large',
      `the image is ${width}×${height} pixels; the limit is ${limits.maxPixels} pixels and ${limits.maxSide} on a side`,
    );
  }
  return {
    format: meta.format,
    width,
    height,
    orientation: meta.orientation ?? 1,
    hasAlpha: Boolean(meta.hasAlpha),
    gps: meta.exif ? readExifGps(meta.exif) : { present: false, tags: [] },
  };
}

/**
 * Decodes to upright 8-bit sRGB pixels (transparent areas on white). Corrupt or truncated
 * data fails with code `bad_image`.
 */
export async function decodeRgb(bytes, limits) {
  const info = await inspect(bytes, limits);
  try {
    const { data, info: out } = await sharp(bytes, sharpInput(limits))
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (out.channels !== 3) throw new Error(`expected 3 channels, got ${out.channels}`);
    return { ...info, data, width: out.width, height: out.height };
  } catch (err) {
    throw codedError('bad_image', `the image could not be decoded: ${err.message}`);
  }
}
