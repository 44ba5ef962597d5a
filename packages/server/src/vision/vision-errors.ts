import { AppError } from '../errors.ts';

/** Stable codes of vision failures, each with the HTTP status the API answers with. */
export const VISION_ERROR_STATUS = {
  /** Not an allowed image type (checked by magic bytes). */
  unsupported_media: 415,
  /** More bytes than the limit. */
  payload_too_large: 413,
  /** Declared dimensions over the limit: refused before any decoding. */
  image_too_large: 422,
  /** The decoder refused the data (corrupt, truncated, not what its header says). */
  bad_image: 422,
  /** The job ran past its time limit; the worker was stopped. */
  vision_timeout: 422,
  /** The job ran past the worker's memory cap; the worker was stopped. */
  vision_out_of_memory: 422,
  /** Too many jobs waiting. */
  vision_busy: 503,
  /** A shipped model could not be loaded. */
  model_unavailable: 503,
  /** The service was closed. */
  vision_closed: 503,
  /** Bad arguments (boxes, options). */
  bad_request: 400,
  /** Anything else that went wrong in the worker. */
  vision_failed: 500,
} as const;

/** One of {@link VISION_ERROR_STATUS}'s codes. */
export type VisionErrorCode = keyof typeof VISION_ERROR_STATUS;

/**
 * A vision failure the API can return as is: an {@link AppError} with a stable code, the
 * matching status and a message saying what was wrong with the image or the job.
 *
 * @example
 * ```ts
 * throw new VisionError('image_too_large', 'The image declares 50000×50000 pixels; ...');
 * ```
 */
export class VisionError extends AppError {
  constructor(
    override readonly code: VisionErrorCode,
    message: string,
  ) {
    super(VISION_ERROR_STATUS[code], code, message);
    this.name = 'VisionError';
  }
}

/**
 * True for the codes a worker may send back; anything else becomes `vision_failed`.
 *
 * @example
 * ```ts
 * isVisionErrorCode('bad_image'); // true
 * ```
 */
export function isVisionErrorCode(code: unknown): code is VisionErrorCode {
  return typeof code === 'string' && Object.hasOwn(VISION_ERROR_STATUS, code);
}
