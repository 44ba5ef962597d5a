import { LIMITS } from '../../format/index.ts';
import type { Keypoint, Region } from '../../format/index.ts';
import { ConvertError } from '../errors.ts';
import type { Where } from '../errors.ts';
import { isFiniteNumber, isRecord, leftover } from '../json-utils.ts';
import { pointsBounds, polygonArea, rleArea, rleBounds, sameBox } from './coco-geometry.ts';
import type { Box } from './coco-geometry.ts';
import type { CocoCategory, CocoRle } from './coco-types.ts';

/**
 * One COCO annotation -> Tessera regions. Region ids come from the annotation id: the box,
 * first polygon or mask is `"<id>"`, further polygon parts `"<id>.1"`, `"<id>.2"`, ...,
 * keypoints `"<id>.kp"` (or `"<id>"` when they are the only shape). A `bbox` that only
 * repeats the bounds of the segmentation (or of the keypoints) is derived, not a region; when
 * it differs it is kept (see `extra`). Keys Tessera does not model (`iscrowd`, an `area` that
 * differs from the shape's, ...) are returned to be kept in the task's meta.
 */

/** Control names for each region type COCO makes. */
export type CocoControls = { bbox: string; polygon: string; mask: string; keypoints: string };

const KNOWN = [
  'id',
  'image_id',
  'category_id',
  'bbox',
  'segmentation',
  'keypoints',
  'num_keypoints',
  'area',
  'score',
];

function numbers(v: unknown, what: string, where: Where): number[] {
  if (!Array.isArray(v) || !v.every(isFiniteNumber))
    throw new ConvertError(where, `${what} must be a list of numbers`);
  return v;
}

function pairs(flat: number[], what: string, where: Where): [number, number][] {
  if (flat.length % 2 !== 0)
    throw new ConvertError(where, `${what} has an odd number of coordinates`);
  const out: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i] ?? 0, flat[i + 1] ?? 0]);
  return out;
}

function readRle(seg: Record<string, unknown>, where: Where): CocoRle {
  const { size, counts } = seg;
  const okSize =
    Array.isArray(size) &&
    size.length === 2 &&
    size.every((n) => Number.isInteger(n) && n > 0 && n <= LIMITS.imageSide);
  if (!okSize) throw new ConvertError(where, 'segmentation.size must be [height, width]');
  if (
    typeof counts !== 'string' &&
    !(Array.isArray(counts) && counts.every((n) => Number.isInteger(n) && n >= 0))
  ) {
    throw new ConvertError(
      where,
      'segmentation.counts must be a COCO RLE string or a list of run lengths',
    );
  }
  return { size: size as [number, number], counts };
}

type Shapes = { polygons: [number, number][][]; rle?: CocoRle; bbox?: Box; keypoints?: number[] };

function readShapes(ann: Record<string, unknown>, where: Where): Shapes {
  const shapes: Shapes = { polygons: [] };
  const seg = ann.segmentation;
  if (isRecord(seg)) shapes.rle = readRle(seg, where);
  else if (Array.isArray(seg)) {
    seg.forEach((part, k) => {
      const pts = pairs(numbers(part, `segmentation[${k}]`, where), `segmentation[${k}]`, where);
      if (pts.length < 3)
        throw new ConvertError(where, `segmentation[${k}] needs at least 3 points`);
      shapes.polygons.push(pts);
    });
  } else if (seg !== undefined && seg !== null)
    throw new ConvertError(where, 'segmentation must be a list of polygons or an RLE object');
  if (ann.bbox !== undefined) {
    const b = numbers(ann.bbox, 'bbox', where);
    if (b.length !== 4) throw new ConvertError(where, 'bbox must be [x, y, width, height]');
    shapes.bbox = b as Box;
  }
  if (Array.isArray(ann.keypoints) && ann.keypoints.length > 0) {
    const kp = numbers(ann.keypoints, 'keypoints', where);
    if (kp.length % 3 !== 0) throw new ConvertError(where, 'keypoints must be [x, y, v] triples');
    shapes.keypoints = kp;
  }
  return shapes;
}

function keypointRegion(
  kp: number[],
  category: CocoCategory,
  id: string,
  control: string,
  where: Where,
): Region {
  const names = category.keypoints;
  if (names && names.length !== kp.length / 3) {
    throw new ConvertError(
      where,
      `${kp.length / 3} keypoints, but category "${category.name}" names ${names.length}`,
    );
  }
  const points: Keypoint[] = [];
  for (let i = 0; i < kp.length; i += 3) {
    const v = kp[i + 2];
    if (v !== 0 && v !== 1 && v !== 2)
      throw new ConvertError(where, `keypoint ${i / 3} has visibility ${v} (expected 0, 1 or 2)`);
    const label = names?.[i / 3];
    points.push({ x: kp[i] ?? 0, y: kp[i + 1] ?? 0, ...(label ? { label } : {}), visibility: v });
  }
  return { id, control, type: 'keypoints', value: { points, labels: [category.name] } };
}

/**
 * The box and area COCO would derive from the shapes (what the writer computes).
 *
 * @example
 * derivedGeometry({ polygons: [[[0, 0], [4, 0], [4, 3]]] }); // { bbox: [0, 0, 4, 3], area: 6 }
 */
export function derivedGeometry(s: {
  polygons: [number, number][][];
  rle?: CocoRle;
  keypoints?: number[];
}): { bbox?: Box; area?: number } {
  if (s.rle) return { bbox: rleBounds(s.rle), area: rleArea(s.rle) };
  if (s.polygons.length)
    return {
      bbox: pointsBounds(s.polygons.flat()),
      area: s.polygons.reduce((a, p) => a + polygonArea(p), 0),
    };
  if (s.keypoints) {
    const visible: [number, number][] = [];
    for (let i = 0; i < s.keypoints.length; i += 3)
      if (s.keypoints[i + 2]) visible.push([s.keypoints[i] ?? 0, s.keypoints[i + 1] ?? 0]);
    const bbox = pointsBounds(visible) ?? [0, 0, 0, 0];
    return { bbox, area: bbox[2] * bbox[3] };
  }
  return {};
}

function shapeRegions(
  s: Shapes,
  base: string,
  label: string,
  c: CocoControls,
  where: Where,
): { regions: Region[]; boxRegion: boolean } {
  const labels = [label];
  if (s.rle)
    return {
      regions: [{ id: base, control: c.mask, type: 'mask', value: { rle: s.rle, labels } }],
      boxRegion: false,
    };
  if (s.polygons.length) {
    const regions = s.polygons.map((points, k): Region => ({
      id: k === 0 ? base : `${base}.${k}`,
      control: c.polygon,
      type: 'polygon',
      value: { points, labels },
    }));
    return { regions, boxRegion: false };
  }
  const derived = derivedGeometry(s).bbox;
  if (s.bbox && !(s.keypoints && derived && sameBox(s.bbox, derived))) {
    const [x, y, width, height] = s.bbox;
    if (!(width > 0 && height > 0))
      throw new ConvertError(where, 'bbox width and height must be greater than 0');
    return {
      regions: [
        { id: base, control: c.bbox, type: 'bbox', value: { x, y, width, height, labels } },
      ],
      boxRegion: true,
    };
  }
  if (!s.keypoints)
    throw new ConvertError(where, 'the annotation has no bbox, segmentation or keypoints');
  return { regions: [], boxRegion: false };
}

/**
 * Converts one annotation (already checked to name a known image and category).
 *
 * @example
 * annotationRegions({ id: 1, image_id: 0, category_id: 1, bbox: [0, 0, 20, 20], area: 400 }, cat, controls, where);
 * // { regions: [{ id: '1', control: 'bbox', type: 'bbox', value: { x: 0, y: 0, width: 20, height: 20, labels: ['bus'] } }] }
 */
export function annotationRegions(
  ann: Record<string, unknown>,
  category: CocoCategory,
  c: CocoControls,
  where: Where,
): { regions: Region[]; extra?: Record<string, unknown> } {
  const base = String(ann.id);
  const s = readShapes(ann, where);
  const { regions, boxRegion } = shapeRegions(s, base, category.name, c, where);
  if (s.keypoints)
    regions.push(
      keypointRegion(
        s.keypoints,
        category,
        regions.length ? `${base}.kp` : base,
        c.keypoints,
        where,
      ),
    );
  const score = ann.score;
  const scored = isFiniteNumber(score) && score >= 0 && score <= 1;
  const first = regions[0];
  if (scored && first) first.score = score;
  const extra: Record<string, unknown> =
    leftover(ann, scored ? KNOWN : KNOWN.filter((k) => k !== 'score')) ?? {};
  const derived = derivedGeometry(s);
  if (s.bbox && !boxRegion && !(derived.bbox && sameBox(s.bbox, derived.bbox))) extra.bbox = s.bbox;
  const area = boxRegion && s.bbox ? s.bbox[2] * s.bbox[3] : derived.area;
  if (
    ann.area !== undefined &&
    !(
      isFiniteNumber(ann.area) &&
      area !== undefined &&
      Math.abs(ann.area - area) <= 1e-9 * Math.max(1, area)
    )
  )
    extra.area = ann.area;
  // null marks a key the writer would add but the source did not have.
  if (ann.area === undefined) extra.area = null;
  if (!s.bbox) extra.bbox = null;
  const visible = s.keypoints
    ? s.keypoints.filter((v, i) => i % 3 === 2 && v !== 0).length
    : undefined;
  if (ann.num_keypoints !== visible) extra.num_keypoints = ann.num_keypoints ?? null;
  return Object.keys(extra).length ? { regions, extra } : { regions };
}
