import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { validateAnnotationForSubmit } from '@tessera/core/format';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { notFound, validationFailed } from '../errors.ts';
import { projectAccess } from '../services/access.service.ts';
import {
  agreementHistory,
  annotatorReport,
  errorDistribution,
  qualitySummary,
} from '../services/qc/report.service.ts';
import { createSample, sampleReport } from '../services/qc/sampling.service.ts';
import { QcRepository } from '../store/qc.repository.ts';

const Id = z.object({ id: z.coerce.number().int().positive() });
const TaskParams = z.object({
  id: z.coerce.number().int().positive(),
  taskId: z.coerce.number().int().positive(),
});
const SampleParams = z.object({
  id: z.coerce.number().int().positive(),
  sampleId: z.coerce.number().int().positive(),
});
const ItemParams = SampleParams.extend({ taskId: z.coerce.number().int().positive() });
const NewSample = z
  .object({
    plan: z.enum(['tc260-003-4000', 'tc260-003-10pct', 'custom']),
    n: z.number().int().min(1).max(1_000_000).optional(),
    pass_rate: z.number().min(0).max(1).optional(),
    status: z
      .enum(['new', 'prelabeled', 'in_progress', 'annotated', 'in_review', 'accepted', 'rejected'])
      .optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
  })
  .strict();

/** Quality control: summary, annotators, error distribution, findings, gold, recompute, sampling. */
export function qcRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = new QcRepository(ctx.store.db);

  r.get(
    '/api/projects/:id/qc/summary',
    { schema: { tags: ['quality'], params: Id } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      return qualitySummary(ctx, a.project.id);
    },
  );

  r.get(
    '/api/projects/:id/qc/annotators',
    { schema: { tags: ['quality'], params: Id } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'review');
      return { items: await annotatorReport(ctx, a.project.id) };
    },
  );

  r.get(
    '/api/projects/:id/qc/errors',
    { schema: { tags: ['quality'], params: Id } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'review');
      return { controls: await errorDistribution(ctx, a.project.id) };
    },
  );

  r.get(
    '/api/projects/:id/qc/agreement',
    {
      schema: {
        tags: ['quality'],
        params: Id,
        querystring: z
          .object({ days: z.coerce.number().int().min(1).max(3650).default(90) })
          .strict(),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      return { controls: await agreementHistory(ctx, a.project.id, a.schema, req.query.days) };
    },
  );

  r.get(
    '/api/projects/:id/qc/findings',
    {
      schema: {
        tags: ['quality'],
        params: Id,
        querystring: z
          .object({
            severity: z.enum(['block', 'warn']).optional(),
            rule: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            cursor: z
              .string()
              .regex(/^\d{1,15}$/)
              .optional(),
          })
          .strict(),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      const rows = await repo.findings(a.project.id, {
        severity: req.query.severity,
        rule: req.query.rule,
        limit: req.query.limit,
        before: req.query.cursor ? Number(req.query.cursor) : undefined,
      });
      return {
        items: rows,
        next_cursor: rows.length === req.query.limit ? String(rows[rows.length - 1]!.id) : null,
      };
    },
  );

  r.post(
    '/api/projects/:id/qc/recompute',
    { schema: { tags: ['quality'], params: Id } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const job = await ctx.jobs.enqueue({
        project_id: a.project.id,
        kind: 'qc.recompute',
        params: {},
        created_by: a.user.id,
      });
      ctx.pokeJobs();
      reply.code(202);
      return { id: job.id, kind: job.kind, status: job.status };
    },
  );

  r.get(
    '/api/projects/:id/jobs/:jobId',
    {
      schema: {
        tags: ['jobs'],
        params: z.object({
          id: z.coerce.number().int().positive(),
          jobId: z.coerce.number().int().positive(),
        }),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      const job = await ctx.jobs.byId(a.project.id, req.params.jobId);
      if (!job) throw notFound('Job');
      return {
        id: job.id,
        kind: job.kind,
        status: job.status,
        progress: job.progress,
        result: job.result ? (JSON.parse(job.result) as unknown) : null,
        error: job.error,
      };
    },
  );

  r.put(
    '/api/projects/:id/tasks/:taskId/gold',
    {
      schema: {
        tags: ['quality'],
        params: TaskParams,
        body: z.object({ regions: z.array(z.unknown()).max(20_000) }).strict(),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const task = await ctx.tasks.byId(a.project.id, req.params.taskId);
      if (!task) throw notFound('Task');
      const v = validateAnnotationForSubmit(
        a.schema,
        req.body.regions,
        JSON.parse(task.data) as Record<string, unknown>,
      );
      if (!v.ok)
        throw validationFailed(
          `The gold answer does not match the labeling schema: ${v.issues[0]!.path}: ${v.issues[0]!.message}`,
          v.issues,
        );
      await repo.setGold(a.project.id, task.id, JSON.stringify(v.value), a.user.id);
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'qc.gold_set',
        project_id: a.project.id,
        target_type: 'task',
        target_id: task.id,
        ip: req.ip,
      });
      return { task_id: task.id, regions: v.value };
    },
  );

  r.delete(
    '/api/projects/:id/tasks/:taskId/gold',
    { schema: { tags: ['quality'], params: TaskParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const res = await repo.deleteGold(a.project.id, req.params.taskId);
      if (Number(res.numDeletedRows) === 0) throw notFound('Gold answer');
      return { ok: true };
    },
  );

  r.post(
    '/api/projects/:id/qc/samples',
    { schema: { tags: ['quality'], params: Id, body: NewSample } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'review');
      const sample = await createSample(ctx, a.project.id, a.user.id, req.body);
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'qc.sample_create',
        project_id: a.project.id,
        target_type: 'sample',
        target_id: sample.id,
        ip: req.ip,
        details: { plan: sample.plan.id, size: sample.size, seed: sample.seed },
      });
      reply.code(201);
      return sample;
    },
  );

  r.get(
    '/api/projects/:id/qc/samples/:sampleId',
    { schema: { tags: ['quality'], params: SampleParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'review');
      return sampleReport(ctx, a.project.id, req.params.sampleId);
    },
  );

  r.put(
    '/api/projects/:id/qc/samples/:sampleId/items/:taskId',
    {
      schema: {
        tags: ['quality'],
        params: ItemParams,
        body: z
          .object({ verdict: z.enum(['pass', 'fail']), note: z.string().max(2000).optional() })
          .strict(),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'review');
      const sample = await repo.sample(a.project.id, req.params.sampleId);
      if (!sample) throw notFound('Sample');
      const res = await repo.judge(
        sample.id,
        req.params.taskId,
        req.body.verdict,
        req.body.note ?? null,
        a.user.id,
      );
      if (Number(res.numUpdatedRows) === 0) throw notFound('Task in this sample');
      return { task_id: req.params.taskId, verdict: req.body.verdict };
    },
  );
}
