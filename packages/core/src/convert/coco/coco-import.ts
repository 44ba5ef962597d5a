import { ExternalId, LabelValue } from '../../format/index.ts';
import type { Control, LabelingSchema, Region, Task } from '../../format/index.ts';
import { ConvertError } from '../errors.ts';
import type { Where } from '../errors.ts';
import { isFiniteNumber, isRecord, leftover, parseJsonText } from '../json-utils.ts';
import { annotationRegions } from './coco-annotation-in.ts';
import type { CocoControls } from './coco-annotation-in.ts';
import type { CocoCategory, CocoImage } from './coco-types.ts';

/**
 * COCO JSON -> Tessera tasks: one task per image (`id` = image id, `data[field]` =
 * `file_name`, `meta.width`/`meta.height` = the image size), with one annotation holding
 * the image's regions (see coco-annotation-in.ts). Keys Tessera does not model are kept in
 * `meta.coco` (`image`: other image keys; `annotations`: other keys by annotation id), and
 * the dataset's `info`, `licenses` and `categories` are returned for the writer.
 */

/**
 * Options of `cocoToTasks`: the image data field (default `image`), the control names
 * (default `bbox`, `polygon`, `mask`, `keypoints`) and a source name for errors.
 */
export type CocoImportOptions = {
  field?: string;
  controls?: Partial<CocoControls>;
  source?: string;
};

/**
 * What `cocoToTasks` returns: the tasks, a labeling schema for them, and the dataset-level
 * parts to give back to `CocoWriter` for a faithful round trip.
 *
 * @example
 * const { tasks, schema, categories, info, licenses } = cocoToTasks(json);
 */
export type CocoImport = {
  tasks: Task[];
  schema: LabelingSchema;
  categories: CocoCategory[];
  info?: unknown;
  licenses?: unknown;
  /** Other top-level keys of the file. */
  extra?: Record<string, unknown>;
};

function list(
  obj: Record<string, unknown>,
  key: string,
  source: string,
  required: boolean,
): unknown[] {
  const v = obj[key];
  if (v === undefined && !required) return [];
  if (!Array.isArray(v)) throw new ConvertError({ source, path: key }, `${key} must be a list`);
  return v;
}

function idOf(v: unknown, where: Where, what: string): string | number {
  if (!ExternalId.safeParse(v).success)
    throw new ConvertError(where, `${what} must be a non-negative integer or a string`);
  return v as string | number;
}

function readCategories(raw: unknown[], source: string): Map<string, CocoCategory> {
  const byId = new Map<string, CocoCategory>();
  const names = new Set<string>();
  raw.forEach((c, i) => {
    const where = { source, path: `categories[${i}]` };
    if (!isRecord(c)) throw new ConvertError(where, 'a category must be an object');
    const id = idOf(c.id, where, 'category id');
    if (typeof c.name !== 'string' || !LabelValue.safeParse(c.name).success) {
      throw new ConvertError(
        { ...where, id },
        'category name must be 1-200 characters without leading or trailing spaces',
      );
    }
    if (byId.has(String(id))) throw new ConvertError({ ...where, id }, 'duplicate category id');
    if (names.has(c.name))
      throw new ConvertError({ ...where, id }, `duplicate category name "${c.name}"`);
    if (
      c.keypoints !== undefined &&
      !(Array.isArray(c.keypoints) && c.keypoints.every((k) => typeof k === 'string'))
    ) {
      throw new ConvertError({ ...where, id }, 'keypoints must be a list of part names');
    }
    names.add(c.name);
    byId.set(String(id), c as CocoCategory);
  });
  return byId;
}

function readImages(raw: unknown[], source: string): Map<string, CocoImage> {
  const byId = new Map<string, CocoImage>();
  raw.forEach((img, i) => {
    const where = { source, path: `images[${i}]` };
    if (!isRecord(img)) throw new ConvertError(where, 'an image must be an object');
    const id = idOf(img.id, where, 'image id');
    if (byId.has(String(id))) throw new ConvertError({ ...where, id }, 'duplicate image id');
    if (typeof img.file_name !== 'string')
      throw new ConvertError({ ...where, id }, 'file_name must be a string');
    const { width, height } = img;
    if (!isFiniteNumber(width) || !isFiniteNumber(height) || width <= 0 || height <= 0) {
      throw new ConvertError({ ...where, id }, 'width and height must be positive numbers');
    }
    byId.set(String(id), img as CocoImage);
  });
  return byId;
}

function buildSchema(
  field: string,
  c: CocoControls,
  categories: CocoCategory[],
  used: Set<Region['type']>,
): LabelingSchema {
  const labels = categories.map((cat) => ({ value: cat.name }));
  const types: [Region['type'], string, Control['type']][] = [
    ['bbox', c.bbox, 'bbox'],
    ['polygon', c.polygon, 'polygon'],
    ['mask', c.mask, 'mask'],
    ['keypoints', c.keypoints, 'keypoints'],
  ];
  const controls = types
    .filter(([t]) => used.has(t) || (used.size === 0 && t === 'bbox'))
    .map(
      ([, name, type]) => ({ name, type, field, ...(labels.length ? { labels } : {}) }) as Control,
    );
  return { version: 1, fields: [{ name: field, type: 'image' }], controls };
}

/** Regions and kept keys collected per image while reading the annotations. */
type PerImage = { regions: Region[]; ids: Set<string>; extras: Record<string, unknown> };

function readAnnotations(
  raw: unknown[],
  images: Map<string, CocoImage>,
  categories: Map<string, CocoCategory>,
  controls: CocoControls,
  source: string,
): { perImage: Map<string, PerImage>; used: Set<Region['type']> } {
  const perImage = new Map<string, PerImage>();
  const used = new Set<Region['type']>();
  raw.forEach((ann, i) => {
    const at: Where = { source, path: `annotations[${i}]` };
    if (!isRecord(ann)) throw new ConvertError(at, 'an annotation must be an object');
    const where = { ...at, id: idOf(ann.id, at, 'annotation id') };
    const image = images.get(String(ann.image_id));
    if (!image)
      throw new ConvertError(where, `image_id ${JSON.stringify(ann.image_id)} is not in images`);
    const category = categories.get(String(ann.category_id));
    if (!category)
      throw new ConvertError(
        where,
        `category_id ${JSON.stringify(ann.category_id)} is not in categories`,
      );
    const { regions, extra } = annotationRegions(ann, category, controls, where);
    const key = String(image.id);
    const entry = perImage.get(key) ?? { regions: [], ids: new Set<string>(), extras: {} };
    perImage.set(key, entry);
    for (const r of regions) {
      if (entry.ids.has(r.id))
        throw new ConvertError(
          where,
          `duplicate annotation id (region "${r.id}" twice in image ${key})`,
        );
      entry.ids.add(r.id);
      entry.regions.push(r);
      used.add(r.type);
    }
    if (extra) entry.extras[String(ann.id)] = extra;
  });
  return { perImage, used };
}

function imageTask(img: CocoImage, entry: PerImage | undefined, field: string): Task {
  const coco: Record<string, unknown> = {};
  const imageExtra = leftover(img, ['id', 'file_name', 'width', 'height']);
  if (imageExtra) coco.image = imageExtra;
  if (entry && Object.keys(entry.extras).length) coco.annotations = entry.extras;
  const meta = {
    width: img.width,
    height: img.height,
    ...(Object.keys(coco).length ? { coco } : {}),
  };
  return {
    id: img.id,
    data: { [field]: img.file_name },
    meta,
    annotations: [{ regions: entry?.regions ?? [] }],
  };
}

/**
 * Converts a COCO file (text or parsed) into tasks. An annotation that names an image or
 * category the file does not have is an error naming the annotation id; so are malformed
 * boxes, polygons, RLE masks and keypoints.
 *
 * @example
 * const { tasks } = cocoToTasks(readFileText('instances_val.json'));
 * tasks[0]; // { id: 0, data: { image: 'fake1.jpg' }, meta: { width: 800, height: 800 }, annotations: [...] }
 */
export function cocoToTasks(input: string | unknown, options: CocoImportOptions = {}): CocoImport {
  const source = options.source ?? 'COCO';
  const doc = typeof input === 'string' ? parseJsonText(input, source) : input;
  if (!isRecord(doc)) throw new ConvertError({ source }, 'a COCO file is a JSON object');
  const field = options.field ?? 'image';
  const controls: CocoControls = {
    bbox: 'bbox',
    polygon: 'polygon',
    mask: 'mask',
    keypoints: 'keypoints',
    ...options.controls,
  };
  const categories = readCategories(list(doc, 'categories', source, true), source);
  const images = readImages(list(doc, 'images', source, true), source);
  const { perImage, used } = readAnnotations(
    list(doc, 'annotations', source, false),
    images,
    categories,
    controls,
    source,
  );
  const tasks = [...images.values()].map((img) =>
    imageTask(img, perImage.get(String(img.id)), field),
  );
  const cats = [...categories.values()];
  const out: CocoImport = {
    tasks,
    schema: buildSchema(field, controls, cats, used),
    categories: cats,
  };
  if ('info' in doc) out.info = doc.info;
  if ('licenses' in doc) out.licenses = doc.licenses;
  const extra = leftover(doc, ['info', 'licenses', 'images', 'annotations', 'categories']);
  if (extra) out.extra = extra;
  return out;
}
