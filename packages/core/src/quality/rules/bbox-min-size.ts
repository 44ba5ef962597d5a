import type { Region } from '../../format/index.ts';
import type { QcRuleOf } from './config.ts';
import { cachedSet, inScope, type RuleEnv } from './env.ts';
import { makeFinding, type Finding } from './finding.ts';
import { describeRegionStart, num, regionLabels } from './region-info.ts';

type Rule = QcRuleOf<'bbox_min_size'>;
type Draft = { width: number; height: number; path: string; where: string };

/** True when the region carries one of the rule's labels (or the rule names none). */
function hasRuleLabel(r: Region, labels: readonly string[] | undefined): boolean {
  if (labels === undefined) return true;
  const set = cachedSet(labels);
  return regionLabels(r).some((l) => set.has(l));
}

function tooSmall(w: number, h: number, rule: Rule): boolean {
  return (
    (rule.min_width !== undefined && w < rule.min_width) ||
    (rule.min_height !== undefined && h < rule.min_height)
  );
}

/** The size to compare: a box's own sides, a polygon's extent, the first small track box. */
function measure(r: Region, i: number, rule: Rule): Draft | undefined {
  const base = `regions[${i}].value`;
  switch (r.type) {
    case 'bbox': {
      const { width, height } = r.value;
      const path =
        rule.min_width !== undefined && width < rule.min_width ? `${base}.width` : `${base}.height`;
      return tooSmall(width, height, rule) ? { width, height, path, where: '' } : undefined;
    }
    case 'polygon': {
      let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const [x, y] of r.value.points) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
      const [width, height] = [maxX - minX, maxY - minY];
      return tooSmall(width, height, rule)
        ? { width, height, path: `${base}.points`, where: ' across' }
        : undefined;
    }
    case 'track': {
      const j = r.value.keyframes.findIndex(
        (k) => k.enabled !== false && tooSmall(k.width, k.height, rule),
      );
      const k = r.value.keyframes[j];
      if (!k) return undefined;
      return {
        width: k.width,
        height: k.height,
        path: `${base}.keyframes[${j}]`,
        where: ` at frame ${k.frame}`,
      };
    }
    default:
      return undefined;
  }
}

function minimumText(rule: Rule): string {
  if (rule.min_width !== undefined && rule.min_height !== undefined) {
    return `${num(rule.min_width)}×${num(rule.min_height)} px`;
  }
  return rule.min_width !== undefined
    ? `${num(rule.min_width)} px wide`
    : `${num(rule.min_height ?? 0)} px high`;
}

/**
 * `bbox_min_size`: boxes, polygon extents and enabled track boxes of the rule's controls
 * and/or labels are at least `min_width` × `min_height` pixels. A schema's own
 * `min_width`/`min_height` are enforced by validation; this rule adds per-label minimums
 * (e.g. faces ≥ 16 px) and can warn instead of block.
 *
 * @example
 * checkBboxMinSize({ kind: 'bbox_min_size', severity: 'warn', labels: ['person'], min_width: 8, min_height: 8 }, env);
 * // [{ message: 'Box "b2" (control "objects", label "person") is 3×40 px, smaller than the minimum 8×8 px: ...', path: 'regions[1].value.width' }]
 */
export function checkBboxMinSize(rule: Rule, env: RuleEnv): Finding[] {
  const out: Finding[] = [];
  env.ctx.regions.forEach((r, i) => {
    if (r.type !== 'bbox' && r.type !== 'polygon' && r.type !== 'track') return;
    if (!inScope(r, rule.controls) || !hasRuleLabel(r, rule.labels)) return;
    const d = measure(r, i, rule);
    if (!d) return;
    const message = `${describeRegionStart(r)} is ${num(d.width)}×${num(d.height)} px${d.where}, smaller than the minimum ${minimumText(rule)}: enlarge it, or delete it if the object is too small to label.`;
    out.push(makeFinding(rule, message, { path: d.path, region_id: r.id }));
  });
  return out;
}
