import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { projectAccess } from '../services/access.service.ts';
import { writeExport } from '../services/export.service.ts';
import { EXPORT_FORMATS, writerFor } from '../services/formats/writers.ts';

const Id = z.object({ id: z.coerce.number().int().positive() });
const JobParams = z.object({
  id: z.coerce.number().int().positive(),
  jobId: z.coerce.number().int().positive(),
});
const Format = z.enum(EXPORT_FORMATS);
/** The formats a request can stream directly; archives (YOLO, VOC) need an export job. */
const StreamFormat = z.enum(['jsonl', 'csv', 'ls', 'coco', 'conll', 'hf']);

/** Streamed export, and export jobs that leave a file to download. */
export function exportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects/:id/export',
    {
      schema: {
        tags: ['export'],
        params: Id,
        querystring: z.object({ format: StreamFormat.default('jsonl') }).strict(),
      },
    },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const format = req.query.format;
      const writer = writerFor(format, a.schema); // a schema the format cannot express is a 400 now
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'export.download',
        project_id: a.project.id,
        target_type: 'project',
        target_id: a.project.id,
        ip: req.ip,
        details: { format, tasks: a.project.task_count },
      });
      const out = new PassThrough();
      let gone = false;
      req.raw.on('close', () => (gone = true));
      void writeExport({
        store: ctx.store,
        ctx,
        projectId: a.project.id,
        schema: a.schema,
        format,
        out,
        shouldStop: () => gone,
      })
        .then(() => out.end())
        .catch((err: Error) => {
          req.log.error({ err }, 'export stream failed');
          out.destroy(err);
        });
      reply
        .header('content-type', writer.contentType)
        .header(
          'content-disposition',
          `attachment; filename="project-${a.project.id}-${format}.${writer.ext}"`,
        )
        .header('x-total-tasks', String(a.project.task_count));
      return reply.send(out);
    },
  );

  r.post(
    '/api/projects/:id/exports',
    {
      schema: {
        tags: ['export'],
        params: Id,
        body: z
          .object({
            format: Format.default('jsonl'),
            version: z.number().int().positive().optional(),
          })
          .strict(),
      },
    },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const job = await ctx.jobs.enqueue({
        project_id: a.project.id,
        kind: 'export',
        params: {
          format: req.body.format,
          ...(req.body.version ? { version: req.body.version } : {}),
        },
        created_by: a.user.id,
      });
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'export.create',
        project_id: a.project.id,
        target_type: 'job',
        target_id: job.id,
        ip: req.ip,
        details: { format: req.body.format },
      });
      ctx.pokeJobs();
      reply.code(202);
      return presentJob(job);
    },
  );

  r.get(
    '/api/projects/:id/exports/:jobId',
    { schema: { tags: ['export'], params: JobParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const job = await ctx.jobs.byId(a.project.id, req.params.jobId);
      if (!job || job.kind !== 'export') throw notFound('Export');
      return presentJob(job);
    },
  );

  r.delete(
    '/api/projects/:id/exports/:jobId',
    { schema: { tags: ['export'], params: JobParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const res = await ctx.jobs.cancel(a.project.id, req.params.jobId);
      if (Number(res.numUpdatedRows) === 0) throw notFound('Running export');
      return { ok: true };
    },
  );

  r.get(
    '/api/projects/:id/exports/:jobId/download',
    { schema: { tags: ['export'], params: JobParams } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const job = await ctx.jobs.byId(a.project.id, req.params.jobId);
      if (!job || job.kind !== 'export') throw notFound('Export');
      if (job.status !== 'done' || !job.result)
        throw conflict(
          'export_not_ready',
          `The export is ${job.status}; download it when its status is done.`,
        );
      const { key, format, ext, content_type } = JSON.parse(job.result) as {
        key: string;
        format: string;
        ext: string;
        content_type: string;
      };
      const info = await ctx.storage.head(key);
      if (!info) throw notFound('Export file');
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'export.download',
        project_id: a.project.id,
        target_type: 'job',
        target_id: job.id,
        ip: req.ip,
      });
      reply
        .header('content-type', content_type)
        .header('content-length', String(info.size))
        .header(
          'content-disposition',
          `attachment; filename="project-${a.project.id}-export-${job.id}-${format}.${ext}"`,
        );
      return reply.send(await ctx.storage.get(key));
    },
  );
}

function presentJob(j: {
  id: number;
  kind: string;
  status: string;
  progress: number;
  result: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}) {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    progress: j.progress,
    result: j.result ? (JSON.parse(j.result) as unknown) : null,
    error: j.error,
    created_at: j.created_at,
    updated_at: j.updated_at,
  };
}
