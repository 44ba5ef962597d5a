import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { projectAccess } from '../services/access.service.ts';
import { importArchive } from '../services/archive-import.service.ts';
import { importUrls } from '../services/url-import.service.ts';

const Id = z.object({ id: z.coerce.number().int().positive() });
const OnError = z.object({ on_error: z.enum(['abort', 'skip']).default('abort') }).strict();

/** Import from a zip archive (uploaded body) and from a list of URLs. */
export function archiveImportRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/projects/:id/import/urls',
    {
      schema: {
        tags: ['tasks'],
        params: Id,
        body: z
          .object({
            urls: z.array(z.string().max(2048)).min(1).max(1000),
            on_error: z.enum(['abort', 'skip']).default('skip'),
          })
          .strict(),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const report = await importUrls(ctx, a, req.body.urls, req.body.on_error);
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'task.import',
        project_id: a.project.id,
        target_type: 'urls',
        ip: req.ip,
        details: { urls: req.body.urls.length },
      });
      return report;
    },
  );

  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/projects/:id/import/archive',
      {
        schema: { tags: ['tasks'], params: Id, querystring: OnError },
        bodyLimit: ctx.config.maxImportBytes,
      },
      async (req) => {
        const a = await projectAccess(ctx, req, req.params.id, 'manage');
        // The archive lands in a private temporary file (zip needs random access), never at a
        // path taken from the archive; it is removed whatever happens.
        const dir = join(ctx.config.dataDir, 'tmp');
        await mkdir(dir, { recursive: true });
        const file = join(dir, `upload-${randomBytes(8).toString('hex')}.zip`);
        try {
          await pipeline(req.body as Readable, createWriteStream(file, { mode: 0o600 }));
          const report = await importArchive(ctx, a, file, req.query.on_error);
          await ctx.audit.append({
            actor_id: a.user.id,
            actor_name: a.user.username,
            action: 'task.import',
            project_id: a.project.id,
            target_type: 'archive',
            ip: req.ip,
            details: { media: report.media.stored, files: report.files.length },
          });
          return report;
        } finally {
          await rm(file, { force: true });
        }
      },
    );
  });
}
