import type { Region, Task } from '../../format/index.ts';
import { ConvertError, reportLoss } from '../errors.ts';
import type { Where } from '../errors.ts';
import { requireImageSize } from '../image-size.ts';
import type { ImageSize, ImageSizeOptions } from '../image-size.ts';
import { pickRegions } from '../pick-regions.ts';
import type { PickOptions } from '../pick-regions.ts';

/**
 * YOLO (Ultralytics) labels: one text file per image, one object per line, coordinates
 * normalised by the image size (0..1): a box is `class cx cy w h` (centre, width, height),
 * a polygon `class x1 y1 x2 y2 ... xn yn` (n >= 3). Class numbers index `names` in
 * `data.yaml`. Converting needs the image size (see image-size.ts).
 */

/** Options of `taskToYoloLabels`: the class names, the image field, digits after the point. */
export type YoloExportOptions = PickOptions &
  ImageSizeOptions & { names: readonly string[]; field?: string; precision?: number };

function fmt(n: number, precision: number | undefined): string {
  if (precision === undefined) return String(n);
  const s = n.toFixed(precision);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function classOf(
  region: Region & { value: { labels: string[] } },
  names: readonly string[],
  options: PickOptions,
  where: Where,
): number | undefined {
  const label = region.value.labels[0];
  if (label === undefined) {
    reportLoss(options, where, 'a YOLO line needs a class: the region has no label; left out');
    return undefined;
  }
  if (region.value.labels.length > 1)
    reportLoss(
      options,
      where,
      `YOLO keeps one class; labels ${region.value.labels.slice(1).join(', ')} dropped`,
    );
  const c = names.indexOf(label);
  if (c < 0) reportLoss(options, where, `label "${label}" is not in names; left out`);
  return c < 0 ? undefined : c;
}

function line(
  region: Region,
  size: ImageSize,
  options: YoloExportOptions,
  where: Where,
): string | undefined {
  const p = options.precision;
  if (region.type === 'bbox') {
    const v = region.value;
    if (v.rotation) {
      reportLoss(options, where, `YOLO boxes are not rotated (rotation ${v.rotation}); left out`);
      return undefined;
    }
    const c = classOf(region, options.names, options, where);
    if (c === undefined) return undefined;
    const nums = [
      (v.x + v.width / 2) / size.width,
      (v.y + v.height / 2) / size.height,
      v.width / size.width,
      v.height / size.height,
    ];
    return [c, ...nums.map((n) => fmt(n, p))].join(' ');
  }
  if (region.type === 'polygon') {
    const c = classOf(region, options.names, options, where);
    if (c === undefined) return undefined;
    return [
      c,
      ...region.value.points.flatMap(([x, y]) => [fmt(x / size.width, p), fmt(y / size.height, p)]),
    ].join(' ');
  }
  reportLoss(options, where, `YOLO labels hold boxes and polygons, not ${region.type} regions`);
  return undefined;
}

/**
 * The YOLO label file of a task (lines joined by "\n", ending with one; empty for an image
 * with no objects). Scores, rotation, masks, keypoints and other region types are reported
 * as losses.
 *
 * @example
 * taskToYoloLabels(task, { names: ['car', 'dog'] }); // '0 0.5 0.5 0.25 0.25\n'
 */
export function taskToYoloLabels(task: Task, options: YoloExportOptions): string {
  const field = options.field ?? 'image';
  const size = requireImageSize(task, field, options, 'YOLO');
  const base: Where = { source: 'YOLO', ...(task.id === undefined ? {} : { task: task.id }) };
  const lines: string[] = [];
  for (const r of pickRegions(task, options)) {
    const where = { ...base, id: r.id };
    if (r.score !== undefined) reportLoss(options, where, 'YOLO labels have no score');
    const l = line(r, size, options, where);
    if (l !== undefined) lines.push(l);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/**
 * The label file path Ultralytics expects for an image: the last `/images/` directory
 * becomes `/labels/` and the extension `.txt` (query and fragment dropped).
 *
 * @example
 * yoloLabelPath('datasets/coco/images/train2017/0001.jpg'); // 'datasets/coco/labels/train2017/0001.txt'
 */
export function yoloLabelPath(imagePath: string): string {
  const path = imagePath.replace(/[?#].*$/, '');
  const at = path.lastIndexOf('/images/');
  const swapped = at < 0 ? path : `${path.slice(0, at)}/labels/${path.slice(at + 8)}`;
  const slash = swapped.lastIndexOf('/');
  const dot = swapped.lastIndexOf('.');
  return `${dot > slash ? swapped.slice(0, dot) : swapped}.txt`;
}

/**
 * Options of `yoloLabelsToRegions`: class names, the image size, the control names for boxes
 * and polygons (default `bbox`, `polygon`) and the file name for errors.
 */
export type YoloImportOptions = {
  names: readonly string[];
  size: ImageSize;
  controls?: { bbox?: string; polygon?: string };
  source?: string;
};

function parseNumbers(tokens: string[], where: Where): number[] {
  return tokens.map((t) => {
    const n = Number(t);
    if (t === '' || !Number.isFinite(n)) throw new ConvertError(where, `"${t}" is not a number`);
    return n;
  });
}

/**
 * Reads a YOLO label file into regions; region ids are the line numbers (`"1"`, `"2"`, ...).
 * A line that is neither a box (5 values) nor a polygon (an odd count, at least 7), a class
 * outside `names`, or a box without area is an error naming the file and line.
 *
 * @example
 * yoloLabelsToRegions('0 0.5 0.5 0.25 0.25\n', { names: ['car'], size: { width: 640, height: 480 } });
 * // [{ id: '1', control: 'bbox', type: 'bbox', value: { x: 240, y: 180, width: 160, height: 120, labels: ['car'] } }]
 */
export function yoloLabelsToRegions(text: string, options: YoloImportOptions): Region[] {
  const { width: W, height: H } = options.size;
  const regions: Region[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const where: Where = { source: options.source ?? 'YOLO labels', line: i + 1 };
    const tokens = raw.trim().split(/\s+/);
    if (raw.trim() === '') return;
    const [cls, ...rest] = tokens;
    const c = Number(cls);
    const name = Number.isInteger(c) ? options.names[c] : undefined;
    if (name === undefined)
      throw new ConvertError(
        where,
        `class "${cls}" is not an index of names (0..${options.names.length - 1})`,
      );
    const nums = parseNumbers(rest, where);
    const id = String(i + 1);
    if (nums.length === 4) {
      const [cx = 0, cy = 0, w = 0, h = 0] = nums;
      if (!(w > 0 && h > 0))
        throw new ConvertError(where, 'box width and height must be greater than 0');
      const value = {
        x: (cx - w / 2) * W,
        y: (cy - h / 2) * H,
        width: w * W,
        height: h * H,
        labels: [name],
      };
      regions.push({ id, control: options.controls?.bbox ?? 'bbox', type: 'bbox', value });
    } else if (nums.length >= 6 && nums.length % 2 === 0) {
      const points: [number, number][] = [];
      for (let k = 0; k < nums.length; k += 2)
        points.push([(nums[k] ?? 0) * W, (nums[k + 1] ?? 0) * H]);
      regions.push({
        id,
        control: options.controls?.polygon ?? 'polygon',
        type: 'polygon',
        value: { points, labels: [name] },
      });
    } else {
      throw new ConvertError(
        where,
        `${nums.length} values after the class: expected 4 (a box) or an even number of at least 6 (a polygon)`,
      );
    }
  });
  return regions;
}

/**
 * A task from one image and its YOLO label file: `data[field]` is the image reference,
 * `meta.width`/`meta.height` its size, and one annotation holds the regions.
 *
 * @example
 * yoloToTask({ image: 'images/a.jpg', labels: '0 0.5 0.5 1 1\n', size: { width: 4, height: 4 } }, { names: ['car'] });
 */
export function yoloToTask(
  input: { image: string; labels: string; size: ImageSize; id?: string | number },
  options: Omit<YoloImportOptions, 'size'> & { field?: string },
): Task {
  const regions = yoloLabelsToRegions(input.labels, {
    ...options,
    size: input.size,
    source: options.source ?? yoloLabelPath(input.image),
  });
  const task: Task = {
    data: { [options.field ?? 'image']: input.image },
    meta: { ...input.size },
    annotations: [{ regions }],
  };
  if (input.id !== undefined) task.id = input.id;
  return task;
}
