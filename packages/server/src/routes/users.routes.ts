import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin, requireUser } from '../auth/plugin.ts';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { createToken, createUser } from '../services/auth.service.ts';
import { toPublicUser } from '../store/users.repository.ts';

const Username = z
  .string()
  .regex(/^[\p{L}\p{N}._@-]{1,64}$/u, 'use 1–64 letters, digits, . _ @ or -');
const NewUser = z
  .object({
    username: Username,
    password: z.string().max(1024),
    name: z.string().max(200).optional(),
    is_admin: z.boolean().optional(),
  })
  .strict();
const PatchUser = z
  .object({
    name: z.string().max(200).optional(),
    is_admin: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
const IdParam = z.object({ id: z.coerce.number().int().positive() });

/** Users (admin only; sign-up does not exist) and the caller's own API tokens. */
export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/users', { schema: { tags: ['users'] } }, async (req) => {
    requireAdmin(req);
    return { items: (await ctx.users.list()).map(toPublicUser) };
  });

  r.post('/api/users', { schema: { tags: ['users'], body: NewUser } }, async (req, reply) => {
    const admin = requireAdmin(req);
    reply.code(201);
    return createUser(ctx, req.body, admin);
  });

  r.patch(
    '/api/users/:id',
    { schema: { tags: ['users'], params: IdParam, body: PatchUser } },
    async (req) => {
      const admin = requireAdmin(req);
      const patch: { name?: string; is_admin?: number; disabled?: number } = {};
      if (req.body.name !== undefined) patch.name = req.body.name;
      if (req.body.is_admin !== undefined) patch.is_admin = req.body.is_admin ? 1 : 0;
      if (req.body.disabled !== undefined) patch.disabled = req.body.disabled ? 1 : 0;
      const row = await ctx.users.update(req.params.id, patch);
      if (!row) throw notFound('User');
      if (req.body.disabled) await ctx.users.deleteSessionsOf(row.id);
      await ctx.audit.append({
        actor_id: admin.id,
        actor_name: admin.username,
        action: 'user.update',
        target_type: 'user',
        target_id: row.id,
        ip: req.ip,
        details: { is_admin: req.body.is_admin, disabled: req.body.disabled },
      });
      return toPublicUser(row);
    },
  );

  r.get('/api/tokens', { schema: { tags: ['tokens'] } }, async (req) => {
    const user = requireUser(req);
    return { items: await ctx.users.tokensOf(user.id) };
  });

  r.post(
    '/api/tokens',
    { schema: { tags: ['tokens'], body: z.object({ name: z.string().min(1).max(100) }).strict() } },
    async (req, reply) => {
      const user = requireUser(req);
      reply.code(201);
      return createToken(ctx, user, req.body.name);
    },
  );

  r.delete('/api/tokens/:id', { schema: { tags: ['tokens'], params: IdParam } }, async (req) => {
    const user = requireUser(req);
    const res = await ctx.users.deleteToken(user.id, req.params.id);
    if (Number(res.numDeletedRows) === 0) throw notFound('Token');
    await ctx.audit.append({
      actor_id: user.id,
      actor_name: user.username,
      action: 'token.revoke',
      target_type: 'token',
      target_id: req.params.id,
      ip: req.ip,
    });
    return { ok: true };
  });
}
