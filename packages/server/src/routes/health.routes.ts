import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export const VERSION = '0.1.0';

/** Liveness and store reachability, without authentication. */
export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/health',
    { schema: { tags: ['health'] }, config: { public: true } },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(ctx.store.db);
        return { status: 'ok', store: ctx.store.dialect, version: VERSION };
      } catch {
        return reply
          .code(503)
          .send({ status: 'unavailable', store: ctx.store.dialect, version: VERSION });
      }
    },
  );
}
