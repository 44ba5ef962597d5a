import type { Task } from '../format/index.ts';
import { ConvertError } from './errors.ts';
import { isFiniteNumber, isRecord } from './json-utils.ts';

/**
 * The size of an image in pixels.
 *
 * @example
 * const size: ImageSize = { width: 640, height: 480 };
 */
export type ImageSize = { width: number; height: number };

/**
 * Options of converters that need an image's size: by default it is read from the task (see
 * `imageSizeOf`); `imageSize` overrides that (e.g. from a media table the server keeps).
 *
 * @example
 * const opts: ImageSizeOptions = { imageSize: () => ({ width: 800, height: 600 }) };
 */
export type ImageSizeOptions = {
  imageSize?: (task: Task, field: string) => ImageSize | undefined;
};

function sizeIn(obj: unknown): ImageSize | undefined {
  if (!isRecord(obj)) return undefined;
  const { width, height } = obj;
  if (isFiniteNumber(width) && isFiniteNumber(height) && width > 0 && height > 0) {
    return { width, height };
  }
  return undefined;
}

/**
 * The size of a task's image, in pixels of the original image: for a task with several image
 * fields, `meta.image_sizes[field]` first; then `meta.width` and `meta.height`; else
 * `data.width` and `data.height` (positive numbers); undefined when none is there. Importers
 * that know the size (COCO, VOC, YOLO given sizes, Label Studio's `original_width`) write it
 * to `meta`.
 *
 * @example
 * imageSizeOf({ data: { image: 'a.jpg' }, meta: { width: 640, height: 480 } }); // { width: 640, height: 480 }
 */
export function imageSizeOf(task: Task, field?: string): ImageSize | undefined {
  const perField =
    isRecord(task.meta?.image_sizes) && field !== undefined
      ? task.meta.image_sizes[field]
      : undefined;
  return sizeIn(perField) ?? sizeIn(task.meta) ?? sizeIn(task.data);
}

/**
 * The size of a task's image (the `imageSize` option first, then `imageSizeOf`), or a
 * `ConvertError` that says how to provide it.
 *
 * @example
 * requireImageSize(task, 'image', {}, 'yolo'); // throws if the task carries no size
 */
export function requireImageSize(
  task: Task,
  field: string,
  options: ImageSizeOptions,
  source: string,
): ImageSize {
  const size = options.imageSize?.(task, field) ?? imageSizeOf(task, field);
  if (size) return size;
  const where = task.id === undefined ? { source } : { source, task: task.id };
  throw new ConvertError(
    where,
    'the image size is unknown: set meta.width and meta.height (pixels of the original image) or pass the imageSize option',
  );
}
