import type { Region, RegionOfType } from '../../format/index.ts';
import { reportLoss } from '../errors.ts';
import type { LossOptions, Where } from '../errors.ts';
import { derivedGeometry } from './coco-annotation-in.ts';
import type { Box } from './coco-geometry.ts';
import type { CocoCategory, CocoRle } from './coco-types.ts';

/**
 * Tessera regions -> COCO annotations: regions are grouped by the part of their id before
 * the first "." (`"7"`, `"7.1"` and `"7.kp"` are one COCO annotation), the inverse of the
 * importer's ids. Geometry a group does not give (`bbox`, `area`, `num_keypoints`) is
 * derived from its shapes unless the import kept the original.
 */

/** The regions of one COCO annotation. */
export type Group = {
  base: string;
  box?: RegionOfType<'bbox'>;
  polygons: RegionOfType<'polygon'>[];
  mask?: RegionOfType<'mask'>;
  keypoints?: RegionOfType<'keypoints'>;
  first: Region;
};

/**
 * Groups the geometry regions by base id, in order of first appearance; regions COCO cannot
 * hold are reported and left out.
 *
 * @example
 * groupRegions(regions, {}, where).map((g) => g.base); // ['1', '2']
 */
export function groupRegions(
  regions: readonly Region[],
  options: LossOptions,
  where: Where,
): Group[] {
  const groups = new Map<string, Group>();
  for (const r of regions) {
    if (r.type !== 'bbox' && r.type !== 'polygon' && r.type !== 'mask' && r.type !== 'keypoints') {
      reportLoss(options, { ...where, id: r.id }, `COCO cannot hold ${r.type} regions`);
      continue;
    }
    const base = r.id.split('.')[0] ?? r.id;
    const g = groups.get(base) ?? { base, polygons: [], first: r };
    groups.set(base, g);
    const taken =
      (r.type === 'bbox' && g.box) ||
      (r.type === 'mask' && g.mask) ||
      (r.type === 'keypoints' && g.keypoints);
    if (taken) {
      reportLoss(
        options,
        { ...where, id: r.id },
        `a second ${r.type} for COCO annotation ${base}; left out`,
      );
      continue;
    }
    if (r.type === 'bbox') g.box = r;
    else if (r.type === 'polygon') g.polygons.push(r);
    else if (r.type === 'mask') g.mask = r;
    else g.keypoints = r;
  }
  return [...groups.values()];
}

function flatKeypoints(k: RegionOfType<'keypoints'>, category: CocoCategory): number[] {
  const names = category.keypoints;
  const pts = k.value.points;
  const byName = names && pts.every((p) => p.label !== undefined && names.includes(p.label));
  const ordered = byName && names ? names.map((n) => pts.find((p) => p.label === n)) : pts;
  return ordered.flatMap((p) => (p ? [p.x, p.y, p.visibility ?? 2] : [0, 0, 0]));
}

/**
 * The COCO fields a group's shapes give: segmentation, keypoints, and derived bbox/area.
 *
 * @example
 * groupGeometry(group, { id: 1, name: 'car' }, {}, where); // { bbox: [1, 2, 3, 4], area: 12 }
 */
export function groupGeometry(
  g: Group,
  category: CocoCategory,
  options: LossOptions,
  where: Where,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const polygons = g.polygons.map((p) => p.value.points);
  const rle: CocoRle | undefined = g.mask?.value.rle;
  if (rle && polygons.length)
    reportLoss(
      options,
      where,
      'COCO annotation has both a mask and polygons; the polygons are left out',
    );
  if (rle) out.segmentation = rle;
  else if (polygons.length) out.segmentation = polygons.map((pts) => pts.flat());
  const keypoints = g.keypoints ? flatKeypoints(g.keypoints, category) : undefined;
  const derived = derivedGeometry({
    polygons: rle ? [] : polygons,
    ...(rle ? { rle } : {}),
    ...(keypoints ? { keypoints } : {}),
  });
  if (g.box) {
    const v = g.box.value;
    if (v.rotation)
      reportLoss(options, where, `COCO boxes are not rotated; rotation ${v.rotation} dropped`);
    out.bbox = [v.x, v.y, v.width, v.height] satisfies Box;
    out.area = v.width * v.height;
  } else {
    if (derived.bbox) out.bbox = derived.bbox;
    if (derived.area !== undefined) out.area = derived.area;
  }
  if (keypoints) {
    out.keypoints = keypoints;
    out.num_keypoints = keypoints.filter((v, i) => i % 3 === 2 && v !== 0).length;
  }
  return out;
}

/**
 * The category name of a group: its first region's first label (losses reported).
 *
 * @example
 * groupLabel(group, {}, where); // 'car'
 */
export function groupLabel(g: Group, options: LossOptions, where: Where): string | undefined {
  const regions = [g.box, ...g.polygons, g.mask, g.keypoints].filter(
    (r): r is NonNullable<typeof r> => r !== undefined,
  );
  const labels = regions[0]?.value.labels ?? [];
  if (labels.length === 0) {
    reportLoss(
      options,
      where,
      'a COCO annotation needs a category: the region has no label; left out',
    );
    return undefined;
  }
  if (labels.length > 1)
    reportLoss(
      options,
      where,
      `COCO keeps one category; labels ${labels.slice(1).join(', ')} dropped`,
    );
  if (regions.some((r) => r.value.labels[0] !== labels[0]))
    reportLoss(
      options,
      where,
      'regions of one COCO annotation have different labels; the first is used',
    );
  return labels[0];
}
