import { sniff, type Sniffed } from '../media/magic.ts';
import { VisionError } from './vision-errors.ts';

/** What one vision job may cost. Every field has a default in {@link DEFAULT_VISION_LIMITS}. */
export interface VisionLimits {
  /** Largest accepted upload, in bytes. */
  maxBytes: number;
  /** Largest declared width × height; checked from the header before decoding. */
  maxPixels: number;
  /** Largest declared width or height. */
  maxSide: number;
  /** Wall-clock limit of one job in the worker, in milliseconds (model loading included). */
  timeoutMs: number;
  /** The worker's V8 old-generation cap in MiB (`resourceLimits.maxOldGenerationSizeMb`). */
  maxHeapMb: number;
}

/**
 * Defaults sized for the shipped models on a 2-core machine: 50 MP covers any camera photo,
 * and 512 MiB of heap is three times what OCR of a 1600-pixel page needs.
 *
 * @example
 * ```ts
 * const limits = { ...DEFAULT_VISION_LIMITS, timeoutMs: 5_000 };
 * ```
 */
export const DEFAULT_VISION_LIMITS: VisionLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxPixels: 50_000_000,
  maxSide: 30_000,
  timeoutMs: 60_000,
  maxHeapMb: 512,
};

/**
 * Refuses an image before anything decodes it: too many bytes, a type outside the allow-list
 * (magic bytes, not names) or declared dimensions over the limits. Returns the sniffed type.
 * Sizes a header does not state are left to the decoder's own pixel cap in the worker.
 *
 * @example
 * ```ts
 * checkImage(bytes, DEFAULT_VISION_LIMITS); // throws VisionError('image_too_large') for 50000×50000
 * ```
 */
export function checkImage(bytes: Uint8Array, limits: VisionLimits): Sniffed {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new VisionError(
      'bad_request',
      'The image is empty: send the bytes of a PNG, JPEG, GIF or WebP file.',
    );
  }
  if (bytes.length > limits.maxBytes) {
    throw new VisionError(
      'payload_too_large',
      `The image is ${bytes.length} bytes; the limit is ${limits.maxBytes}.`,
    );
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = sniff(buf);
  if (!kind) {
    throw new VisionError(
      'unsupported_media',
      'Only PNG, JPEG, GIF and WebP images are accepted (checked by content, not by file name).',
    );
  }
  const { width, height } = kind;
  if (width !== undefined && height !== undefined) {
    if (width === 0 || height === 0) {
      throw new VisionError(
        'bad_image',
        `The ${kind.ext} header declares ${width}×${height} pixels.`,
      );
    }
    if (width * height > limits.maxPixels || Math.max(width, height) > limits.maxSide) {
      throw new VisionError(
        'image_too_large',
        `The image declares ${width}×${height} pixels; the limit is ${limits.maxPixels / 1e6} megapixels and ${limits.maxSide} pixels on a side. Nothing was decoded.`,
      );
    }
  }
  return kind;
}
