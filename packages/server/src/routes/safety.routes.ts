import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mergeSafety, safetyOf, SafetySettingsSchema } from '../compliance/safety-policy.ts';
import { SafetyRepository } from '../compliance/safety.repository.ts';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors.ts';
import { projectAccess, type ProjectAccess } from '../services/access.service.ts';

const Id = z.object({ id: z.coerce.number().int().positive() });
const Cursor = z
  .string()
  .regex(/^\d{1,15}$/, 'cursor must be a next_cursor value from a previous page')
  .optional();

/**
 * Content safety (issue 6): the project's policy (a text lexicon and the image classes
 * flagged at or above a threshold), the `safety.scan` job, and the flags — filtered and
 * counted on `GET …/safety/flags`, and listed on the task detail as `safety_flags`.
 *
 * @example safetyRoutes(app, ctx); // in buildApp, with the other route groups
 */
export function safetyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const flags = new SafetyRepository(ctx.store.db);
  const audit = (
    a: ProjectAccess,
    req: FastifyRequest,
    action: string,
    target: { type: string; id: number },
    details?: Record<string, unknown>,
  ) =>
    ctx.audit.append({
      actor_id: a.user.id,
      actor_name: a.user.username,
      action,
      project_id: a.project.id,
      target_type: target.type,
      target_id: target.id,
      ip: req.ip,
      ...(details ? { details } : {}),
    });

  r.get(
    '/api/projects/:id/safety',
    { schema: { tags: ['compliance'], params: Id } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'review');
      return presentPolicy(a.project.settings);
    },
  );

  r.put(
    '/api/projects/:id/safety',
    { schema: { tags: ['compliance'], params: Id, body: SafetySettingsSchema } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const row = await ctx.projects.update(a.project.id, {
        settings: mergeSafety(a.project.settings, req.body),
      });
      await audit(
        a,
        req,
        'safety.update',
        { type: 'project', id: a.project.id },
        {
          fields: Object.keys(req.body),
        },
      );
      return presentPolicy(row!.settings);
    },
  );

  r.post(
    '/api/projects/:id/safety/scan',
    {
      schema: {
        tags: ['compliance'],
        params: Id,
        body: z
          .object({ task_ids: z.array(z.number().int().positive()).min(1).max(100_000).optional() })
          .strict()
          .nullish(),
      },
    },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const policy = safetyOf(a.project.settings);
      if (!policy.lexicon && !policy.images)
        throw badRequest(
          'This project has no content-safety policy: set a lexicon or an image threshold first (PUT /api/projects/:id/safety).',
        );
      const job = await ctx.jobs.enqueue({
        project_id: a.project.id,
        kind: 'safety.scan',
        params: req.body?.task_ids ? { task_ids: req.body.task_ids } : {},
        created_by: a.user.id,
      });
      ctx.pokeJobs();
      await audit(a, req, 'safety.scan', { type: 'job', id: job.id });
      reply.code(202);
      return { id: job.id, kind: job.kind, status: job.status };
    },
  );

  r.get(
    '/api/projects/:id/safety/flags',
    {
      schema: {
        tags: ['compliance'],
        params: Id,
        querystring: z
          .object({
            task: z.coerce.number().int().positive().optional(),
            source: z.enum(['image', 'text']).optional(),
            category: z.string().min(1).max(64).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            cursor: Cursor,
          })
          .strict(),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'review');
      const q = req.query;
      const items = await flags.list(a.project.id, {
        taskId: q.task,
        source: q.source,
        category: q.category,
        before: q.cursor ? Number(q.cursor) : undefined,
        limit: q.limit,
      });
      const counts = (await flags.counts(a.project.id)).map((c) => ({
        source: c.source,
        category: c.category,
        flags: Number(c.flags),
        tasks: Number(c.tasks),
      }));
      return {
        items,
        counts,
        next_cursor: items.length === q.limit ? String(items[items.length - 1]!.id) : null,
      };
    },
  );

  // The task detail carries its flags, so the editor can warn before the content is shown.
  app.addHook('preSerialization', async (req: FastifyRequest, reply, payload: unknown) => {
    if (req.routeOptions.url !== '/api/projects/:id/tasks/:taskId' || req.method !== 'GET')
      return payload;
    const body = payload as { task?: { id?: unknown } } | null;
    if (reply.statusCode >= 300 || !body?.task || typeof body.task.id !== 'number') return payload;
    const projectId = Number((req.params as { id?: string }).id);
    const items = await flags.list(projectId, { taskId: body.task.id, limit: 500 });
    return { ...body, safety_flags: items.reverse() };
  });
}

/** The policy as the API shows it: each part with its defaults, or null when off. */
function presentPolicy(settingsJson: string) {
  const p = safetyOf(settingsJson);
  return { lexicon: p.lexicon ?? null, images: p.images ?? null };
}
