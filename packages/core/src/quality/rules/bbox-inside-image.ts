import type { Region, RegionOfType } from '../../format/index.ts';
import type { QcRuleOf } from './config.ts';
import { inScope, type ImageDimensions, type RuleEnv } from './env.ts';
import { makeFinding, type Finding } from './finding.ts';
import { describeRegionStart, num } from './region-info.ts';

type Rule = QcRuleOf<'bbox_inside_image'>;
type Extent = { minX: number; minY: number; maxX: number; maxY: number };
type FindingDraft = { message: string; path: string };

/**
 * The four corners of a box turned `rotation` degrees clockwise around its top-left corner
 * (image y points down, so clockwise is the positive angle), as Label Studio draws it.
 *
 * @example
 * boxCorners({ x: 0, y: 0, width: 2, height: 1, rotation: 90 }); // [[0,0],[0,2],[-1,2],[-1,0]] (rounded)
 */
export function boxCorners(b: {
  x: number;
  y: number;
  width: number;
  height: number;
  rotation?: number | undefined;
}): Array<[number, number]> {
  const t = ((b.rotation ?? 0) * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  return [
    [b.x, b.y],
    [b.x + b.width * c, b.y + b.width * s],
    [b.x + b.width * c - b.height * s, b.y + b.width * s + b.height * c],
    [b.x - b.height * s, b.y + b.height * c],
  ];
}

function extentOfPoints(points: ReadonlyArray<readonly [number, number]>): Extent {
  const e = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [x, y] of points) {
    if (x < e.minX) e.minX = x;
    if (x > e.maxX) e.maxX = x;
    if (y < e.minY) e.minY = y;
    if (y > e.maxY) e.maxY = y;
  }
  return e;
}

/** The image edges an extent crosses, by name. */
function edgesCrossed(e: Extent, size: ImageDimensions, tol: number): string[] {
  const edges: string[] = [];
  if (e.minX < -tol) edges.push('left');
  if (e.minY < -tol) edges.push('top');
  if (e.maxX > size.width + tol) edges.push('right');
  if (e.maxY > size.height + tol) edges.push('bottom');
  return edges;
}

function outside(x: number, y: number, size: ImageDimensions, tol: number): boolean {
  return x < -tol || y < -tol || x > size.width + tol || y > size.height + tol;
}

function sizeText(size: ImageDimensions): string {
  return `the ${num(size.width)}×${num(size.height)} px image`;
}

function checkBox(
  r: RegionOfType<'bbox'>,
  i: number,
  size: ImageDimensions,
  tol: number,
): FindingDraft | undefined {
  const v = r.value;
  const rotated = (v.rotation ?? 0) % 360 !== 0;
  const e = rotated
    ? extentOfPoints(boxCorners(v))
    : { minX: v.x, minY: v.y, maxX: v.x + v.width, maxY: v.y + v.height };
  const edges = edgesCrossed(e, size, tol);
  if (edges.length === 0) return undefined;
  const key = rotated
    ? ''
    : ({ left: '.x', top: '.y', right: '.width', bottom: '.height' } as const)[edges[0] as 'left'];
  const plural = edges.length > 1 ? 's' : '';
  return {
    message: `${describeRegionStart(r)} extends past the ${edges.join(' and ')} edge${plural} of ${sizeText(size)}: move or resize it to lie inside the image.`,
    path: `regions[${i}].value${key}`,
  };
}

/** The first point outside the image, with how many are outside. */
function checkPoints(
  r: Region,
  i: number,
  points: ReadonlyArray<{ x: number; y: number; label?: string | undefined; skip?: boolean }>,
  key: 'points' | 'keyframes',
  size: ImageDimensions,
  tol: number,
): FindingDraft | undefined {
  let first = -1;
  let count = 0;
  points.forEach((p, j) => {
    if (p.skip || !outside(p.x, p.y, size, tol)) return;
    count++;
    if (first === -1) first = j;
  });
  const p = points[first];
  if (!p) return undefined;
  const what = key === 'keyframes' ? 'keyframe' : r.type === 'keypoints' ? 'keypoint' : 'vertex';
  const name = p.label !== undefined ? ` "${p.label}"` : '';
  const more =
    count > 1 ? ` (${count} ${what === 'vertex' ? 'vertices' : `${what}s`} are outside)` : '';
  return {
    message: `${describeRegionStart(r)} has a ${what}${name} at (${num(p.x)}, ${num(p.y)}) outside ${sizeText(size)}${more}: move it inside the image.`,
    path: `regions[${i}].value.${key}[${first}]`,
  };
}

/** A track's keyframe lies outside when any corner of its box does. */
function checkTrack(
  r: RegionOfType<'track'>,
  i: number,
  size: ImageDimensions,
  tol: number,
): FindingDraft | undefined {
  const frames = r.value.keyframes;
  const j = frames.findIndex(
    (k) =>
      k.enabled !== false &&
      edgesCrossed({ minX: k.x, minY: k.y, maxX: k.x + k.width, maxY: k.y + k.height }, size, tol)
        .length > 0,
  );
  const k = frames[j];
  if (!k) return undefined;
  return {
    message: `${describeRegionStart(r)} has a box at frame ${k.frame} that extends past the edge of ${sizeText(size)}: move or resize it to lie inside the frame.`,
    path: `regions[${i}].value.keyframes[${j}]`,
  };
}

function checkRegion(
  r: Region,
  i: number,
  size: ImageDimensions,
  tol: number,
): FindingDraft | undefined {
  switch (r.type) {
    case 'bbox':
      return checkBox(r, i, size, tol);
    case 'polygon':
      return checkPoints(
        r,
        i,
        r.value.points.map(([x, y]) => ({ x, y })),
        'points',
        size,
        tol,
      );
    case 'keypoints':
      // COCO visibility 0 means "not labeled": such points are often stored at (0, 0) or anywhere.
      return checkPoints(
        r,
        i,
        r.value.points.map((p) => ({ ...p, skip: p.visibility === 0 })),
        'points',
        size,
        tol,
      );
    case 'track':
      return checkTrack(r, i, size, tol);
    default:
      return undefined;
  }
}

/**
 * `bbox_inside_image`: boxes (rotation included), polygon vertices, keypoints (except
 * visibility 0) and enabled track keyframes lie inside the image, give or take `tolerance`
 * pixels. The size comes from the `dimensions` argument or `meta.width` / `meta.height`; when
 * it is unknown the rule reports that once per field as a warning (`when_unknown: 'warn'`,
 * the default) or stays silent (`'skip'`).
 *
 * @example
 * checkBboxInsideImage({ kind: 'bbox_inside_image', severity: 'block' }, env);
 * // [{ message: 'Box "b1" (control "objects", label "dog") extends past the right edge of the 640×480 px image: ...', path: 'regions[0].value.width' }]
 */
export function checkBboxInsideImage(rule: Rule, env: RuleEnv): Finding[] {
  const tol = rule.tolerance ?? 0;
  const out: Finding[] = [];
  const unknown = new Set<string>();
  env.ctx.regions.forEach((r, i) => {
    if (r.type !== 'bbox' && r.type !== 'polygon' && r.type !== 'keypoints' && r.type !== 'track')
      return;
    if (!inScope(r, rule.controls)) return;
    const field = env.fieldOf(r);
    const size = env.imageSize(field);
    if (!size) {
      unknown.add(field ?? r.control);
      return;
    }
    const draft = checkRegion(r, i, size, tol);
    if (draft) out.push(makeFinding(rule, draft.message, { path: draft.path, region_id: r.id }));
  });
  if (rule.when_unknown !== 'skip') {
    for (const field of unknown) {
      const message = `Shapes on field "${field}" could not be checked against the image: its size is unknown (set the task's meta.width and meta.height).`;
      out.push(makeFinding(rule, message, {}, 'warn'));
    }
  }
  return out;
}
