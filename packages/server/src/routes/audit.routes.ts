import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors.ts';
import { auditExportChunks, auditScope, presentAuditRow } from '../services/audit.service.ts';
import type { AuditFilter } from '../store/audit.repository.ts';

/** An ISO-8601 instant with a zone (`2026-03-01T00:00:00Z`, `…+08:00`), normalised to UTC. */
const Instant = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'must be an ISO-8601 date-time with a zone, like 2026-03-01T00:00:00Z',
  })
  .refine((s) => /(Z|[+-]\d{2}:?\d{2})$/i.test(s), {
    message: 'needs a zone (Z or +08:00): a bare local time is ambiguous',
  })
  .transform((s) => new Date(s).toISOString());

const Filters = z.object({
  project_id: z.coerce.number().int().positive().optional(),
  action: z.string().min(1).max(100).optional(),
  actor: z.string().min(1).max(200).optional(),
  result: z.enum(['ok', 'denied', 'failed']).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});

const Query = Filters.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'cursor must be a next_cursor value from a previous page')
    .optional(),
}).strict();

const ExportQuery = Filters.extend({ format: z.enum(['csv', 'jsonl']).default('csv') }).strict();

function filterOf(q: z.infer<typeof Filters>): AuditFilter {
  if (q.from && q.to && q.from >= q.to)
    throw badRequest(`from (${q.from}) must be before to (${q.to}).`, [
      { path: 'from', message: 'must be before to' },
    ]);
  return {
    projectId: q.project_id,
    action: q.action,
    actor: q.actor,
    result: q.result,
    from: q.from,
    to: q.to,
  };
}

/**
 * The audit log, newest first: instance admins read every row, a project manager the rows of
 * their project (`project_id` required). Filters: project, action, actor, result, time range;
 * keyset paging; a streamed CSV or JSONL export of the same filters, itself audited.
 */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/audit', { schema: { tags: ['audit'], querystring: Query } }, async (req) => {
    const q = req.query;
    const filter = await auditScope(ctx, req, filterOf(q));
    const rows = await ctx.audit.list({
      ...filter,
      limit: q.limit,
      before: q.cursor ? Number(q.cursor) : undefined,
    });
    return {
      items: rows.map(presentAuditRow),
      next_cursor: rows.length === q.limit ? String(rows[rows.length - 1]!.id) : null,
    };
  });

  r.get(
    '/api/audit/actions',
    {
      schema: {
        tags: ['audit'],
        querystring: z
          .object({ project_id: z.coerce.number().int().positive().optional() })
          .strict(),
      },
    },
    async (req) => {
      const filter = await auditScope(ctx, req, { projectId: req.query.project_id });
      return { actions: await ctx.audit.actions(filter.projectId) };
    },
  );

  r.get(
    '/api/audit/export',
    { schema: { tags: ['audit'], querystring: ExportQuery } },
    async (req, reply) => {
      const { format, ...rest } = req.query;
      const filter = await auditScope(ctx, req, filterOf(rest));
      const user = req.auth!.user;
      await ctx.audit.append({
        actor_id: user.id,
        actor_name: user.username,
        action: 'audit.export',
        project_id: filter.projectId ?? null,
        target_type: 'audit_log',
        ip: req.ip,
        details: { format, filters: rest },
      });
      let gone = false;
      req.raw.on('close', () => (gone = true));
      const body = Readable.from(auditExportChunks(ctx, filter, format, () => gone));
      body.on('error', (err) => req.log.error({ err }, 'audit export stream failed'));
      const name = `audit${filter.projectId ? `-project-${filter.projectId}` : ''}.${format}`;
      return reply
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
}
