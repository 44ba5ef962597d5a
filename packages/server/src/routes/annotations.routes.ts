import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { validateRegions } from '@tessera/core/format';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { badRequest, notFound, validationFailed } from '../errors.ts';
import { projectAccess } from '../services/access.service.ts';
import {
  createAnnotation,
  deleteAnnotation,
  updateAnnotation,
} from '../services/annotation.service.ts';
import { presentAnnotation, presentPrediction } from './present.ts';

const TaskParams = z.object({
  id: z.coerce.number().int().positive(),
  taskId: z.coerce.number().int().positive(),
});
const AnnParams = z.object({
  id: z.coerce.number().int().positive(),
  annId: z.coerce.number().int().positive(),
});
const PredParams = z.object({
  id: z.coerce.number().int().positive(),
  predId: z.coerce.number().int().positive(),
});
const LeadTime = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 3600 * 1000);
const NewAnnotation = z
  .object({
    regions: z.array(z.unknown()).max(20_000),
    status: z.enum(['draft', 'submitted']).default('submitted'),
    lead_time_ms: LeadTime.optional(),
  })
  .strict();
const PatchAnnotation = z
  .object({
    regions: z.array(z.unknown()).max(20_000).optional(),
    status: z.enum(['draft', 'submitted']).optional(),
    lead_time_ms: LeadTime.optional(),
    version: z.number().int().positive(),
  })
  .strict();
const NewPrediction = z
  .object({
    model: z.string().min(1).max(200),
    model_version: z.string().min(1).max(200),
    score: z.number().min(0).max(1).optional(),
    regions: z.array(z.unknown()).max(20_000),
  })
  .strict();

/** Annotations (with optimistic concurrency and idempotent submit) and predictions. */
export function annotationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects/:id/tasks/:taskId/annotations',
    { schema: { tags: ['annotations'], params: TaskParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      if (!(await ctx.tasks.byId(a.project.id, req.params.taskId))) throw notFound('Task');
      const rows = await ctx.annotations.forTask(a.project.id, req.params.taskId);
      return {
        items: rows
          .filter((x) => x.status !== 'draft' || x.created_by === a.user.id)
          .map(presentAnnotation),
      };
    },
  );

  r.post(
    '/api/projects/:id/tasks/:taskId/annotations',
    { schema: { tags: ['annotations'], params: TaskParams, body: NewAnnotation } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'annotate');
      const key = req.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || key.length < 1 || key.length > 200))
        throw badRequest('Idempotency-Key must be 1–200 characters.');
      const res = await createAnnotation(ctx, a, req.params.taskId, req.body, key, req.ip);
      reply.code(res.replayed ? 200 : 201);
      if (res.replayed) reply.header('Idempotent-Replayed', 'true');
      return res.annotation;
    },
  );

  r.get(
    '/api/projects/:id/annotations/:annId',
    { schema: { tags: ['annotations'], params: AnnParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      const row = await ctx.annotations.byId(a.project.id, req.params.annId);
      if (!row || (row.status === 'draft' && row.created_by !== a.user.id))
        throw notFound('Annotation');
      return presentAnnotation(row);
    },
  );

  r.patch(
    '/api/projects/:id/annotations/:annId',
    { schema: { tags: ['annotations'], params: AnnParams, body: PatchAnnotation } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'annotate');
      return updateAnnotation(ctx, a, req.params.annId, req.body, req.ip);
    },
  );

  r.delete(
    '/api/projects/:id/annotations/:annId',
    { schema: { tags: ['annotations'], params: AnnParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'annotate');
      await deleteAnnotation(ctx, a, req.params.annId, req.ip);
      return { ok: true };
    },
  );

  r.get(
    '/api/projects/:id/tasks/:taskId/predictions',
    { schema: { tags: ['predictions'], params: TaskParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      if (!(await ctx.tasks.byId(a.project.id, req.params.taskId))) throw notFound('Task');
      return {
        items: (await ctx.predictions.forTask(a.project.id, req.params.taskId)).map(
          presentPrediction,
        ),
      };
    },
  );

  r.post(
    '/api/projects/:id/tasks/:taskId/predictions',
    { schema: { tags: ['predictions'], params: TaskParams, body: NewPrediction } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const task = await ctx.tasks.byId(a.project.id, req.params.taskId);
      if (!task) throw notFound('Task');
      const v = validateRegions(
        a.schema,
        req.body.regions,
        JSON.parse(task.data) as Record<string, unknown>,
      );
      if (!v.ok)
        throw validationFailed(
          `The prediction does not match the labeling schema: ${v.issues[0]!.path}: ${v.issues[0]!.message}`,
          v.issues,
        );
      const row = await ctx.predictions.create({
        project_id: a.project.id,
        task_id: task.id,
        model: req.body.model,
        model_version: req.body.model_version,
        score: req.body.score ?? null,
        regions: JSON.stringify(v.value),
      });
      reply.code(201);
      return presentPrediction(row);
    },
  );

  r.get(
    '/api/projects/:id/predictions/:predId',
    { schema: { tags: ['predictions'], params: PredParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      const row = await ctx.predictions.byId(a.project.id, req.params.predId);
      if (!row) throw notFound('Prediction');
      return presentPrediction(row);
    },
  );

  r.delete(
    '/api/projects/:id/predictions/:predId',
    { schema: { tags: ['predictions'], params: PredParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      if (!(await ctx.predictions.delete(a.project.id, req.params.predId)))
        throw notFound('Prediction');
      return { ok: true };
    },
  );
}
