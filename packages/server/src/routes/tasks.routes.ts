import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { projectAccess, type ProjectAccess } from '../services/access.service.ts';
import { importTasks } from '../services/import.service.ts';
import { complianceOf } from '../compliance/compliance-settings.ts';
import { presentAnnotation, presentPrediction, presentTask, type TaskView } from './present.ts';

const Id = z.object({ id: z.coerce.number().int().positive() });
const TaskParams = z.object({
  id: z.coerce.number().int().positive(),
  taskId: z.coerce.number().int().positive(),
});
const ListQuery = z
  .object({
    status: z
      .enum(['new', 'prelabeled', 'in_progress', 'annotated', 'in_review', 'accepted', 'rejected'])
      .optional(),
    annotator: z.coerce.number().int().positive().optional(),
    label: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, 'cursor must be a next_cursor value from a previous page')
      .optional(),
  })
  .strict();
const ImportQuery = z
  .object({
    format: z.enum(['jsonl', 'json', 'csv', 'ls', 'coco', 'conll', 'hf']).default('jsonl'),
    on_error: z.enum(['abort', 'skip']).default('abort'),
    source: z.string().max(500).optional(),
  })
  .strict();

/**
 * A task with what its viewer may see: predictions, reviews, and the annotations (other users'
 * drafts never; with `mineOnly`, as in the labeling queue, only the viewer's own).
 */
async function taskDetail(ctx: AppContext, a: ProjectAccess, task: TaskView, mineOnly: boolean) {
  const [annotations, predictions, reviews] = await Promise.all([
    ctx.annotations.forTask(a.project.id, task.id),
    ctx.predictions.forTask(a.project.id, task.id),
    ctx.reviews.forTask(a.project.id, task.id),
  ]);
  const visible = annotations.filter((x) =>
    mineOnly ? x.created_by === a.user.id : x.status !== 'draft' || x.created_by === a.user.id,
  );
  return {
    task: presentTask(task),
    annotations: visible.map(presentAnnotation),
    predictions: predictions.map(presentPrediction),
    reviews,
  };
}

/** Task list, lookup, deletion, "next task" and streaming import. */
export function taskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects/:id/tasks',
    { schema: { tags: ['tasks'], params: Id, querystring: ListQuery } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      const q = req.query;
      const rows = await ctx.tasks.list(a.project.id, {
        status: q.status,
        annotator: q.annotator,
        label: q.label,
        afterId: q.cursor === undefined ? undefined : Number(q.cursor),
        limit: q.limit,
      });
      const last = rows[rows.length - 1];
      return {
        items: rows.map(presentTask),
        next_cursor: rows.length === q.limit && last ? String(last.id) : null,
        total: a.project.task_count,
      };
    },
  );

  r.get(
    '/api/projects/:id/tasks/:taskId',
    { schema: { tags: ['tasks'], params: TaskParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      const task = await ctx.tasks.byId(a.project.id, req.params.taskId);
      if (!task) throw notFound('Task');
      return taskDetail(ctx, a, task, false);
    },
  );

  r.delete(
    '/api/projects/:id/tasks/:taskId',
    { schema: { tags: ['tasks'], params: TaskParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const n = await ctx.tasks.delete(a.project.id, [req.params.taskId]);
      if (n === 0) throw notFound('Task');
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'task.delete',
        project_id: a.project.id,
        target_type: 'task',
        target_id: req.params.taskId,
        ip: req.ip,
      });
      return { deleted: n };
    },
  );

  r.post(
    '/api/projects/:id/tasks/bulk-delete',
    {
      schema: {
        tags: ['tasks'],
        params: Id,
        body: z.object({ ids: z.array(z.number().int().positive()).min(1).max(10_000) }).strict(),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const n = await ctx.tasks.delete(a.project.id, req.body.ids);
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'task.delete',
        project_id: a.project.id,
        target_type: 'task',
        ip: req.ip,
        details: { requested: req.body.ids.length, deleted: n },
      });
      return { deleted: n };
    },
  );

  r.post(
    '/api/projects/:id/next',
    { schema: { tags: ['tasks'], params: Id } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'annotate');
      const taskId = await ctx.tasks.leaseNext(
        a.project.id,
        a.user.id,
        a.settings.overlap,
        a.settings.lease_minutes * 60_000,
        ctx.store.dialect,
      );
      if (taskId === undefined) return reply.code(204).send();
      const task = await ctx.tasks.byId(a.project.id, taskId);
      return taskDetail(ctx, a, task!, true);
    },
  );

  r.post(
    '/api/projects/:id/tasks/:taskId/skip',
    { schema: { tags: ['tasks'], params: TaskParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'annotate');
      if (!(await ctx.tasks.byId(a.project.id, req.params.taskId))) throw notFound('Task');
      await ctx.tasks.skip(a.project.id, req.params.taskId, a.user.id);
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'task.skip',
        project_id: a.project.id,
        target_type: 'task',
        target_id: req.params.taskId,
        ip: req.ip,
      });
      return { ok: true };
    },
  );

  // The import route reads its body as a raw stream, so it lives in its own scope with its own parsers.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/projects/:id/import',
      {
        schema: { tags: ['tasks'], params: Id, querystring: ImportQuery },
        bodyLimit: ctx.config.maxImportBytes,
      },
      async (req) => {
        const a = await projectAccess(ctx, req, req.params.id, 'manage');
        const report = await importTasks({
          store: ctx.store,
          projectId: a.project.id,
          schema: a.schema,
          userId: a.user.id,
          input: req.body as Readable,
          format: req.query.format,
          onError: req.query.on_error,
          source: req.query.source,
          maxRecordBytes: ctx.config.maxRecordBytes,
          licences: complianceOf(a.project.settings).licences,
        });
        await ctx.audit.append({
          actor_id: a.user.id,
          actor_name: a.user.username,
          action: 'task.import',
          project_id: a.project.id,
          target_type: 'import',
          target_id: report.import_id,
          ip: req.ip,
          result: report.status === 'completed' ? 'ok' : 'failed',
          details: {
            format: report.format,
            stored: report.stored,
            duplicates: report.duplicates,
            failed: report.failed,
          },
        });
        return report;
      },
    );
  });
}
