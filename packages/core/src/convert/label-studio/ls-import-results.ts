import type { Region } from '../../format/index.ts';
import { LIMITS } from '../../format/index.ts';
import { ConvertError, reportLoss } from '../errors.ts';
import type { Where } from '../errors.ts';
import type { ImageSize } from '../image-size.ts';
import { isFiniteNumber, isRecord, leftover } from '../json-utils.ts';
import { resultKey } from './ls-extras.ts';
import type { ResultExtra } from './ls-extras.ts';
import type { TaskImport } from './ls-import.ts';
import type { LsAttributeMap } from './ls-mapping.ts';
import { relationRegionId } from './ls-relations.ts';
import { isImageRegion, resultToRegion } from './ls-results-in.ts';
import type { ResultContext } from './ls-results-in.ts';
import type { LsResult } from './ls-types.ts';
import { num, strings } from './ls-values.ts';

/**
 * The `result` list of one annotation or prediction -> regions, in three passes: regions
 * first, then per-region attribute results (they name a region by its id) and relations
 * (they name two regions), so the order of results does not matter.
 */

type Pending = { r: LsResult; index: number; where: Where };
type State = {
  t: TaskImport;
  slots: (Region | undefined)[];
  byId: Map<string, Region>;
  results: Record<string, ResultExtra>;
};

function sizeFromResult(r: LsResult): ImageSize | undefined {
  const { original_width: width, original_height: height } = r;
  return isFiniteNumber(width) && isFiniteNumber(height) && width > 0 && height > 0
    ? { width, height }
    : undefined;
}

function context(t: TaskImport): ResultContext {
  return {
    mapping: t.mapping,
    data: t.lsTask.data,
    textOffsets: t.options.textOffsets ?? 'auto',
    options: t.options,
    sizeOf: (field, r) =>
      sizeFromResult(r) ?? t.sizes.get(field) ?? t.options.imageSize?.(t.lsTask, field),
  };
}

/** Records the image size a result used, and keeps or omits its own size for re-export. */
function noteSize(
  s: State,
  field: string,
  r: LsResult,
  extra: ResultExtra,
  ctx: ResultContext,
): void {
  const own = sizeFromResult(r);
  const known = s.t.sizes.get(field);
  const used = ctx.sizeOf(field, r);
  if (!known && used) s.t.sizes.set(field, used);
  if (!own) extra.omit = [...(extra.omit ?? []), 'original_width', 'original_height'];
  else if (known && (own.width !== known.width || own.height !== known.height)) {
    extra.keys = { ...extra.keys, original_width: own.width, original_height: own.height };
  }
}

function regionId(
  r: LsResult,
  fromName: string,
  index: number,
  where: Where,
): { id: string; generated: boolean } {
  if (typeof r.id === 'string' && r.id.length > 0) {
    if (r.id.length > LIMITS.regionId)
      throw new ConvertError(where, `result id is longer than ${LIMITS.regionId} characters`);
    return { id: r.id, generated: false };
  }
  if (r.id !== undefined)
    throw new ConvertError(where, `result id must be a string, got ${JSON.stringify(r.id)}`);
  return { id: `${fromName}-${index}`.slice(0, LIMITS.regionId), generated: true };
}

function addRegion(s: State, r: LsResult, index: number, where: Where): void {
  const fromName = r.from_name as string;
  const map = s.t.mapping.controls.find((c) => c.fromName === fromName);
  if (!map) return;
  const { id, generated } = regionId(r, fromName, index, where);
  if (s.byId.has(id)) {
    throw new ConvertError(
      where,
      `two region results share id "${id}" (a drawing tool combined with a separate <Labels> tag is not supported)`,
    );
  }
  const ctx = context(s.t);
  const { region, extra } = resultToRegion(r, map, id, ctx, where);
  if (generated) extra.omit = ['id'];
  if (isImageRegion(region)) noteSize(s, map.field, r, extra, ctx);
  if (extra.keys || extra.value || extra.omit) s.results[resultKey(id, fromName)] = extra;
  s.byId.set(id, region);
  s.slots[index] = region;
}

function attributeValue(
  a: LsAttributeMap,
  value: Record<string, unknown>,
  p: Pending,
  s: State,
): string | number | string[] {
  if (a.resultType === 'choices') {
    const choices = strings(value, 'choices', p.where);
    if (a.multiple) return choices;
    if (choices.length !== 1)
      throw new ConvertError(p.where, `"${a.fromName}" takes one choice, got ${choices.length}`);
    return choices[0] ?? '';
  }
  if (a.resultType === 'textarea') {
    const text = strings(value, 'text', p.where);
    if (text.length > 1)
      reportLoss(
        s.t.options,
        p.where,
        `${text.length} text entries joined with newlines (a text attribute holds one)`,
      );
    return text.join('\n');
  }
  return num(value, a.resultType, p.where);
}

function applyAttribute(s: State, p: Pending): void {
  const a = s.t.mapping.attributes.find((m) => m.fromName === p.r.from_name);
  if (!a) return;
  const region = typeof p.r.id === 'string' ? s.byId.get(p.r.id) : undefined;
  if (!region)
    throw new ConvertError(
      p.where,
      `per-region result "${a.fromName}" names no region of this annotation (id ${JSON.stringify(p.r.id)})`,
    );
  if (!isRecord(p.r.value)) throw new ConvertError(p.where, 'the result has no value object');
  region.attributes = { ...region.attributes, [a.attribute]: attributeValue(a, p.r.value, p, s) };
  const keys = leftover(p.r, [
    'id',
    'from_name',
    'to_name',
    'type',
    'value',
    'original_width',
    'original_height',
  ]);
  if (keys) s.results[resultKey(region.id, a.fromName)] = { keys };
}

function fieldOfRegion(s: State, region: Region): string | undefined {
  return s.t.mapping.controls.find((c) => c.control === region.control)?.field;
}

function applyRelation(s: State, p: Pending): void {
  const { from_id: from, to_id: to } = p.r;
  if (typeof from !== 'string' || typeof to !== 'string')
    throw new ConvertError(p.where, 'a relation needs from_id and to_id');
  const source = s.byId.get(from);
  if (!source)
    throw new ConvertError(
      p.where,
      `relation from_id "${from}" is not a region of this annotation`,
    );
  if (!s.byId.has(to))
    throw new ConvertError(p.where, `relation to_id "${to}" is not a region of this annotation`);
  const field = fieldOfRegion(s, source);
  const control = field === undefined ? undefined : s.t.mapping.relations[field];
  if (!control)
    throw new ConvertError(
      p.where,
      `no relations control for field "${field ?? '?'}" (add <Relations> to the config)`,
    );
  const value: Extract<Region, { type: 'relation' }>['value'] = { from, to };
  if (p.r.labels !== undefined) value.labels = strings(p.r, 'labels', p.where);
  const d = p.r.direction;
  if (d !== undefined) {
    if (d !== 'right' && d !== 'left' && d !== 'bi')
      throw new ConvertError(
        p.where,
        `direction must be "right", "left" or "bi", got ${JSON.stringify(d)}`,
      );
    value.direction = d;
  }
  const id = relationRegionId(from, to, new Set(s.byId.keys()));
  const region: Region = { id, control, type: 'relation', value };
  s.byId.set(id, region);
  s.slots[p.index] = region;
  const keys = leftover(p.r, ['type', 'from_id', 'to_id', 'direction', 'labels']);
  if (keys) s.results[resultKey(`${from}>${to}`, 'relation')] = { keys };
}

/**
 * Converts a `result` list. Returns the regions (in result order) and the kept keys of each
 * result by `resultKey`.
 *
 * @example
 * convertResults([{ id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['Positive'] } }], t, 'annotations[0]');
 */
export function convertResults(
  raw: unknown,
  t: TaskImport,
  path: string,
): { regions: Region[]; results: Record<string, ResultExtra> } {
  if (!Array.isArray(raw))
    throw new ConvertError({ ...t.base, path: `${path}.result` }, 'result must be a list');
  const s: State = { t, slots: [], byId: new Map(), results: {} };
  const attributes: Pending[] = [];
  const relations: Pending[] = [];
  raw.forEach((r: unknown, index) => {
    const at = { ...t.base, path: `${path}.result[${index}]` };
    if (!isRecord(r) || typeof r.type !== 'string')
      throw new ConvertError(at, 'a result must be an object with a type');
    const res = r as LsResult;
    const where = typeof res.id === 'string' ? { ...at, id: res.id } : at;
    s.slots.push(undefined);
    if (res.type === 'relation') return void relations.push({ r: res, index, where });
    const fromName = res.from_name;
    if (typeof fromName !== 'string') throw new ConvertError(where, 'from_name is missing');
    if (t.mapping.controls.some((c) => c.fromName === fromName)) addRegion(s, res, index, where);
    else if (t.mapping.attributes.some((a) => a.fromName === fromName))
      attributes.push({ r: res, index, where });
    else {
      const known = [...t.mapping.controls, ...t.mapping.attributes]
        .map((c) => `"${c.fromName}"`)
        .join(', ');
      throw new ConvertError(
        where,
        `from_name "${fromName}" is not a control of the labeling config (controls: ${known || 'none'})`,
      );
    }
  });
  for (const p of attributes) applyAttribute(s, p);
  for (const p of relations) applyRelation(s, p);
  return { regions: s.slots.filter((r): r is Region => r !== undefined), results: s.results };
}
