/**
 * Content-safety scans: the project's lexicon over the text fields of its tasks, and nsfwjs
 * over its image fields (in the vision worker thread), storing one flag per finding. A scan
 * replaces the flags of the tasks it covers, so a rescan after a policy change is exact.
 */

import { parseLabelingSchema, type LabelingSchema } from '@tessera/core/format';
import type { AppContext } from '../context.ts';
import type { JobHandler } from '../jobs/runner.ts';
import { loadTaskImage, visionOf } from '../vision/task-images.ts';
import type { NsfwClasses } from '../vision/vision-types.ts';
import {
  compileLexicon,
  imageFields,
  imageSafetyFlags,
  lexiconFlags,
  safetyOf,
  textFields,
  type SafetyPolicy,
} from './safety-policy.ts';
import { SafetyRepository, type NewSafetyFlag } from './safety.repository.ts';
import { yieldToEventLoop } from '../jobs/event-loop.ts';

/** Tasks per page of a scan (images take ~0.1–0.3 s each in the worker). */
const PAGE = 50;

/** An image classifier: class probabilities and the `name@version` of the model. */
export type SafetyClassifier = (
  bytes: Uint8Array,
) => Promise<{ classes: NsfwClasses; model: string }>;

/** Options of {@link scanSafety}. */
export interface SafetyScanOptions {
  /** Only these tasks (default: every task of the project). */
  taskIds?: readonly number[] | undefined;
  /** Start after this task id (a checkpoint). */
  afterId?: number;
  /** The image classifier (default: nsfwjs in the app's vision worker). */
  classify?: SafetyClassifier;
  /** Called after each page with the last task id and the counts; true stops the scan. */
  onPage?: (afterId: number, result: SafetyScanResult) => Promise<boolean> | boolean;
  /** Counts carried over from a checkpoint. */
  carried?: SafetyScanResult;
}

/** What a scan did. */
export interface SafetyScanResult {
  tasks: number;
  images: number;
  text_flags: number;
  image_flags: number;
  flagged_tasks: number;
  /** Images that could not be read or classified (the task keeps its other flags). */
  image_failures: number;
  failures: { task_id: number; path: string; reason: string }[];
  stopped: boolean;
}

/**
 * The default classifier: nsfwjs (MobileNetV2, weights shipped in the npm package) in the
 * app's vision worker, loaded on first use.
 *
 * @example
 * const { classes } = await nsfwClassifier(ctx)(bytes); // classes.Neutral ≈ 0.99 for a photo of a cup
 */
export function nsfwClassifier(ctx: AppContext): SafetyClassifier {
  return async (bytes) => {
    const r = await visionOf(ctx).classifySafety(bytes);
    return { classes: r.classes, model: `${r.model.name}@${r.model.version}` };
  };
}

/**
 * Scans tasks under the project's safety policy and replaces their flags: lexicon hits in text
 * fields (term, category, severity, code-point span; the matched text is not stored) and, for
 * image fields, each configured nsfwjs class at or above the threshold (class and
 * probability). A part of the policy that is not set is not scanned. An image that cannot be
 * read or classified is counted in `image_failures` and the scan goes on.
 *
 * @example
 * const r = await scanSafety(ctx, project.id, schema, safetyOf(project.settings));
 * r.text_flags; // lexicon hits stored
 */
export async function scanSafety(
  ctx: AppContext,
  projectId: number,
  schema: LabelingSchema,
  policy: SafetyPolicy,
  opts: SafetyScanOptions = {},
): Promise<SafetyScanResult> {
  const repo = new SafetyRepository(ctx.store.db);
  const lex = policy.lexicon ? compileLexicon(policy.lexicon) : undefined;
  const texts = lex ? textFields(schema) : [];
  const images = policy.images ? imageFields(schema) : [];
  const classify = opts.classify ?? nsfwClassifier(ctx);
  const ids = opts.taskIds ? [...new Set(opts.taskIds)].sort((a, b) => a - b) : undefined;
  const r: SafetyScanResult = opts.carried ?? {
    tasks: 0,
    images: 0,
    text_flags: 0,
    image_flags: 0,
    flagged_tasks: 0,
    image_failures: 0,
    failures: [],
    stopped: false,
  };
  let after = opts.afterId ?? 0;
  for (;;) {
    await yieldToEventLoop();
    const page = await repo.taskPage(
      projectId,
      after,
      PAGE,
      ids?.filter((id) => id > after),
    );
    if (page.length === 0) break;
    const rows: NewSafetyFlag[] = [];
    for (const t of page) {
      const data = JSON.parse(t.data) as Record<string, unknown>;
      const before = rows.length;
      for (const f of lex ? lexiconFlags(data, texts, lex) : [])
        rows.push({
          project_id: projectId,
          task_id: t.id,
          source: 'text',
          path: f.path,
          category: f.category ?? 'lexicon',
          term: f.term,
          severity: f.severity ?? null,
          start_cp: f.start,
          end_cp: f.end,
          score: 1,
          model: 'lexicon',
        });
      r.text_flags += rows.length - before;
      for (const field of images) {
        const ref = data[field];
        if (typeof ref !== 'string' || ref === '') continue;
        r.images++;
        try {
          const c = await classify(await loadTaskImage(ctx, projectId, ref));
          for (const f of imageSafetyFlags(c.classes, policy.images!)) {
            r.image_flags++;
            rows.push({
              project_id: projectId,
              task_id: t.id,
              source: 'image',
              path: field,
              category: f.category,
              term: null,
              severity: null,
              start_cp: null,
              end_cp: null,
              score: Math.round(f.score * 1e4) / 1e4,
              model: c.model,
            });
          }
        } catch (err) {
          r.image_failures++;
          const reason = String((err as Error).message ?? err).slice(0, 300);
          if (r.failures.length < 20) r.failures.push({ task_id: t.id, path: field, reason });
          ctx.log?.warn({ project: projectId, task_id: t.id, reason }, 'safety scan: image failed');
        }
      }
      if (rows.length > before) r.flagged_tasks++;
    }
    await repo.replace(
      projectId,
      page.map((t) => t.id),
      rows,
    );
    r.tasks += page.length;
    after = page[page.length - 1]!.id;
    if (await opts.onPage?.(after, r)) return { ...r, stopped: true };
  }
  return r;
}

/** Parameters of a `safety.scan` job. */
export interface SafetyScanParams {
  task_ids?: number[];
}

/**
 * The `safety.scan` job: {@link scanSafety} with progress and cancellation, checkpointed after
 * every page so a restarted job goes on where it stopped.
 *
 * @example
 * new JobRunner(store, { 'safety.scan': safetyScanJob(ctx) }, log)
 */
export function safetyScanJob(ctx: AppContext): JobHandler {
  return async ({ job, progress }) => {
    const project = await ctx.projects.byId(job.project_id!);
    if (!project) throw new Error('the project was deleted');
    const schema = parseLabelingSchema(JSON.parse(project.schema));
    if (!schema.ok) throw new Error('the project schema is invalid');
    const params = JSON.parse(job.params) as SafetyScanParams;
    const cp = job.checkpoint
      ? (JSON.parse(job.checkpoint) as { after_id: number; result: SafetyScanResult })
      : undefined;
    const total = Math.max(1, params.task_ids?.length ?? project.task_count);
    return scanSafety(ctx, project.id, schema.value, safetyOf(project.settings), {
      taskIds: params.task_ids,
      ...(cp ? { afterId: cp.after_id, carried: cp.result } : {}),
      onPage: async (afterId, result) => {
        await ctx.jobs.checkpoint(job.id, { after_id: afterId, result });
        return progress(Math.min(0.999, result.tasks / total));
      },
    });
  };
}
