import type { Region, RegionOfType } from '../../format/index.ts';
import { reportLoss } from '../errors.ts';
import type { LossOptions, Where } from '../errors.ts';
import type { ImageSize } from '../image-size.ts';
import { applyExtra, resultKey } from './ls-extras.ts';
import type { ResultExtra } from './ls-extras.ts';
import type { LabelStudioMapping, LsAttributeMap, LsControlMap } from './ls-mapping.ts';
import { hasImportedRelationId } from './ls-relations.ts';
import { spanToLs } from './ls-text.ts';
import type { TextOffsets } from './ls-text.ts';
import type { LsResult } from './ls-types.ts';

/**
 * Tessera region -> Label Studio results: the region's own result, then one result per
 * region attribute (per-region controls share the region's id, and carry a copy of its
 * geometry as Label Studio does). Pixels become percent: `x_pct = x_px × 100 / width`.
 */

/** What converting regions needs from the task being exported. */
export type ExportContext = {
  mapping: LabelStudioMapping;
  data: Record<string, unknown>;
  textOffsets: TextOffsets;
  options: LossOptions;
  /** Kept keys of the item's results (from a Label Studio import). */
  extras: Record<string, ResultExtra>;
  sizeOf: (field: string) => ImageSize | undefined;
  where: Where;
};

type Value = Record<string, unknown>;

function labelKey(map: LsControlMap, labels: string[], ctx: ExportContext, where: Where): Value {
  if (map.resultType.endsWith('labels')) return { [map.resultType]: labels };
  if (labels.length)
    reportLoss(
      ctx.options,
      where,
      `control "${map.fromName}" has no labels in Label Studio; labels ${labels.join(', ')} dropped`,
    );
  return {};
}

function imageValue(
  region: RegionOfType<'bbox' | 'polygon' | 'keypoints'>,
  map: LsControlMap,
  size: ImageSize,
  ctx: ExportContext,
  where: Where,
): Value[] {
  const px = 100 / size.width;
  const py = 100 / size.height;
  const labels = labelKey(map, region.value.labels, ctx, where);
  if (region.type === 'bbox') {
    const v = region.value;
    const rotation = v.rotation === undefined ? {} : { rotation: v.rotation };
    return [
      {
        x: v.x * px,
        y: v.y * py,
        width: v.width * px,
        height: v.height * py,
        ...rotation,
        ...labels,
      },
    ];
  }
  if (region.type === 'polygon')
    return [{ points: region.value.points.map(([x, y]) => [x * px, y * py]), ...labels }];
  if (region.value.points.length > 1)
    reportLoss(
      ctx.options,
      where,
      `${region.value.points.length} keypoints written as separate Label Studio keypoints (Label Studio does not group them)`,
    );
  if (region.value.points.some((p) => p.label !== undefined || p.visibility !== undefined)) {
    reportLoss(
      ctx.options,
      where,
      'keypoint part names and visibility are not kept by Label Studio',
    );
  }
  return region.value.points.map((p) => ({ x: p.x * px, y: p.y * py, ...labels }));
}

function spanValue(region: RegionOfType<'span'>, map: LsControlMap, ctx: ExportContext): Value {
  const v = region.value;
  const text = v.text === undefined ? {} : { text: v.text };
  if (map.objectKind === 'hypertext')
    return { globalOffsets: { start: v.start, end: v.end }, ...text, [map.resultType]: v.labels };
  const data = ctx.data[map.field];
  const at = spanToLs(v.start, v.end, typeof data === 'string' ? data : undefined, ctx.textOffsets);
  return { ...at, ...text, [map.resultType]: v.labels };
}

function classValue(
  region: Region,
  map: LsControlMap,
  ctx: ExportContext,
  where: Where,
): Value | undefined {
  switch (region.type) {
    case 'choice':
      return map.resultType === 'taxonomy'
        ? { taxonomy: region.value.choices.map((c) => c.split(ctx.mapping.taxonomySeparator)) }
        : { choices: region.value.choices };
    case 'text':
      return { text: region.value.text };
    case 'rating':
      return { rating: region.value.rating };
    case 'ranking':
      return { ranker: { [map.fromName]: region.value.order } };
    case 'pairwise':
      if (region.value.strength !== undefined)
        reportLoss(ctx.options, where, 'pairwise strength is not kept by Label Studio');
      if (region.value.choice === 'tie') {
        reportLoss(ctx.options, where, 'Label Studio pairwise has no tie; region dropped');
        return undefined;
      }
      return { selected: region.value.choice === 'a' ? 'left' : 'right' };
    case 'segment': {
      const v = region.value;
      return {
        start: v.start,
        end: v.end,
        ...(v.channel === undefined ? {} : { channel: v.channel }),
        [map.resultType]: v.labels,
      };
    }
    default:
      reportLoss(ctx.options, where, `${region.type} regions have no Label Studio result; dropped`);
      return undefined;
  }
}

/** A result imported with its own image size (unlike the task's) is written with it again. */
function keptSize(extra: ResultExtra | undefined): ImageSize | undefined {
  const w = extra?.keys?.original_width;
  const h = extra?.keys?.original_height;
  return typeof w === 'number' && typeof h === 'number' && w > 0 && h > 0
    ? { width: w, height: h }
    : undefined;
}

function valuesOf(
  region: Region,
  map: LsControlMap,
  ctx: ExportContext,
  where: Where,
  extra: ResultExtra | undefined,
): { values: Value[]; size?: ImageSize } | undefined {
  if (region.type === 'bbox' || region.type === 'polygon' || region.type === 'keypoints') {
    const size = keptSize(extra) ?? ctx.sizeOf(map.field);
    if (!size) {
      reportLoss(
        ctx.options,
        where,
        `the size of image "${map.field}" is unknown (set meta.width/meta.height); region dropped`,
      );
      return undefined;
    }
    return { values: imageValue(region, map, size, ctx, where), size };
  }
  if (region.type === 'span') return { values: [spanValue(region, map, ctx)] };
  const v = classValue(region, map, ctx, where);
  return v ? { values: [v] } : undefined;
}

function mergeValue(value: Value, extra: ResultExtra | undefined): Value {
  if (!extra?.value) return value;
  const kept = { ...extra.value };
  const g = kept.globalOffsets as { start?: unknown; end?: unknown } | undefined;
  const now = value.globalOffsets as { start: number; end: number } | undefined;
  if (now && (g?.start !== now.start || g?.end !== now.end)) {
    // The span was edited: its xpath offsets no longer describe it.
    for (const k of ['start', 'end', 'startOffset', 'endOffset']) delete kept[k];
  }
  return { ...kept, ...value };
}

function attributeValue(a: LsAttributeMap, v: unknown): Value | undefined {
  if (a.resultType === 'choices') {
    if (Array.isArray(v)) return { choices: v };
    return typeof v === 'string' ? { choices: [v] } : undefined;
  }
  if (a.resultType === 'textarea') return typeof v === 'string' ? { text: [v] } : undefined;
  return typeof v === 'number' ? { [a.resultType]: v } : undefined;
}

function attributeResults(
  region: Region,
  map: LsControlMap,
  geometry: Value,
  size: ImageSize | undefined,
  ctx: ExportContext,
  where: Where,
): LsResult[] {
  const out: LsResult[] = [];
  for (const [name, v] of Object.entries(region.attributes ?? {})) {
    const a = ctx.mapping.attributes.find((m) => m.attribute === name && m.field === map.field);
    const value = a && attributeValue(a, v);
    if (!a || !value) {
      reportLoss(
        ctx.options,
        where,
        `attribute "${name}" has no Label Studio per-region control; dropped`,
      );
      continue;
    }
    const geo = Object.fromEntries(Object.entries(geometry).filter(([k]) => !k.endsWith('labels')));
    const sizeKeys = size ? { original_width: size.width, original_height: size.height } : {};
    const result: LsResult = {
      id: region.id,
      from_name: a.fromName,
      to_name: a.toName,
      type: a.resultType,
      ...sizeKeys,
      value: { ...geo, ...value },
    };
    out.push(applyExtra(result, ctx.extras[resultKey(region.id, a.fromName)]));
  }
  return out;
}

function relationResult(
  region: RegionOfType<'relation'>,
  ctx: ExportContext,
  where: Where,
): LsResult {
  if (!hasImportedRelationId(region))
    reportLoss(
      ctx.options,
      where,
      'Label Studio relations have no id; the relation id is not kept',
    );
  const { from, to, labels, direction } = region.value;
  const out: LsResult = {
    from_id: from,
    to_id: to,
    type: 'relation',
    ...(direction ? { direction } : {}),
    ...(labels ? { labels } : {}),
  };
  return applyExtra(out, ctx.extras[resultKey(`${from}>${to}`, 'relation')]);
}

/**
 * Converts one region into its Label Studio results (none, with a reported loss, when Label
 * Studio cannot hold it).
 *
 * @example
 * regionToResults({ id: 'c1', control: 'sentiment', type: 'choice', value: { choices: ['Positive'] } }, ctx);
 * // [{ id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['Positive'] } }]
 */
export function regionToResults(region: Region, ctx: ExportContext): LsResult[] {
  const where = { ...ctx.where, id: region.id };
  if (region.type === 'relation') return [relationResult(region, ctx, where)];
  if (region.prediction_id !== undefined)
    reportLoss(ctx.options, where, 'prediction_id is not kept by Label Studio');
  const map = ctx.mapping.controls.find((c) => c.control === region.control);
  if (!map) {
    reportLoss(
      ctx.options,
      where,
      `control "${region.control}" has no Label Studio tag; region dropped`,
    );
    return [];
  }
  const extra = ctx.extras[resultKey(region.id, map.fromName)];
  const converted = valuesOf(region, map, ctx, where, extra);
  if (!converted) return [];
  const sizeKeys = converted.size
    ? { original_width: converted.size.width, original_height: converted.size.height }
    : {};
  const results = converted.values.map((value, i): LsResult => {
    const id = i === 0 ? region.id : `${region.id}_${i}`;
    const out: LsResult = {
      id,
      from_name: map.fromName,
      to_name: map.toName,
      type: map.resultType,
      ...sizeKeys,
      value: mergeValue(value, extra),
    };
    if (region.score !== undefined) out.score = region.score;
    return applyExtra(out, extra);
  });
  const first = converted.values[0] ?? {};
  return [...results, ...attributeResults(region, map, first, converted.size, ctx, where)];
}
