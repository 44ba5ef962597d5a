import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { MAX_MEDIA_BYTES, storeMedia } from '../media/media.service.ts';
import { projectAccess } from '../services/access.service.ts';

const Id = z.object({ id: z.coerce.number().int().positive() });
const AssetParams = z.object({
  id: z.coerce.number().int().positive(),
  assetId: z.coerce.number().int().positive(),
});

/** Image upload (typed by magic bytes) and download (fixed type, nosniff). */
export function mediaRoutes(app: FastifyInstance, ctx: AppContext): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/projects/:id/media/:assetId',
      { schema: { tags: ['media'], params: AssetParams } },
      async (req, reply) => {
        const a = await projectAccess(ctx, req, req.params.id, 'read');
        const asset = await ctx.store.db
          .selectFrom('assets')
          .selectAll()
          .where('project_id', '=', a.project.id)
          .where('id', '=', req.params.assetId)
          .executeTakeFirst();
        if (!asset) throw notFound('Media');
        reply
          .header('content-type', asset.mime)
          .header('content-length', String(asset.size))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, max-age=86400, immutable')
          .header('content-security-policy', "default-src 'none'; sandbox");
        return reply.send(await ctx.storage.get(asset.storage_key));
      },
    );

  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: MAX_MEDIA_BYTES },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/projects/:id/media',
      {
        schema: {
          tags: ['media'],
          params: Id,
          querystring: z
            .object({
              licence: z.string().max(100).optional(),
              source: z.string().max(2000).optional(),
            })
            .strict(),
        },
        bodyLimit: MAX_MEDIA_BYTES,
      },
      async (req, reply) => {
        const a = await projectAccess(ctx, req, req.params.id, 'manage');
        const asset = await storeMedia(ctx, a.project.id, req.body as Buffer, req.query);
        await ctx.audit.append({
          actor_id: a.user.id,
          actor_name: a.user.username,
          action: 'media.upload',
          project_id: a.project.id,
          target_type: 'asset',
          target_id: asset.id,
          ip: req.ip,
          details: { mime: asset.mime, size: asset.size },
        });
        reply.code(201);
        return {
          id: asset.id,
          sha256: asset.sha256,
          mime: asset.mime,
          size: asset.size,
          url: `/api/projects/${a.project.id}/media/${asset.id}`,
        };
      },
    );
  });
}
