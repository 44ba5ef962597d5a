import { parseLabelingSchema } from '@tessera/core/format';
import { assignArm } from '@tessera/core/learn';
import type { AppContext } from '../context.ts';
import type { JobHandler } from '../jobs/runner.ts';
import { queuePriorities, type OrderArm } from './active-learning.ts';
import type { MlRepository } from './ml.repository.ts';
import { registryOf } from './model-registry.ts';
import { predictAndStore } from './predict.service.ts';
import { trainModel } from './training.service.ts';
import { yieldToEventLoop } from '../jobs/event-loop.ts';

/** Parameters of a `prelabel` job. */
export interface PrelabelParams {
  model_id: number;
  /** A selection; without it, every open task of the project. */
  task_ids?: number[];
}

/** Where a pre-label job is: saved after every batch, so a restarted or resumed job goes on. */
export interface PrelabelCheckpoint {
  after_id: number;
  done: number;
  total: number;
  stored: number;
  rejected: number;
  failed: number;
  empty: number;
  skipped: number;
  model_ms: number;
  wall_ms: number;
  rejections: { task_id: number; reason: string }[];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * `prelabel`: runs a model over a project's open tasks (or a selection) in batches of the
 * model's `batch_size`, in id order, and stores the predictions (see predictAndStore). After
 * each batch it sets queue priorities from uncertainty (active learning), saves a checkpoint
 * (the last task id and the counts) in `jobs.checkpoint`, and reports progress, which is also
 * where a cancel is seen. A restarted job — after a crash, or resumed after a cancel — starts
 * after the checkpoint. Back-pressure: it yields to the event loop after every batch, and
 * after a batch of an in-process model (CPU on the server's own thread) it pauses a quarter of
 * the batch's time, so labeling requests keep getting the loop; external calls are capped by
 * the model's `concurrency`. Running experiments apply: a `prelabel` experiment leaves its
 * arm A without pre-labels, an `order` experiment orders arm A at random.
 *
 * @example
 * new JobRunner(store, { prelabel: prelabelJob(ctx) }, log);
 */
export function prelabelJob(ctx: AppContext): JobHandler {
  return async ({ job, progress }) => {
    const reg = registryOf(ctx);
    const params = JSON.parse(job.params) as PrelabelParams;
    const project = await ctx.projects.byId(job.project_id!);
    if (!project) throw new Error('the project was deleted');
    const schema = parseLabelingSchema(JSON.parse(project.schema));
    if (!schema.ok) throw new Error('the project schema is invalid');
    const row = await reg.repo.model(project.id, params.model_id);
    if (!row) throw new Error('the model was deleted');
    const m = await reg.load(row, schema.value, project.schema_version);
    const ids = params.task_ids ? [...new Set(params.task_ids)].sort((a, b) => a - b) : undefined;
    const cp: PrelabelCheckpoint = job.checkpoint
      ? (JSON.parse(job.checkpoint) as PrelabelCheckpoint)
      : fresh(ids ? ids.length : await reg.repo.countTasks(project.id));
    const split = await experimentSplit(reg.repo, project.id, row.id);
    for (;;) {
      const started = Date.now();
      const slice = ids?.filter((id) => id > cp.after_id).slice(0, m.settings.batch_size);
      if (slice && slice.length === 0) break;
      const tasks = await reg.repo.tasksAfter(
        project.id,
        cp.after_id,
        m.settings.batch_size,
        slice,
      );
      if (tasks.length === 0 && !slice) break;
      const todo = tasks.filter((t) => !split.noPrelabel(t.id));
      const r = await predictAndStore(ctx, m, schema.value, project.id, todo);
      await reg.repo.setPriorities(
        project.id,
        queuePriorities(r.valid, m.settings, split.orderArm, split.orderSeed),
      );
      cp.after_id = slice ? slice[slice.length - 1]! : tasks[tasks.length - 1]!.id;
      cp.done += slice ? slice.length : tasks.length;
      cp.skipped += tasks.length - todo.length;
      cp.stored += r.stored;
      cp.rejected += r.rejected;
      cp.failed += r.failed;
      cp.empty += r.empty;
      cp.model_ms += r.modelMs;
      cp.wall_ms += Date.now() - started;
      cp.rejections = [...cp.rejections, ...r.samples].slice(0, 20);
      await reg.repo.setCheckpoint(job.id, cp);
      if (await progress(Math.min(0.999, cp.done / Math.max(1, cp.total)))) {
        await reg.repo.recordVersion(row.id, m.adapter.version);
        return { ...summary(cp), cancelled: true };
      }
      await yieldToEventLoop();
      if (m.adapter.inProcess && r.modelMs > 4) await sleep(Math.min(100, r.modelMs / 4));
    }
    await reg.repo.recordVersion(row.id, m.adapter.version);
    return summary(cp);
  };
}

function fresh(total: number): PrelabelCheckpoint {
  return {
    after_id: 0,
    done: 0,
    total,
    stored: 0,
    rejected: 0,
    failed: 0,
    empty: 0,
    skipped: 0,
    model_ms: 0,
    wall_ms: 0,
    rejections: [],
  };
}

function summary(cp: PrelabelCheckpoint) {
  const { after_id: _a, ...rest } = cp;
  return { ...rest, model_ms: Math.round(cp.model_ms), tasks: cp.done };
}

/** How running experiments treat tasks in this job. */
async function experimentSplit(repo: MlRepository, projectId: number, modelId: number) {
  const running = (await repo.experiments(projectId)).filter((e) => e.status === 'running');
  const pre = running.find(
    (e) => e.kind === 'prelabel' && (e.model_id === null || e.model_id === modelId),
  );
  const order = running.find((e) => e.kind === 'order');
  return {
    noPrelabel: (id: number) => (pre ? assignArm(id, pre.seed, pre.share_b) === 'A' : false),
    orderArm: (id: number): OrderArm =>
      order && assignArm(id, order.seed, order.share_b) === 'A' ? 'random' : 'active',
    orderSeed: order?.seed ?? '',
  };
}

/**
 * `ml.retrain`: retrains a model from the project's labels and records a learning-curve point
 * (see trainModel). Queued by `POST …/models/:mid/train` and by onLabelsAccepted.
 *
 * @example
 * new JobRunner(store, { 'ml.retrain': retrainJob(ctx) }, log);
 */
export function retrainJob(ctx: AppContext): JobHandler {
  return async ({ job, progress }) => {
    const { model_id } = JSON.parse(job.params) as { model_id: number };
    await progress(0.05);
    return trainModel(ctx, job.project_id!, model_id);
  };
}

/**
 * Both ML job handlers by kind, for the app's JobRunner.
 *
 * @example
 * new JobRunner(store, { ...otherHandlers, ...mlJobs(ctx) }, app.log);
 */
export function mlJobs(ctx: AppContext): Record<string, JobHandler> {
  return { prelabel: prelabelJob(ctx), 'ml.retrain': retrainJob(ctx) };
}
