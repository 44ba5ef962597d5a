import type { Region } from '../../format/index.ts';
import { polygonIoU, signedArea, type Point } from '../agreement/polygon.ts';
import { boxCorners } from './bbox-inside-image.ts';
import type { QcRuleOf } from './config.ts';
import { inScope, type RuleEnv } from './env.ts';
import { makeFinding, type Finding } from './finding.ts';
import { describeRegion, describeRegionStart, num, regionLabels } from './region-info.ts';

type Rule = QcRuleOf<'duplicate_regions'>;

/**
 * IoU at or above which two shapes are the same when the rule does not say.
 *
 * @example
 * const threshold = rule.iou ?? DEFAULT_DUPLICATE_IOU; // 0.9
 */
export const DEFAULT_DUPLICATE_IOU = 0.9;

/**
 * A shape reduced to what the sweep needs: its extent (for segments, y is 0..1) and, for
 * polygons and rotated boxes, its outline and area.
 *
 * @example
 * const shape: Shape = { index: 0, minX: 0, maxX: 5, minY: 0, maxY: 5, area: 25 };
 */
export type Shape = {
  index: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  outline?: Point[];
  area: number;
};

/**
 * Calls `visit` for every pair of shapes whose extents overlap (a positive IoU needs that),
 * sweeping along x instead of trying all n² pairs; returns how many pairs it looked at, so a
 * test can check the work without timing it. Sorts `shapes` in place by `minX`.
 *
 * @example
 * sweepOverlaps(shapes, (a, b) => compare(a, b)); // e.g. 12 pairs for 10,000 scattered boxes
 */
export function sweepOverlaps(shapes: Shape[], visit: (a: Shape, b: Shape) => void): number {
  shapes.sort((a, b) => a.minX - b.minX);
  let looked = 0;
  for (let i = 0; i < shapes.length; i++) {
    const a = shapes[i] as Shape;
    for (let j = i + 1; j < shapes.length; j++) {
      const b = shapes[j] as Shape;
      if (b.minX >= a.maxX) break;
      looked++;
      if (b.minY < a.maxY && a.minY < b.maxY) visit(a, b);
    }
  }
  return looked;
}

function outlineShape(index: number, outline: Point[]): Shape {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of outline) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return { index, minX, maxX, minY, maxY, outline, area: Math.abs(signedArea(outline)) };
}

/** The shape of a geometric region, or undefined for types compared by exact key. */
function shapeOf(r: Region, index: number): Shape | undefined {
  if (r.type === 'bbox') {
    const v = r.value;
    if ((v.rotation ?? 0) % 360 !== 0) return outlineShape(index, boxCorners(v));
    const area = v.width * v.height;
    return { index, minX: v.x, maxX: v.x + v.width, minY: v.y, maxY: v.y + v.height, area };
  }
  if (r.type === 'polygon') return outlineShape(index, r.value.points as Point[]);
  if (r.type === 'segment') {
    return { index, minX: r.value.start, maxX: r.value.end, minY: 0, maxY: 1, area: 0 };
  }
  return undefined;
}

function outlineOf(s: Shape): Point[] {
  return (
    s.outline ?? [
      [s.minX, s.minY],
      [s.maxX, s.minY],
      [s.maxX, s.maxY],
      [s.minX, s.maxY],
    ]
  );
}

/** IoU of two overlapping shapes of one group (same type). */
function iou(a: Shape, b: Shape, segment: boolean): number {
  if (segment) {
    const inter = Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
    return inter / (a.maxX - a.minX + (b.maxX - b.minX) - inter);
  }
  if (!a.outline && !b.outline) {
    const inter =
      (Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX)) *
      (Math.min(a.maxY, b.maxY) - Math.max(a.minY, b.minY));
    return inter / (a.area + b.area - inter);
  }
  try {
    return polygonIoU(outlineOf(a), outlineOf(b));
  } catch {
    // A self-intersecting polygon has no defined IoU: count it only when identical.
    return JSON.stringify(a.outline) === JSON.stringify(b.outline) ? 1 : 0;
  }
}

/** Regions that can only be the same when their whole value is: spans, relations, masks. */
function exactKey(r: Region): string | undefined {
  switch (r.type) {
    case 'span':
      return `${r.value.start}:${r.value.end}`;
    case 'relation':
      return `${r.value.from}\u0000${r.value.to}\u0000${r.value.direction ?? 'right'}`;
    case 'mask': {
      const { size, counts } = r.value.rle;
      return `${size.join('x')}:${typeof counts === 'string' ? counts : counts.join(',')}`;
    }
    default:
      return undefined;
  }
}

type Dup = { earlier: number; iou?: number };

function groupKey(r: Region): string {
  const labels = regionLabels(r);
  const sorted = labels.length > 1 ? [...labels].sort() : labels;
  const channel = r.type === 'segment' ? `\u0000${r.value.channel ?? 0}` : '';
  return `${r.control}\u0000${r.type}\u0000${sorted.join('\u0001')}${channel}`;
}

/** Later region index -> the earliest region it duplicates. */
function findDuplicates(rule: Rule, regions: readonly Region[]): Map<number, Dup> {
  const threshold = rule.iou ?? DEFAULT_DUPLICATE_IOU;
  const dups = new Map<number, Dup>();
  const note = (a: number, b: number, value?: number) => {
    const [earlier, later] = a < b ? [a, b] : [b, a];
    const seen = dups.get(later);
    if (!seen || earlier < seen.earlier)
      dups.set(later, value === undefined ? { earlier } : { earlier, iou: value });
  };
  const exact = new Map<string, number>();
  const groups = new Map<string, { segment: boolean; shapes: Shape[] }>();
  regions.forEach((r, i) => {
    if (!inScope(r, rule.controls)) return;
    const key = exactKey(r);
    if (key !== undefined) {
      const full = `${groupKey(r)}\u0002${key}`;
      const first = exact.get(full);
      if (first === undefined) exact.set(full, i);
      else note(first, i);
      return;
    }
    const shape = shapeOf(r, i);
    if (!shape) return;
    const g = groupKey(r);
    const group = groups.get(g);
    if (group) group.shapes.push(shape);
    else groups.set(g, { segment: r.type === 'segment', shapes: [shape] });
  });
  for (const { segment, shapes } of groups.values()) {
    if (shapes.length < 2) continue;
    sweepOverlaps(shapes, (a, b) => {
      // IoU ≤ smaller area / larger area: skip exact polygon work when that is already too low.
      if (!segment && Math.min(a.area, b.area) < threshold * Math.max(a.area, b.area)) return;
      const value = iou(a, b, segment);
      if (value >= threshold) note(a.index, b.index, value);
    });
  }
  return dups;
}

/**
 * `duplicate_regions`: two regions of the same control and type with the same labels that
 * mark the same place: boxes (rotated ones as polygons), polygons and segments (per channel)
 * with IoU ≥ `iou` (default 0.9), spans with the same offsets, relations with the same ends
 * and direction, masks with the same RLE. Each later region is reported once, naming the
 * earliest region it repeats. Shapes are paired by a sweep along x, not all n² pairs.
 *
 * @example
 * checkDuplicateRegions({ kind: 'duplicate_regions', severity: 'warn' }, env);
 * // [{ message: 'Box "b2" (control "objects", label "dog") repeats box "b1" ... (IoU 0.97): delete one of them.', path: 'regions[1]' }]
 */
export function checkDuplicateRegions(rule: Rule, env: RuleEnv): Finding[] {
  const { regions } = env.ctx;
  if (regions.length < 2) return [];
  const dups = findDuplicates(rule, regions);
  const out: Finding[] = [];
  for (const later of [...dups.keys()].sort((a, b) => a - b)) {
    const d = dups.get(later) as Dup;
    const r = regions[later] as Region;
    const first = regions[d.earlier] as Region;
    const how = d.iou === undefined ? '' : ` (IoU ${num(d.iou)})`;
    const message = `${describeRegionStart(r)} repeats ${describeRegion(first)}${how}: delete one of them.`;
    out.push(makeFinding(rule, message, { path: `regions[${later}]`, region_id: r.id }));
  }
  return out;
}
