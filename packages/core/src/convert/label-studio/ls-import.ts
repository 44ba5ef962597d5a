import {
  ExternalId,
  formatIssues,
  IsoDateTime,
  Task,
  zodIssuesToIssues,
} from '../../format/index.ts';
import type { Annotation, Prediction } from '../../format/index.ts';
import { ConvertError } from '../errors.ts';
import type { LossOptions, Where } from '../errors.ts';
import type { ImageSize } from '../image-size.ts';
import { isFiniteNumber, isRecord, leftover } from '../json-utils.ts';
import type { LabelStudioConfig } from './ls-config.ts';
import { isEmptyExtra } from './ls-extras.ts';
import type { ItemExtra, LsExtras } from './ls-extras.ts';
import { convertResults } from './ls-import-results.ts';
import type { LabelStudioMapping } from './ls-mapping.ts';
import type { TextOffsets } from './ls-text.ts';
import type { LsTask } from './ls-types.ts';

/**
 * Label Studio JSON task -> Tessera task. Annotations and predictions keep their ids, region
 * ids are the result ids, unknown keys are kept in `meta.label_studio` (see ls-extras.ts), and
 * the image size found in results (`original_width`/`original_height`) goes to `meta.width`
 * and `meta.height` (or `meta.image_sizes[field]` when a task's images differ).
 */

/**
 * Options of `labelStudioTaskToTask`: how to read text offsets (default `'auto'`, see
 * ls-text.ts), the image size when results lack `original_width` (`imageSize`), the model
 * name given to predictions (Label Studio has only `model_version`; default
 * `'label-studio'`), whether to keep unknown keys (`keepExtras`, default true), and a source
 * name for errors.
 */
export type LabelStudioImportOptions = LossOptions & {
  textOffsets?: TextOffsets;
  imageSize?: (task: LsTask, field: string) => ImageSize | undefined;
  model?: string;
  keepExtras?: boolean;
  source?: string;
};

/**
 * Prediction model name when Label Studio gives none.
 *
 * @example
 * labelStudioTaskToTask(t, mapping).predictions?.[0]?.model; // 'label-studio'
 */
export const DEFAULT_LS_MODEL = 'label-studio';
/**
 * Prediction model version when Label Studio gives none.
 *
 * @example
 * // a prediction without model_version imports with model_version 'unknown'
 */
export const UNKNOWN_MODEL_VERSION = 'unknown';

/** State shared by the results of one task. */
export type TaskImport = {
  mapping: LabelStudioMapping;
  lsTask: LsTask;
  options: LabelStudioImportOptions;
  sizes: Map<string, ImageSize>;
  base: Where;
};

function annotationOf(
  raw: Record<string, unknown>,
  t: TaskImport,
  path: string,
): { item: Annotation; extra: ItemExtra } {
  const keep: string[] = ['result'];
  const item: Annotation = { regions: [] };
  if (ExternalId.safeParse(raw.id).success) {
    item.id = raw.id as string | number;
    keep.push('id');
  }
  if (isFiniteNumber(raw.lead_time) && raw.lead_time >= 0) {
    item.lead_time_ms = raw.lead_time * 1000;
    keep.push('lead_time');
  }
  if (
    typeof raw.completed_by === 'number' &&
    Number.isInteger(raw.completed_by) &&
    raw.completed_by >= 0
  ) {
    item.annotator = String(raw.completed_by);
    keep.push('completed_by');
  }
  if (IsoDateTime.safeParse(raw.created_at).success) {
    item.created_at = raw.created_at as string;
    keep.push('created_at');
  }
  const { regions, results } = convertResults(raw.result, t, path);
  item.regions = regions;
  const extra: ItemExtra = {};
  const keys = leftover(raw, keep);
  if (keys) extra.keys = keys;
  if (Object.keys(results).length) extra.results = results;
  return { item, extra };
}

function predictionOf(
  raw: Record<string, unknown>,
  t: TaskImport,
  path: string,
): { item: Prediction; extra: ItemExtra } {
  const keep: string[] = ['result'];
  const extra: ItemExtra = {};
  let version = UNKNOWN_MODEL_VERSION;
  if (
    typeof raw.model_version === 'string' &&
    raw.model_version.length > 0 &&
    raw.model_version.length <= 100
  ) {
    version = raw.model_version;
    keep.push('model_version');
  } else if (raw.model_version === undefined) extra.omit = ['model_version'];
  const item: Prediction = {
    model: t.options.model ?? DEFAULT_LS_MODEL,
    model_version: version,
    regions: [],
  };
  if (ExternalId.safeParse(raw.id).success) {
    item.id = raw.id as string | number;
    keep.push('id');
  }
  if (isFiniteNumber(raw.score) && raw.score >= 0 && raw.score <= 1) {
    item.score = raw.score;
    keep.push('score');
  }
  const { regions, results } = convertResults(raw.result, t, path);
  item.regions = regions;
  const keys = leftover(raw, keep);
  if (keys) extra.keys = keys;
  if (Object.keys(results).length) extra.results = results;
  return { item, extra };
}

function items<T>(
  raw: unknown,
  kind: string,
  t: TaskImport,
  convert: (
    r: Record<string, unknown>,
    t: TaskImport,
    path: string,
  ) => { item: T; extra: ItemExtra },
): { list: T[]; extras: (ItemExtra | null)[] } | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw))
    throw new ConvertError({ ...t.base, path: kind }, `${kind} must be a list`);
  const list: T[] = [];
  const extras: (ItemExtra | null)[] = [];
  raw.forEach((r, i) => {
    const path = `${kind}[${i}]`;
    if (!isRecord(r)) throw new ConvertError({ ...t.base, path }, 'must be an object');
    const { item, extra } = convert(r, t, path);
    list.push(item);
    extras.push(isEmptyExtra(extra) ? null : extra);
  });
  return { list, extras };
}

function sizeMeta(sizes: Map<string, ImageSize>): Record<string, unknown> {
  const all = [...sizes.values()];
  const first = all[0];
  if (!first) return {};
  if (all.every((s) => s.width === first.width && s.height === first.height))
    return { width: first.width, height: first.height };
  return { width: first.width, height: first.height, image_sizes: Object.fromEntries(sizes) };
}

function finishTask(task: Task, lsExtras: LsExtras, t: TaskImport): Task {
  const meta: Record<string, unknown> = { ...sizeMeta(t.sizes) };
  const hasExtras =
    lsExtras.task || lsExtras.annotations?.some(Boolean) || lsExtras.predictions?.some(Boolean);
  if (hasExtras && t.options.keepExtras !== false) meta.label_studio = lsExtras;
  if (Object.keys(meta).length) task.meta = meta;
  const parsed = Task.safeParse(task);
  if (!parsed.success) {
    throw new ConvertError(
      t.base,
      `the converted task is not valid:\n${formatIssues(zodIssuesToIssues(parsed.error))}`,
    );
  }
  return parsed.data;
}

/**
 * Converts one Label Studio task (object, as in an export's JSON array or a JSONL line) into a
 * Tessera task, using the config (or mapping) to resolve `from_name`/`to_name`. Throws a
 * `ConvertError` naming the task, the result path and id for anything it cannot read: an
 * unknown control, a malformed value, a relation to a missing region, percent coordinates
 * without an image size.
 *
 * @example
 * const { mapping } = parseLabelStudioConfig(xml);
 * const task = labelStudioTaskToTask(JSON.parse(line), mapping);
 */
export function labelStudioTaskToTask(
  input: unknown,
  config: LabelStudioConfig | LabelStudioMapping,
  options: LabelStudioImportOptions = {},
): Task {
  const source = options.source ?? 'Label Studio';
  if (!isRecord(input)) throw new ConvertError({ source }, 'a task must be a JSON object');
  const wrapped = Object.hasOwn(input, 'data');
  const lsTask = (wrapped ? input : { data: input }) as LsTask;
  if (!isRecord(lsTask.data))
    throw new ConvertError({ source, path: 'data' }, 'data must be an object');
  const idOk = ExternalId.safeParse(lsTask.id).success;
  const base: Where = idOk ? { source, task: lsTask.id as string | number } : { source };
  const mapping = 'mapping' in config ? config.mapping : config;
  const t: TaskImport = { mapping, lsTask, options, sizes: new Map(), base };
  const task: Task = { data: lsTask.data };
  if (idOk) task.id = lsTask.id as string | number;
  const lsExtras: LsExtras = {};
  const annotations = items(
    lsTask.annotations ?? lsTask.completions,
    'annotations',
    t,
    annotationOf,
  );
  if (annotations) {
    task.annotations = annotations.list;
    lsExtras.annotations = annotations.extras;
  }
  const predictions = items(lsTask.predictions, 'predictions', t, predictionOf);
  if (predictions) {
    task.predictions = predictions.list;
    lsExtras.predictions = predictions.extras;
  }
  const rest = wrapped
    ? leftover(lsTask, [
        'data',
        'annotations',
        'completions',
        'predictions',
        ...(idOk ? ['id'] : []),
      ])
    : undefined;
  if (rest) lsExtras.task = rest;
  return finishTask(task, lsExtras, t);
}
