import type { Region } from '../../format/index.ts';
import { ConvertError } from '../errors.ts';
import type { LossOptions, Where } from '../errors.ts';
import type { ImageSize } from '../image-size.ts';
import { isRecord, leftover } from '../json-utils.ts';
import type { ResultExtra } from './ls-extras.ts';
import type { LabelStudioMapping, LsControlMap } from './ls-mapping.ts';
import { spanFromLs } from './ls-text.ts';
import type { TextOffsets } from './ls-text.ts';
import type { LsResult } from './ls-types.ts';
import { labelsOf, num, pointPairs, record, strings } from './ls-values.ts';

/**
 * One Label Studio result -> one Tessera region (relations and per-region attributes are
 * handled by ls-task-in.ts). Image coordinates go from percent of the image to pixels:
 * `x_px = x_pct × original_width / 100` (y with the height).
 */

/** What converting results needs from the task being imported. */
export type ResultContext = {
  mapping: LabelStudioMapping;
  data: Record<string, unknown>;
  textOffsets: TextOffsets;
  options: LossOptions;
  /** The image size for a field: the result's own, else known for the task, else undefined. */
  sizeOf: (field: string, result: LsResult) => ImageSize | undefined;
};

type Converted = { region: Region; valueKeys: string[] };

const TOP_KEYS = ['id', 'from_name', 'to_name', 'type', 'value', 'score'];
/** Image results carry the image size, which Tessera keeps in the task's meta instead. */
const IMAGE_KEYS = [...TOP_KEYS, 'original_width', 'original_height'];

function imageSize(ctx: ResultContext, map: LsControlMap, r: LsResult, where: Where): ImageSize {
  const size = ctx.sizeOf(map.field, r);
  if (!size) {
    throw new ConvertError(
      where,
      'percent coordinates need the image size: the result has no original_width/original_height and none is known for the task (pass the imageSize option)',
    );
  }
  return size;
}

function spanRegion(
  id: string,
  map: LsControlMap,
  value: Record<string, unknown>,
  ctx: ResultContext,
  where: Where,
): Converted {
  const { labels, key } = labelsOf(value, map.resultType, where);
  const data = ctx.data[map.field];
  const text = typeof value.text === 'string' ? value.text : undefined;
  if (map.objectKind === 'hypertext') {
    const g = record(value, 'globalOffsets', where);
    const span = spanFromLs(
      num(g, 'start', where),
      num(g, 'end', where),
      text,
      undefined,
      'code-points',
      where,
      ctx.options,
    );
    // globalOffsets stays among the kept keys too: on export it tells whether the kept xpaths
    // still describe the span (they do not once it is edited).
    return {
      region: { id, control: map.control, type: 'span', value: { ...span, labels } },
      valueKeys: ['text', key],
    };
  }
  const span = spanFromLs(
    num(value, 'start', where),
    num(value, 'end', where),
    text,
    typeof data === 'string' ? data : undefined,
    ctx.textOffsets,
    where,
    ctx.options,
  );
  return {
    region: { id, control: map.control, type: 'span', value: { ...span, labels } },
    valueKeys: ['start', 'end', 'text', key],
  };
}

function segmentRegion(
  id: string,
  map: LsControlMap,
  value: Record<string, unknown>,
  where: Where,
): Converted {
  const { labels, key } = labelsOf(value, map.resultType, where);
  const v = {
    start: num(value, 'start', where),
    end: num(value, 'end', where),
    labels,
    ...(value.channel === undefined ? {} : { channel: num(value, 'channel', where) }),
  };
  return {
    region: { id, control: map.control, type: 'segment', value: v },
    valueKeys: ['start', 'end', 'channel', key],
  };
}

function optionalLabels(
  value: Record<string, unknown>,
  map: LsControlMap,
  where: Where,
): { labels: string[]; key: string[] } {
  if (!map.resultType.endsWith('labels')) return { labels: [], key: [] };
  const { labels, key } = labelsOf(value, map.resultType, where);
  return { labels, key: [key] };
}

function imageRegion(
  id: string,
  map: LsControlMap,
  value: Record<string, unknown>,
  size: ImageSize,
  where: Where,
): Converted {
  const { labels, key } = optionalLabels(value, map, where);
  const sx = size.width / 100;
  const sy = size.height / 100;
  if (map.resultType.startsWith('rectangle')) {
    const width = num(value, 'width', where) * sx;
    const height = num(value, 'height', where) * sy;
    if (!(width > 0 && height > 0))
      throw new ConvertError(where, 'a rectangle needs width and height greater than 0');
    const rotation =
      value.rotation === undefined ? {} : { rotation: num(value, 'rotation', where) };
    const v = {
      x: num(value, 'x', where) * sx,
      y: num(value, 'y', where) * sy,
      width,
      height,
      ...rotation,
      labels,
    };
    return {
      region: { id, control: map.control, type: 'bbox', value: v },
      valueKeys: ['x', 'y', 'width', 'height', 'rotation', ...key],
    };
  }
  if (map.resultType.startsWith('polygon')) {
    const points = pointPairs(value, 'points', where).map(([x, y]): [number, number] => [
      x * sx,
      y * sy,
    ]);
    if (points.length < 3) throw new ConvertError(where, 'a polygon needs at least 3 points');
    return {
      region: { id, control: map.control, type: 'polygon', value: { points, labels } },
      valueKeys: ['points', ...key],
    };
  }
  const point = { x: num(value, 'x', where) * sx, y: num(value, 'y', where) * sy };
  return {
    region: { id, control: map.control, type: 'keypoints', value: { points: [point], labels } },
    valueKeys: ['x', 'y', ...key],
  };
}

function classification(
  id: string,
  map: LsControlMap,
  value: Record<string, unknown>,
  ctx: ResultContext,
  where: Where,
): Converted {
  const c = map.control;
  switch (map.resultType) {
    case 'choices': {
      if (Array.isArray(value.choices) && value.choices.some(Array.isArray)) {
        throw new ConvertError(where, 'nested choices (allowNested) are not supported');
      }
      return {
        region: {
          id,
          control: c,
          type: 'choice',
          value: { choices: strings(value, 'choices', where) },
        },
        valueKeys: ['choices'],
      };
    }
    case 'taxonomy': {
      const paths = value.taxonomy;
      if (
        !Array.isArray(paths) ||
        !paths.every(
          (p) => Array.isArray(p) && p.length > 0 && p.every((s) => typeof s === 'string'),
        )
      ) {
        throw new ConvertError(where, 'value.taxonomy must be a list of paths (lists of strings)');
      }
      const choices = (paths as string[][]).map((p) => p.join(ctx.mapping.taxonomySeparator));
      return {
        region: { id, control: c, type: 'choice', value: { choices } },
        valueKeys: ['taxonomy'],
      };
    }
    case 'textarea':
      return {
        region: { id, control: c, type: 'text', value: { text: strings(value, 'text', where) } },
        valueKeys: ['text'],
      };
    case 'rating':
      return {
        region: { id, control: c, type: 'rating', value: { rating: num(value, 'rating', where) } },
        valueKeys: ['rating'],
      };
    case 'pairwise': {
      const s = value.selected;
      if (s !== 'left' && s !== 'right')
        throw new ConvertError(
          where,
          `value.selected must be "left" or "right", got ${JSON.stringify(s)}`,
        );
      return {
        region: { id, control: c, type: 'pairwise', value: { choice: s === 'left' ? 'a' : 'b' } },
        valueKeys: ['selected'],
      };
    }
    case 'ranker': {
      const ranker = record(value, 'ranker', where);
      const extra = Object.keys(ranker).filter((k) => k !== map.fromName);
      if (extra.length)
        throw new ConvertError(
          where,
          `Ranker buckets are not supported (found ${extra.map((k) => `"${k}"`).join(', ')})`,
        );
      return {
        region: {
          id,
          control: c,
          type: 'ranking',
          value: { order: strings(ranker, map.fromName, where) },
        },
        valueKeys: ['ranker'],
      };
    }
    default:
      throw new ConvertError(where, `result type "${map.resultType}" is not a classification`);
  }
}

function convert(
  id: string,
  map: LsControlMap,
  r: LsResult,
  value: Record<string, unknown>,
  ctx: ResultContext,
  where: Where,
): Converted {
  if (map.resultType === 'labels' || map.resultType === 'hypertextlabels') {
    return map.objectKind === 'audio'
      ? segmentRegion(id, map, value, where)
      : spanRegion(id, map, value, ctx, where);
  }
  if (map.objectKind === 'image' && /^(rectangle|polygon|keypoint)/.test(map.resultType)) {
    return imageRegion(id, map, value, imageSize(ctx, map, r, where), where);
  }
  return classification(id, map, value, ctx, where);
}

/**
 * Regions whose Label Studio results carry `original_width`/`original_height`.
 *
 * @example
 * isImageRegion({ id: 'b', control: 'o', type: 'bbox', value: { x: 0, y: 0, width: 1, height: 1, labels: [] } }); // true
 */
export function isImageRegion(region: Region): boolean {
  return region.type === 'bbox' || region.type === 'polygon' || region.type === 'keypoints';
}

const SAME_TYPE: Record<string, string[]> = {
  labels: ['labels', 'hypertextlabels'],
  hypertextlabels: ['labels', 'hypertextlabels'],
  rectanglelabels: ['rectanglelabels', 'rectangle'],
  rectangle: ['rectanglelabels', 'rectangle'],
  polygonlabels: ['polygonlabels', 'polygon'],
  polygon: ['polygonlabels', 'polygon'],
  keypointlabels: ['keypointlabels', 'keypoint'],
  keypoint: ['keypointlabels', 'keypoint'],
};

/**
 * Converts one result of a known control into a region, plus the keys to keep for a faithful
 * re-export (unknown top-level and `value` keys; `omit` when the result had no id).
 *
 * @example
 * resultToRegion({ id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices',
 *   value: { choices: ['Positive'] } }, map, 'c1', ctx, where).region;
 * // { id: 'c1', control: 'sentiment', type: 'choice', value: { choices: ['Positive'] } }
 */
export function resultToRegion(
  r: LsResult,
  map: LsControlMap,
  id: string,
  ctx: ResultContext,
  where: Where,
): { region: Region; extra: ResultExtra } {
  if (r.type !== map.resultType && !(SAME_TYPE[map.resultType] ?? []).includes(r.type)) {
    throw new ConvertError(
      where,
      `type "${r.type}" does not match control "${map.fromName}", which makes "${map.resultType}" results`,
    );
  }
  if (!isRecord(r.value)) throw new ConvertError(where, 'the result has no value object');
  const { region, valueKeys } = convert(id, map, r, r.value, ctx, where);
  if (r.score !== undefined) {
    if (typeof r.score === 'number' && r.score >= 0 && r.score <= 1) region.score = r.score;
  }
  const extra: ResultExtra = {};
  const known = isImageRegion(region) ? IMAGE_KEYS : TOP_KEYS;
  const keys = leftover(r, region.score === undefined ? known.filter((k) => k !== 'score') : known);
  if (keys) extra.keys = keys;
  const value = leftover(r.value, valueKeys);
  // A bare globalOffsets is the span itself; it is worth keeping only beside xpaths.
  const onlyOffsets = value && Object.keys(value).every((k) => k === 'globalOffsets');
  if (value && !onlyOffsets) extra.value = value;
  return { region, extra };
}
