import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { forbidden, unauthorized } from '../errors.ts';
import type { UserRow } from '../store/users.repository.ts';
import { safeEqual, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'tessera_session';

/** Who made the request and how. */
export interface Auth {
  user: UserRow;
  via: 'session' | 'token';
  sessionHash?: string;
  csrfToken?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the session cookie or Bearer token on every `/api` request and enforces CSRF:
 * with cookie auth an unsafe method needs the session's `X-CSRF-Token`, and any unsafe request
 * with a foreign `Origin` is refused (this also covers login).
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    if (UNSAFE.has(req.method)) checkOrigin(req);
    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw unauthorized('The Authorization header must be `Bearer <token>`.');
      const row = await ctx.users.tokenUser(sha256(m[1]!));
      if (!row) throw unauthorized('The API token is unknown or was revoked.');
      const { token_id, ...user } = row;
      req.auth = { user, via: 'token' };
      void ctx.users.touchToken(token_id).catch(() => {});
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const hash = sha256(cookie);
    const row = await ctx.users.sessionUser(hash);
    if (!row) return; // an expired or ended session is simply no session
    const { csrf_token, expires_at: _e, session_id: _s, ...user } = row;
    req.auth = { user, via: 'session', sessionHash: hash, csrfToken: csrf_token };
    if (UNSAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, csrf_token)) {
        throw forbidden(
          'Missing or wrong X-CSRF-Token header: send the csrf_token from login or /api/auth/me.',
        );
      }
    }
  });
}

/** A browser's cross-site request carries an Origin that is not ours: refuse it. */
function checkOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') {
    if (origin === 'null') throw forbidden('Cross-site requests are refused.');
    return;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw forbidden('Cross-site requests are refused.');
  }
  if (host !== req.headers.host) throw forbidden('Cross-site requests are refused.');
}

/** The authenticated user, or 401. */
export function requireUser(req: FastifyRequest): UserRow {
  if (!req.auth) throw unauthorized();
  return req.auth.user;
}

/** The authenticated instance admin, or 401/403. */
export function requireAdmin(req: FastifyRequest): UserRow {
  const user = requireUser(req);
  if (user.is_admin !== 1) throw forbidden('Only an instance admin may do this.');
  return user;
}
