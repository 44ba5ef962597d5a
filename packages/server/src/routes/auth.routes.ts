import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, SESSION_COOKIE } from '../auth/plugin.ts';
import type { AppContext } from '../context.ts';
import { changePassword, login } from '../services/auth.service.ts';
import { toPublicUser } from '../store/users.repository.ts';

const Login = z
  .object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) })
  .strict();
const Password = z
  .object({
    current_password: z.string().min(1).max(1024),
    new_password: z.string().min(1).max(1024),
  })
  .strict();

/** Login, logout, who-am-I and password change. */
export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], body: Login }, config: { public: true } },
    async (req, reply) => {
      const res = await login(ctx, req.body.username, req.body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, res.cookie, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.secureCookies,
        path: '/',
        expires: res.expires,
      });
      return { user: res.user, csrf_token: res.csrf_token };
    },
  );

  r.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    const user = requireUser(req);
    if (req.auth?.sessionHash) await ctx.users.deleteSession(req.auth.sessionHash);
    await ctx.audit.append({
      actor_id: user.id,
      actor_name: user.username,
      action: 'auth.logout',
      target_type: 'user',
      target_id: user.id,
      ip: req.ip,
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'] } }, async (req) => {
    const user = requireUser(req);
    return { user: toPublicUser(user), csrf_token: req.auth?.csrfToken ?? null };
  });

  r.post(
    '/api/auth/password',
    { schema: { tags: ['auth'], body: Password } },
    async (req, reply) => {
      const user = requireUser(req);
      await changePassword(ctx, user, req.body.current_password, req.body.new_password, req.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return {
        ok: true,
        message:
          'Password changed: every session and API token of this account was ended. Log in again.',
      };
    },
  );
}
