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
  return (await readHeader(bytes, limits)).facts;
}

/** {@link inspect}'s facts plus sharp's metadata, which decoding uses to skip no-op steps. */
async function readHeader(bytes, limits) {
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
  const facts = {
    format: meta.format,
    width,
    height,
    orientation: meta.orientation ?? 1,
    hasAlpha: Boolean(meta.hasAlpha),
    gps: meta.exif ? readExifGps(meta.exif) : { present: false, tags: [] },
  };
  return { facts, meta };
}

/**
 * Longest side the models are given. The detectors work at 416–512 pixels and OCR at 1600 at
 * most, so a 50-megapixel photo is shrunk while decoding (libvips shrinks JPEGs on load): far
 * less memory and time, and boxes are scaled back to the original's pixels.
 */
export const MODEL_MAX_SIDE = 2048;

/**
 * Decodes to upright 8-bit sRGB pixels (transparent areas on white), at most MODEL_MAX_SIDE
 * on a side. `scale` is model pixels per original pixel; `width`/`height` stay the original's.
 * Corrupt or truncated data fails with code `bad_image`.
 */
export async function decodeRgb(bytes, limits) {
  const { facts: info, meta } = await readHeader(bytes, limits);
  const scale = Math.min(1, MODEL_MAX_SIDE / Math.max(info.width, info.height));
  try {
    // Each step only when it does something: decoding is most of the platform's overhead.
    let p = sharp(bytes, sharpInput(limits));
    if (info.orientation !== 1) p = p.rotate();
    if (scale < 1) {
      p = p.resize(
        Math.max(1, Math.round(info.width * scale)),
        Math.max(1, Math.round(info.height * scale)),
        { fit: 'fill' },
      );
    }
    if (info.hasAlpha) p = p.flatten({ background: '#ffffff' });
    if (meta.space !== 'srgb' || (meta.channels ?? 0) - (info.hasAlpha ? 1 : 0) !== 3) {
      p = p.toColourspace('srgb');
    }
    const { data, info: out } = await p.raw().toBuffer({ resolveWithObject: true });
    if (out.channels !== 3) throw new Error(`expected 3 channels, got ${out.channels}`);
    const pixels = { data, width: out.width, height: out.height, scale };
    return { ...info, pixels };
  } catch (err) {
    throw codedError('bad_image', `the image could not be decoded: ${err.message}`);
  }
}

/**
 * A box found in model pixels, in the original's pixels: scaled back, clipped to the image,
 * rounded to 0.1 px.
 */
export function toOriginal(x, y, w, h, img) {
  const s = img.pixels.scale;
  const clip = (v, max) => Math.max(0, Math.min(max, v / s));
  const x0 = clip(x, img.width);
  const y0 = clip(y, img.height);
  const x1 = clip(x + w, img.width);
  const y1 = clip(y + h, img.height);
  const r = (v) => Math.round(v * 10) / 10;
  return { x: r(x0), y: r(y0), width: r(x1 - x0), height: r(y1 - y0) };
}
