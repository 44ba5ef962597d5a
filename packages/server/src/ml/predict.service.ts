import { performance } from 'node:perf_hooks';
import { validateRegions, type LabelingSchema } from '@tessera/core/format';
import type { AdapterTask } from '@tessera/core/learn';
import type { AppContext } from '../context.ts';
import type { TaskData } from './ml.repository.ts';
import type { LoadedModel } from './model-registry.ts';
import { registryOf } from './model-registry.ts';
import type { MlPrediction } from './types.ts';

/** What one batch did; `modelMs` is wall time spent inside the adapter's `predict`. */
export interface BatchOutcome {
  stored: number;
  rejected: number;
  failed: number;
  /** Untrained model: nothing to suggest yet, nothing stored. */
  empty: number;
  modelMs: number;
  /** Valid predictions (with probabilities and vectors) for active learning. */
  valid: MlPrediction[];
  /** Up to 20 rejection reasons, for the job result. */
  samples: { task_id: number; reason: string }[];
}

/** Tasks per adapter call: in-process learners take the batch; servers take their own size. */
function chunkSize(m: LoadedModel): number {
  if (m.adapter.inProcess) return Number.MAX_SAFE_INTEGER;
  if (m.row.kind === 'ls-ml-backend' && 'tasks_per_call' in m.settings)
    return m.settings.tasks_per_call;
  return 1;
}

/**
 * Runs a model over a batch of tasks and stores what is usable: calls go out in chunks with at
 * most `settings.concurrency` in flight; a chunk whose call fails leaves its tasks untouched
 * (counted `failed`, logged); each prediction's regions are checked against the project schema
 * and the task's data with `validateRegions` (a region the schema does not allow, a span
 * whose text does not match, a label not offered), and a failing prediction is dropped and
 * logged with the first issue's path (counted `rejected`); the rest replace this model's
 * earlier predictions of the tasks, recording model name, version and score.
 *
 * @example
 * const out = await predictAndStore(ctx, loaded, schema, projectId, tasks);
 * out.stored; // predictions written
 */
export async function predictAndStore(
  ctx: AppContext,
  m: LoadedModel,
  schema: LabelingSchema,
  projectId: number,
  tasks: readonly TaskData[],
): Promise<BatchOutcome> {
  const out: BatchOutcome = {
    stored: 0,
    rejected: 0,
    failed: 0,
    empty: 0,
    modelMs: 0,
    valid: [],
    samples: [],
  };
  const data = new Map<number, Record<string, unknown>>();
  const adapterTasks: AdapterTask[] = tasks.map((t) => {
    const d = JSON.parse(t.data) as Record<string, unknown>;
    data.set(t.id, d);
    return { id: t.id, data: d };
  });
  const size = chunkSize(m);
  const chunks: AdapterTask[][] = [];
  for (let i = 0; i < adapterTasks.length; i += size) chunks.push(adapterTasks.slice(i, i + size));
  const t0 = performance.now();
  const results = await mapLimit(chunks, m.settings.concurrency, (c) => m.adapter.predict(c));
  out.modelMs = performance.now() - t0;

  const rows: { task_id: number; model_version: string; score: number | null; regions: string }[] =
    [];
  const version = m.adapter.version;
  results.forEach((r, k) => {
    if (!r.ok) {
      out.failed += chunks[k]!.length;
      warn(ctx, m, chunks[k]![0]!.id, 'model call failed', r.error);
      return;
    }
    for (const p of r.value) {
      const id = Number(p.task_id);
      const d = data.get(id);
      const reason =
        d === undefined ? 'a prediction for a task that was not asked' : check(schema, p, d);
      if (p.failed) {
        out.failed++;
        warn(ctx, m, id, 'model call failed', p.failed);
      } else if (reason) {
        out.rejected++;
        if (out.samples.length < 20) out.samples.push({ task_id: id, reason });
        warn(ctx, m, id, 'prediction rejected', reason);
      } else if (p.regions.length === 0 && p.score === 0) out.empty++;
      else {
        out.valid.push(p);
        rows.push({
          task_id: id,
          model_version: version,
          score: p.scoreUnknown ? null : p.score,
          regions: JSON.stringify(p.regions),
        });
      }
    }
  });
  await registryOf(ctx).repo.replacePredictions(projectId, m.row.name, rows);
  out.stored = rows.length;
  return out;
}

/** The reason a prediction is unusable, or undefined when it is fine. */
function check(
  schema: LabelingSchema,
  p: MlPrediction,
  d: Record<string, unknown>,
): string | undefined {
  if (p.failed) return undefined;
  if (p.rejected) return p.rejected;
  if (!(p.score >= 0 && p.score <= 1)) return `score ${p.score} is not in [0, 1]`;
  const v = validateRegions(schema, p.regions, d);
  if (!v.ok) return `${v.issues[0]!.path}: ${v.issues[0]!.message}`;
  return undefined;
}

/** Logged without task data or model output text (they may hold personal data). */
function warn(
  ctx: AppContext,
  m: LoadedModel,
  taskId: string | number,
  msg: string,
  reason: string,
) {
  ctx.log?.warn(
    {
      model: m.row.name,
      model_id: m.row.id,
      project: m.row.project_id,
      task_id: taskId,
      reason: reason.slice(0, 300),
    },
    msg,
  );
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: string };

/** `fn` over `items` with at most `limit` running at once; failures are captured per item. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<Settled<R>[]> {
  const out: Settled<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = { ok: true, value: await fn(items[i]!) };
      } catch (err) {
        out[i] = { ok: false, error: (err as Error).message ?? String(err) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
