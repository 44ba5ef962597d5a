import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../auth/plugin.ts';
import type { AppContext } from '../context.ts';

const Query = z
  .object({
    project_id: z.coerce.number().int().positive().optional(),
    action: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/)
      .optional(),
  })
  .strict();

/** The audit log, newest first (admin only). */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/api/audit', { schema: { tags: ['audit'], querystring: Query } }, async (req) => {
      requireAdmin(req);
      const q = req.query;
      const rows = await ctx.audit.list({
        projectId: q.project_id,
        action: q.action,
        limit: q.limit,
        before: q.cursor ? Number(q.cursor) : undefined,
      });
      const items = rows.map((r) => ({
        ...r,
        details: r.details ? (JSON.parse(r.details) as unknown) : null,
      }));
      return {
        items,
        next_cursor: rows.length === q.limit ? String(rows[rows.length - 1]!.id) : null,
      };
    });
}
