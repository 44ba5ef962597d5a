/**
 * COCO object-detection JSON as Tessera reads and writes it.
 * Reference: https://cocodataset.org/#format-data
 */

/** `images[]`: id, file name and size; other keys (license, coco_url, ...) are kept. */
export type CocoImage = {
  id: number | string;
  file_name: string;
  width: number;
  height: number;
  [key: string]: unknown;
};

/** COCO run-length encoding: `counts` as a list (uncompressed) or COCO's string. */
export type CocoRle = { size: [number, number]; counts: number[] | string };

/** `annotations[]`: `bbox` is `[x, y, width, height]` in pixels. */
export type CocoAnnotation = {
  id: number | string;
  image_id: number | string;
  category_id: number | string;
  bbox?: number[];
  segmentation?: number[][] | CocoRle;
  keypoints?: number[];
  num_keypoints?: number;
  area?: number;
  iscrowd?: number;
  score?: number;
  [key: string]: unknown;
};

/** `categories[]`; `keypoints` names the parts of a keypoint category, in order. */
export type CocoCategory = {
  id: number | string;
  name: string;
  supercategory?: string;
  keypoints?: string[];
  skeleton?: number[][];
  [key: string]: unknown;
};

/**
 * A whole COCO file.
 *
 * @example
 * const empty: CocoDataset = { images: [], annotations: [], categories: [] };
 */
export type CocoDataset = {
  info?: unknown;
  licenses?: unknown;
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
  [key: string]: unknown;
};
