import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { projectAccess } from '../services/access.service.ts';
import { diffVersions, presentVersion } from '../services/version.service.ts';
import { VersionsRepository } from '../store/versions.repository.ts';

const Id = z.object({ id: z.coerce.number().int().positive() });
const VersionParams = z.object({
  id: z.coerce.number().int().positive(),
  versionId: z.coerce.number().int().positive(),
});

/** Dataset versions: create (a job), list, read, download, diff. */
export function versionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = new VersionsRepository(ctx.store.db);

  r.post(
    '/api/projects/:id/versions',
    {
      schema: {
        tags: ['versions'],
        params: Id,
        body: z.object({ name: z.string().trim().min(1).max(200) }).strict(),
      },
    },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const job = await ctx.jobs.enqueue({
        project_id: a.project.id,
        kind: 'version.create',
        params: { name: req.body.name },
        created_by: a.user.id,
      });
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'version.create',
        project_id: a.project.id,
        target_type: 'job',
        target_id: job.id,
        ip: req.ip,
        details: { name: req.body.name },
      });
      ctx.pokeJobs();
      reply.code(202);
      return { id: job.id, kind: job.kind, status: job.status };
    },
  );

  r.get(
    '/api/projects/:id/versions',
    { schema: { tags: ['versions'], params: Id } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      return { items: (await repo.list(a.project.id)).map(presentVersion) };
    },
  );

  r.get(
    '/api/projects/:id/versions/diff',
    {
      schema: {
        tags: ['versions'],
        params: Id,
        querystring: z
          .object({
            from: z.coerce.number().int().positive(),
            to: z.coerce.number().int().positive(),
          })
          .strict(),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      if (req.query.from === req.query.to)
        throw badRequest('Pick two different versions to compare.');
      return diffVersions(ctx, a.project.id, req.query.from, req.query.to);
    },
  );

  r.get(
    '/api/projects/:id/versions/:versionId',
    { schema: { tags: ['versions'], params: VersionParams } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      const v = await repo.byId(a.project.id, req.params.versionId);
      if (!v) throw notFound('Version');
      return presentVersion(v);
    },
  );

  r.get(
    '/api/projects/:id/versions/:versionId/download',
    { schema: { tags: ['versions'], params: VersionParams } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const v = await repo.byId(a.project.id, req.params.versionId);
      if (!v?.storage_key) throw notFound('Version');
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'export.download',
        project_id: a.project.id,
        target_type: 'version',
        target_id: v.id,
        ip: req.ip,
      });
      reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="project-${a.project.id}-version-${v.id}.jsonl"`,
        )
        .header('x-content-sha256', v.content_hash);
      return reply.send(await ctx.storage.get(v.storage_key));
    },
  );
}
