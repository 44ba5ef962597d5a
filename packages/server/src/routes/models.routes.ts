import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LearningCurve } from '@tessera/core/learn';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { experimentReport, presentExperiment } from '../ml/experiments.service.ts';
import { streamJobEvents } from '../ml/job-events.ts';
import { registryOf } from '../ml/model-registry.ts';
import { MODEL_KINDS } from '../ml/model-settings.ts';
import { createModel, presentModel, updateModel } from '../ml/models.service.ts';
import { TRAINABLE_KINDS } from '../ml/training.service.ts';
import { LsBackendAdapter } from '../ml/adapters/ls-backend.ts';
import { ModelCallError } from '../ml/model-http.ts';
import type { PrelabelCheckpoint } from '../ml/prelabel.job.ts';
import type { JobsRepository } from '../store/jobs.repository.ts';
import { projectAccess } from '../services/access.service.ts';
import { closeVision } from '../vision/task-images.ts';

const Id = z.object({ id: z.coerce.number().int().positive() });
const ModelParams = Id.extend({ mid: z.coerce.number().int().positive() });
const JobParams = Id.extend({ jobId: z.coerce.number().int().positive() });
const ExpParams = Id.extend({ eid: z.coerce.number().int().positive() });
const Name = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}_.\- ]+$/u, 'letters, digits, _ . - and spaces');
const Controls = z.array(z.string().min(1).max(64)).min(1).max(50);
const Settings = z.record(z.string(), z.unknown());
const Secret = z.string().min(1).max(4096);

const NewModelBody = z
  .object({
    name: Name,
    kind: z.enum(MODEL_KINDS),
    controls: Controls,
    settings: Settings.optional(),
    secret: Secret.optional(),
    active: z.boolean().optional(),
  })
  .strict();
const PatchModelBody = z
  .object({
    controls: Controls.optional(),
    settings: Settings.optional(),
    secret: Secret.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
const PrelabelBody = z
  .object({
    model: z.string().min(1).max(64),
    task_ids: z.array(z.number().int().positive()).min(1).max(10_000).optional(),
  })
  .strict();
const NewExperimentBody = z
  .object({
    name: z.string().min(1).max(200),
    kind: z.enum(['prelabel', 'order']),
    control: z.string().min(1).max(64),
    model_id: z.number().int().positive().optional(),
    seed: z.string().min(1).max(100).optional(),
    share_b: z.number().min(0.05).max(0.95).optional(),
  })
  .strict();

const PrelabelListQuery = z
  .object({
    model_id: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

const ML_JOBS = ['prelabel', 'ml.retrain'];

type JobRow = NonNullable<Awaited<ReturnType<JobsRepository['byId']>>>;

/**
 * A pre-label job as the job list shows it: status, the model, the size of the selection, and
 * the counts of its checkpoint (done of total, stored, rejected, failed, …, wall time), so a
 * page opened mid-job shows where it is and can follow it over the event stream.
 *
 * @example
 * presentPrelabelJob(row); // { id, status, model_id: 3, counts: { done: 200, total: 500, … } }
 */
export function presentPrelabelJob(job: JobRow) {
  const params = JSON.parse(job.params) as { model_id?: number; task_ids?: number[] };
  const cp = job.checkpoint ? (JSON.parse(job.checkpoint) as Partial<PrelabelCheckpoint>) : null;
  const n = (v: number | undefined) => v ?? 0;
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    model_id: params.model_id ?? null,
    selection: params.task_ids ? params.task_ids.length : null,
    counts: cp
      ? {
          done: n(cp.done),
          total: n(cp.total),
          stored: n(cp.stored),
          rejected: n(cp.rejected),
          failed: n(cp.failed),
          empty: n(cp.empty),
          skipped: n(cp.skipped),
          wall_ms: Math.round(n(cp.wall_ms)),
          model_ms: Math.round(n(cp.model_ms)),
        }
      : null,
    rejections: cp?.rejections ?? [],
    result: job.result ? (JSON.parse(job.result) as unknown) : null,
    error: job.error,
    created_at: job.created_at,
    updated_at: job.updated_at,
  };
}

/**
 * Pre-labeling: the model registry (managers register and edit models; keys are write-only),
 * pre-label jobs with progress as server-sent events, cancel and resume, training and the
 * learning curve, and strategy experiments (A/B) with their report.
 *
 * @example
 * modelRoutes(app, ctx); // registered before app.listen
 */
export function modelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reg = registryOf(ctx);
  // The vision worker (vision-* models, safety scans) stops with the app, models unloaded.
  app.addHook('onClose', () => closeVision(ctx));
  const audit = (
    a: { user: { id: number; username: string } },
    action: string,
    projectId: number,
    id: number,
    ip: string,
    details?: Record<string, unknown>,
  ) =>
    ctx.audit.append({
      actor_id: a.user.id,
      actor_name: a.user.username,
      action,
      project_id: projectId,
      target_type: 'model',
      target_id: id,
      ip,
      ...(details ? { details } : {}),
    });

  r.get('/api/projects/:id/models', { schema: { tags: ['models'], params: Id } }, async (req) => {
    const a = await projectAccess(ctx, req, req.params.id, 'read');
    return { items: (await reg.repo.models(a.project.id)).map(presentModel) };
  });

  r.post(
    '/api/projects/:id/models',
    { schema: { tags: ['models'], params: Id, body: NewModelBody } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const row = await createModel(ctx, a, req.body);
      await audit(a, 'model.create', a.project.id, row.id, req.ip, {
        name: row.name,
        kind: row.kind,
      });
      reply.code(201);
      return presentModel(row);
    },
  );

  r.get(
    '/api/projects/:id/models/:mid',
    { schema: { tags: ['models'], params: ModelParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      const row = await reg.repo.model(a.project.id, req.params.mid);
      if (!row) throw notFound('Model');
      return presentModel(row);
    },
  );

  r.patch(
    '/api/projects/:id/models/:mid',
    { schema: { tags: ['models'], params: ModelParams, body: PatchModelBody } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const row = await updateModel(ctx, a, req.params.mid, req.body);
      await audit(a, 'model.update', a.project.id, row.id, req.ip, {
        fields: Object.keys(req.body),
      });
      return presentModel(row);
    },
  );

  r.delete(
    '/api/projects/:id/models/:mid',
    { schema: { tags: ['models'], params: ModelParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const res = await reg.repo.deleteModel(a.project.id, req.params.mid);
      if (Number(res.numDeletedRows) === 0) throw notFound('Model');
      reg.forget(req.params.mid);
      await audit(a, 'model.delete', a.project.id, req.params.mid, req.ip);
      return { ok: true };
    },
  );

  r.post(
    '/api/projects/:id/models/:mid/health',
    { schema: { tags: ['models'], params: ModelParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const row = await reg.repo.model(a.project.id, req.params.mid);
      if (!row) throw notFound('Model');
      const m = await reg.load(row, a.schema, a.project.schema_version);
      if (!(m.adapter instanceof LsBackendAdapter))
        return { ok: true, kind: row.kind, version: m.adapter.version };
      try {
        const h = await m.adapter.health();
        const version = await m.adapter.setup();
        await reg.repo.recordVersion(row.id, version);
        return { ok: h.ok, kind: row.kind, status: h.status, version };
      } catch (err) {
        if (!(err instanceof ModelCallError)) throw err;
        return { ok: false, kind: row.kind, error: err.kind, message: err.message };
      }
    },
  );

  r.post(
    '/api/projects/:id/models/:mid/train',
    { schema: { tags: ['models'], params: ModelParams } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const row = await reg.repo.model(a.project.id, req.params.mid);
      if (!row) throw notFound('Model');
      if (!TRAINABLE_KINDS.includes(row.kind))
        throw conflict(
          'not_trainable',
          `A ${row.kind} model does not train on labels; its few-shot examples are drawn at prediction time.`,
        );
      const job = await ctx.jobs.enqueue({
        project_id: a.project.id,
        kind: 'ml.retrain',
        params: { model_id: row.id },
        created_by: a.user.id,
      });
      ctx.pokeJobs();
      reply.code(202);
      return { id: job.id, kind: job.kind, status: job.status };
    },
  );

  r.get(
    '/api/projects/:id/models/:mid/curve',
    { schema: { tags: ['models'], params: ModelParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      const row = await reg.repo.model(a.project.id, req.params.mid);
      if (!row) throw notFound('Model');
      const points = await reg.repo.curve(row.id);
      const curve = new LearningCurve(row.name);
      for (const p of points)
        if (p.labels > (curve.points.at(-1)?.labels ?? -1)) curve.record(p.labels, p.accuracy);
      return { model_id: row.id, points, area: curve.area() };
    },
  );

  r.post(
    '/api/projects/:id/prelabel',
    { schema: { tags: ['models'], params: Id, body: PrelabelBody } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const row = await reg.repo.modelByName(a.project.id, req.body.model);
      if (!row) throw notFound(`Model "${req.body.model}"`);
      if (!row.active)
        throw conflict('model_inactive', `Model "${row.name}" is switched off; activate it first.`);
      const job = await ctx.jobs.enqueue({
        project_id: a.project.id,
        kind: 'prelabel',
        params: { model_id: row.id, ...(req.body.task_ids ? { task_ids: req.body.task_ids } : {}) },
        created_by: a.user.id,
      });
      ctx.pokeJobs();
      reply.code(202);
      return { id: job.id, kind: job.kind, status: job.status };
    },
  );

  r.get(
    '/api/projects/:id/prelabel',
    { schema: { tags: ['models'], params: Id, querystring: PrelabelListQuery } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      const { model_id, limit } = req.query;
      // Filtering by model reads a wider window: the model id lives in the job's JSON params.
      const rows = await ctx.jobs.recent(a.project.id, ['prelabel'], model_id ? 500 : limit);
      const items = rows
        .map(presentPrelabelJob)
        .filter((j) => !model_id || j.model_id === model_id);
      return { items: items.slice(0, limit) };
    },
  );

  r.get(
    '/api/projects/:id/prelabel/:jobId',
    { schema: { tags: ['models'], params: JobParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      const job = await ctx.jobs.byId(a.project.id, req.params.jobId);
      if (!job || job.kind !== 'prelabel') throw notFound('Pre-label job');
      return presentPrelabelJob(job);
    },
  );

  r.get(
    '/api/projects/:id/jobs/:jobId/events',
    { schema: { tags: ['jobs'], params: JobParams } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      if (!(await ctx.jobs.byId(a.project.id, req.params.jobId))) throw notFound('Job');
      await streamJobEvents(ctx, reply, a.project.id, req.params.jobId);
    },
  );

  r.post(
    '/api/projects/:id/jobs/:jobId/cancel',
    { schema: { tags: ['jobs'], params: JobParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const job = await ctx.jobs.byId(a.project.id, req.params.jobId);
      if (!job || !ML_JOBS.includes(job.kind)) throw notFound('Job');
      const res = await ctx.jobs.cancel(a.project.id, job.id);
      if (Number(res.numUpdatedRows) === 0)
        throw conflict('job_finished', `The job is already ${job.status}.`);
      return { id: job.id, status: 'cancelled' };
    },
  );

  r.post(
    '/api/projects/:id/jobs/:jobId/resume',
    { schema: { tags: ['jobs'], params: JobParams } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const res = await reg.repo.requeue(a.project.id, req.params.jobId, ML_JOBS);
      if (Number(res.numUpdatedRows) === 0)
        throw conflict(
          'not_resumable',
          'Only a cancelled or failed pre-label or retrain job can be resumed.',
        );
      ctx.pokeJobs();
      reply.code(202);
      return { id: req.params.jobId, status: 'queued' };
    },
  );

  r.get(
    '/api/projects/:id/experiments',
    { schema: { tags: ['models'], params: Id } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      return { items: (await reg.repo.experiments(a.project.id)).map(presentExperiment) };
    },
  );

  r.post(
    '/api/projects/:id/experiments',
    { schema: { tags: ['models'], params: Id, body: NewExperimentBody } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const b = req.body;
      if (!a.schema.controls.some((c) => c.name === b.control))
        throw notFound(`Control "${b.control}"`);
      if (b.model_id && !(await reg.repo.model(a.project.id, b.model_id))) throw notFound('Model');
      const running = (await reg.repo.experiments(a.project.id)).find(
        (e) => e.status === 'running' && e.kind === b.kind,
      );
      if (running)
        throw conflict(
          'experiment_running',
          `Experiment "${running.name}" of this kind is running; stop it first.`,
        );
      const row = await reg.repo.createExperiment({
        project_id: a.project.id,
        name: b.name,
        kind: b.kind,
        control: b.control,
        model_id: b.model_id ?? null,
        seed: b.seed ?? `exp-${Date.now().toString(36)}`,
        share_b: b.share_b ?? 0.5,
        status: 'running',
        created_by: a.user.id,
        stopped_at: null,
      });
      reply.code(201);
      return presentExperiment(row);
    },
  );

  r.get(
    '/api/projects/:id/experiments/:eid/report',
    { schema: { tags: ['models'], params: ExpParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'review');
      const exp = await reg.repo.experiment(a.project.id, req.params.eid);
      if (!exp) throw notFound('Experiment');
      return experimentReport(ctx, a.project.id, exp);
    },
  );

  r.post(
    '/api/projects/:id/experiments/:eid/stop',
    { schema: { tags: ['models'], params: ExpParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const res = await reg.repo.stopExperiment(a.project.id, req.params.eid);
      if (Number(res.numUpdatedRows) === 0) throw notFound('Running experiment');
      return presentExperiment((await reg.repo.experiment(a.project.id, req.params.eid))!);
    },
  );
}
