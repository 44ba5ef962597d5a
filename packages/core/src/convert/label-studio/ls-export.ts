import type { Annotation, Prediction, Task } from '../../format/index.ts';
import { reportLoss } from '../errors.ts';
import type { LossOptions, Where } from '../errors.ts';
import { imageSizeOf } from '../image-size.ts';
import type { ImageSizeOptions } from '../image-size.ts';
import { canonicalInt } from '../json-utils.ts';
import type { LabelStudioConfig } from './ls-config.ts';
import { applyExtra, readExtras } from './ls-extras.ts';
import type { ItemExtra } from './ls-extras.ts';
import { DEFAULT_LS_MODEL } from './ls-import.ts';
import type { LabelStudioMapping } from './ls-mapping.ts';
import { regionToResults } from './ls-results-out.ts';
import type { ExportContext } from './ls-results-out.ts';
import type { TextOffsets } from './ls-text.ts';
import type { LsAnnotation, LsPrediction, LsResult, LsTask } from './ls-types.ts';

/**
 * Tessera task -> Label Studio JSON task, one task at a time (so an export streams).
 * Keys kept by a Label Studio import (`meta.label_studio`) are written back.
 */

/**
 * Options of `taskToLabelStudioTask`: the image size when the task carries none
 * (`imageSize`), `textOffsets: 'utf16'` for Label Studio versions that counted UTF-16 units
 * (default: code points), the model name Label Studio predictions stand for (others are
 * reported as a loss; default `'label-studio'`), and loss reporting.
 */
export type LabelStudioExportOptions = LossOptions &
  ImageSizeOptions & { textOffsets?: Exclude<TextOffsets, 'auto'>; model?: string };

/** Task meta keys that Label Studio export turns into result fields (image sizes). */
const SIZE_META = ['width', 'height', 'image_sizes', 'label_studio'];

function results(
  item: Annotation | Prediction,
  extra: ItemExtra | null | undefined,
  task: Task,
  mapping: LabelStudioMapping,
  options: LabelStudioExportOptions,
  where: Where,
): LsResult[] {
  const ctx: ExportContext = {
    mapping,
    data: task.data,
    textOffsets: options.textOffsets ?? 'code-points',
    options,
    extras: extra?.results ?? {},
    sizeOf: (field) => options.imageSize?.(task, field) ?? imageSizeOf(task, field),
    where,
  };
  return item.regions.flatMap((r) => regionToResults(r, ctx));
}

function annotationOut(
  a: Annotation,
  extra: ItemExtra | null | undefined,
  task: Task,
  mapping: LabelStudioMapping,
  options: LabelStudioExportOptions,
  where: Where,
): LsAnnotation {
  const out: LsAnnotation = { result: results(a, extra, task, mapping, options, where) };
  if (a.id !== undefined) out.id = a.id;
  if (a.lead_time_ms !== undefined) out.lead_time = a.lead_time_ms / 1000;
  if (a.created_at !== undefined) out.created_at = a.created_at;
  if (a.annotator !== undefined) {
    const user = canonicalInt(a.annotator);
    if (user === undefined)
      reportLoss(
        options,
        where,
        `annotator "${a.annotator}" is not a Label Studio user id (a number); not kept`,
      );
    else out.completed_by = user;
  }
  const lost = (['origin', 'status', 'schema_version', 'guideline_version'] as const).filter(
    (k) => a[k] !== undefined,
  );
  if (lost.length)
    reportLoss(options, where, `Label Studio annotations do not keep ${lost.join(', ')}`);
  return applyExtra(out, extra ?? undefined);
}

function predictionOut(
  p: Prediction,
  extra: ItemExtra | null | undefined,
  task: Task,
  mapping: LabelStudioMapping,
  options: LabelStudioExportOptions,
  where: Where,
): LsPrediction {
  const out: LsPrediction = {
    model_version: p.model_version,
    result: results(p, extra, task, mapping, options, where),
  };
  if (p.id !== undefined) out.id = p.id;
  if (p.score !== undefined) out.score = p.score;
  if (p.model !== (options.model ?? DEFAULT_LS_MODEL)) {
    reportLoss(
      options,
      where,
      `Label Studio predictions have only model_version; model "${p.model}" is not kept`,
    );
  }
  return applyExtra(out, extra ?? undefined);
}

function reportTaskLosses(task: Task, options: LabelStudioExportOptions, where: Where): void {
  if (task.provenance) reportLoss(options, where, 'provenance is not kept by Label Studio');
  if (task.consensus)
    reportLoss(options, where, 'the consensus annotation is not kept by Label Studio');
  const metaKeys = Object.keys(task.meta ?? {}).filter((k) => !SIZE_META.includes(k));
  if (metaKeys.length)
    reportLoss(options, where, `task meta (${metaKeys.join(', ')}) is not kept by Label Studio`);
}

/**
 * Converts one Tessera task into a Label Studio task (`data`, `annotations[].result`,
 * `predictions[].result`), using the config's or schema's mapping (see
 * `labelStudioMappingFromSchema`). What Label Studio cannot hold is reported through
 * `onLoss` (or thrown with `strict`).
 *
 * @example
 * const ls = taskToLabelStudioTask(task, labelStudioMappingFromSchema(schema));
 * JSON.stringify(ls); // one line of a Label Studio JSON import
 */
export function taskToLabelStudioTask(
  task: Task,
  config: LabelStudioConfig | LabelStudioMapping,
  options: LabelStudioExportOptions = {},
): LsTask {
  const mapping = 'mapping' in config ? config.mapping : config;
  const where: Where =
    task.id === undefined ? { source: 'Label Studio' } : { source: 'Label Studio', task: task.id };
  reportTaskLosses(task, options, where);
  const extras = readExtras(task.meta);
  const out: LsTask = { ...(extras.task ?? {}), data: task.data };
  if (task.id !== undefined) out.id = task.id;
  if (task.annotations) {
    out.annotations = task.annotations.map((a, i) =>
      annotationOut(a, extras.annotations?.[i], task, mapping, options, {
        ...where,
        path: `annotations[${i}]`,
      }),
    );
  }
  if (task.predictions) {
    out.predictions = task.predictions.map((p, i) =>
      predictionOut(p, extras.predictions?.[i], task, mapping, options, {
        ...where,
        path: `predictions[${i}]`,
      }),
    );
  }
  return out;
}
