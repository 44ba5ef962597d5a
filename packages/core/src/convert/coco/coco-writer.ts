import type { LabelingSchema, Task } from '../../format/index.ts';
import { ConvertError, reportLoss } from '../errors.ts';
import type { LossOptions, Where } from '../errors.ts';
import { requireImageSize } from '../image-size.ts';
import type { ImageSizeOptions } from '../image-size.ts';
import { canonicalInt, isRecord } from '../json-utils.ts';
import { pickRegions } from '../pick-regions.ts';
import type { PickOptions } from '../pick-regions.ts';
import { groupGeometry, groupLabel, groupRegions } from './coco-annotation-out.ts';
import type { Group } from './coco-annotation-out.ts';
import type { CocoCategory } from './coco-types.ts';

/**
 * Options of `CocoWriter`: the image field (default `image`), the categories (ids, names,
 * keypoint names; default: the labels of the schema's image controls, else labels in the
 * order they appear, ids from 1), dataset-level `info`, `licenses` and other keys, a file
 * name per task (default `data[field]`), and which annotation to export (`PickOptions`).
 */
export type CocoWriterOptions = PickOptions &
  ImageSizeOptions & {
    field?: string;
    categories?: readonly CocoCategory[];
    schema?: LabelingSchema;
    info?: unknown;
    licenses?: unknown;
    extra?: Record<string, unknown>;
    fileName?: (task: Task) => string;
  };

const IMAGE_CONTROLS = ['bbox', 'polygon', 'mask', 'keypoints'];

/**
 * COCO ids are integers unique in the file; Tessera region ids are strings unique in a task.
 * An id that spells a free integer is kept; any other gets the next free integer (a loss
 * when it was an integer already used, e.g. region "1" in two images).
 *
 * Ids mostly arrive in increasing order (task ids from the store, generated annotation ids):
 * those go into a sorted Float64Array (8 bytes each, membership by binary search); only ids
 * that arrive out of order go into a Set. A million-image export holds 16 MB of ids, not 60.
 */
class IdPool {
  private sorted = new Float64Array(1024);
  private size = 0;
  private readonly rest = new Set<number>();
  private next = 1;
  constructor(
    private readonly what: string,
    private readonly options: LossOptions,
  ) {}

  take(id: string | number | undefined, where: Where): number {
    const n = typeof id === 'number' ? id : id === undefined ? undefined : canonicalInt(id);
    if (n !== undefined && !this.has(n)) {
      this.add(n);
      return n;
    }
    while (this.has(this.next)) this.next++;
    this.add(this.next);
    if (n !== undefined)
      reportLoss(
        this.options,
        where,
        `${this.what} id ${n} is already used in this file; written as ${this.next}`,
      );
    return this.next;
  }

  private has(n: number): boolean {
    if (this.rest.has(n)) return true;
    const a = this.sorted;
    if (this.size === 0 || n > a[this.size - 1]!) return false;
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = a[mid]!;
      if (v === n) return true;
      if (v < n) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  private add(n: number): void {
    if (this.size > 0 && n <= this.sorted[this.size - 1]!) {
      this.rest.add(n);
      return;
    }
    if (this.size === this.sorted.length) {
      const grown = new Float64Array(this.sorted.length * 2);
      grown.set(this.sorted);
      this.sorted = grown;
    }
    this.sorted[this.size++] = n;
  }
}

function categoriesFromSchema(schema: LabelingSchema | undefined, field: string): CocoCategory[] {
  const names: string[] = [];
  for (const c of schema?.controls ?? []) {
    if (c.type === 'link' || c.field !== field || !IMAGE_CONTROLS.includes(c.type)) continue;
    for (const l of c.labels ?? []) if (!names.includes(l.value)) names.push(l.value);
  }
  return names.map((name, i) => ({ id: i + 1, name }));
}

/**
 * A streaming COCO writer: `begin()`, then `add(task)` for each task, then `end()`; each
 * returns a chunk of the JSON text, and the chunks concatenated are the file. Annotations are
 * written as tasks arrive; only the image table (id, file name, size: tens of bytes per
 * image) and the categories are held until `end()`, so a million-task export never holds the
 * annotations. What COCO cannot hold is reported through `onLoss` (or thrown with `strict`).
 *
 * @example
 * const w = new CocoWriter({ categories });
 * let json = w.begin();
 * for (const task of tasks) json += w.add(task);
 * json += w.end();
 */
export class CocoWriter {
  private readonly field: string;
  private readonly categories: CocoCategory[];
  private readonly derived: boolean;
  private images: string[] = [];
  private imagesTaken = false;
  private readonly imageIds: IdPool;
  private readonly annotationIds: IdPool;
  private written = 0;

  constructor(private readonly options: CocoWriterOptions = {}) {
    this.field = options.field ?? 'image';
    this.imageIds = new IdPool('image', options);
    this.annotationIds = new IdPool('annotation', options);
    this.derived = !options.categories;
    this.categories = options.categories
      ? options.categories.map((c) => ({ ...c }))
      : categoriesFromSchema(options.schema, this.field);
  }

  /** The opening of the file, up to the start of the annotations list. */
  begin(): string {
    const head: Record<string, unknown> = {};
    if (this.options.info !== undefined) head.info = this.options.info;
    if (this.options.licenses !== undefined) head.licenses = this.options.licenses;
    Object.assign(head, this.options.extra ?? {});
    const text = JSON.stringify(head);
    return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"annotations":[`;
  }

  /** The annotations of one task (its image is held for `end()`). */
  add(task: Task): string {
    const where: Where = { source: 'COCO', ...(task.id === undefined ? {} : { task: task.id }) };
    const value = task.data[this.field];
    const fileName = this.options.fileName?.(task) ?? value;
    if (typeof fileName !== 'string')
      throw new ConvertError(where, `data.${this.field} must be a string (the image file name)`);
    const size = requireImageSize(task, this.field, this.options, 'COCO');
    const imageId = this.imageIds.take(task.id, where);
    const coco = isRecord(task.meta?.coco) ? task.meta.coco : {};
    const imageExtra = isRecord(coco.image) ? coco.image : {};
    this.images.push(
      JSON.stringify({
        ...imageExtra,
        id: imageId,
        file_name: fileName,
        width: size.width,
        height: size.height,
      }),
    );
    const kept = isRecord(coco.annotations) ? coco.annotations : {};
    let out = '';
    for (const g of groupRegions(pickRegions(task, this.options), this.options, where)) {
      const ann = this.annotation(g, imageId, kept, { ...where, id: g.base });
      if (!ann) continue;
      out += (this.written++ > 0 ? ',' : '') + JSON.stringify(ann);
    }
    return out;
  }

  /**
   * The images added since the last call, as JSON text to go between `endParts().before` and
   * `endParts().images`: a caller that spills them (to a file) as it goes holds no image table.
   */
  takeImages(): string {
    if (this.images.length === 0) return '';
    const text = (this.imagesTaken ? ',' : '') + this.images.join(',');
    this.imagesTaken = true;
    this.images = [];
    return text;
  }

  /**
   * The end of the file in three parts: the close of the annotations, the images not taken
   * yet, and the close with the categories. With no `takeImages()` calls their concatenation
   * is `end()`; otherwise the taken image text goes between `before` and `images`.
   */
  endParts(): { before: string; images: string; after: string } {
    return {
      before: '],"images":[',
      images: this.takeImages(),
      after: `],"categories":${JSON.stringify(this.categories)}}`,
    };
  }

  /** The rest of the file: images and categories. */
  end(): string {
    const p = this.endParts();
    return p.before + p.images + p.after;
  }

  private category(name: string, g: Group): CocoCategory {
    let cat = this.categories.find((c) => c.name === name);
    if (!cat) {
      const ids = this.categories.map((c) => (typeof c.id === 'number' ? c.id : 0));
      cat = { id: Math.max(0, ...ids) + 1, name };
      this.categories.push(cat);
    }
    const points = g.keypoints?.value.points;
    if (this.derived && !cat.keypoints && points?.every((p) => p.label !== undefined))
      cat.keypoints = points.map((p) => p.label ?? '');
    return cat;
  }

  private annotation(
    g: Group,
    imageId: number,
    kept: Record<string, unknown>,
    where: Where,
  ): Record<string, unknown> | undefined {
    const name = groupLabel(g, this.options, where);
    if (name === undefined) return undefined;
    const category = this.category(name, g);
    const keptHere = kept[g.base];
    const extra = isRecord(keptHere) ? keptHere : {};
    const geometry = groupGeometry(g, category, this.options, where);
    const ann: Record<string, unknown> = {
      id: this.annotationIds.take(g.base, where),
      image_id: imageId,
      category_id: category.id,
    };
    Object.assign(ann, geometry);
    for (const [k, v] of Object.entries(extra)) {
      if (k === 'bbox' && g.box) continue; // a box region is the box; a kept one is for derived boxes
      if (v === null) delete ann[k];
      else ann[k] = v;
    }
    const score = [g.box, ...g.polygons, g.mask, g.keypoints].find(
      (r) => r?.score !== undefined,
    )?.score;
    if (score !== undefined) ann.score = score;
    return ann;
  }
}

/**
 * Writes tasks as one COCO JSON text (for small exports and tests; use `CocoWriter` to
 * stream).
 *
 * @example
 * const text = tasksToCoco(tasks, { categories: [{ id: 1, name: 'car' }] });
 */
export function tasksToCoco(tasks: Iterable<Task>, options: CocoWriterOptions = {}): string {
  const w = new CocoWriter(options);
  let out = w.begin();
  for (const t of tasks) out += w.add(t);
  return out + w.end();
}
