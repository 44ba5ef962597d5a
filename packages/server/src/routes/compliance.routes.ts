import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PII_ENTITIES } from '@tessera/core/compliance';
import { z } from 'zod';
import { requireUser } from '../auth/plugin.ts';
import { biasOptions, projectBias } from '../compliance/bias.service.ts';
import {
  ComplianceSettingsSchema,
  complianceOf,
  DEFAULT_VIEW_OPERATORS,
  lengthChangingEntities,
  mergeCompliance,
  viewOperators,
} from '../compliance/compliance-settings.ts';
import { LedgerService } from '../compliance/ledger.service.ts';
import { checkLicence } from '../compliance/licence.service.ts';
import { PiiRepository } from '../compliance/pii.repository.ts';
import { INLINE_SCAN_TASKS, registerPiiMasking, scanProject } from '../compliance/pii.service.ts';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { projectAccess } from '../services/access.service.ts';

const Id = z.object({ id: z.coerce.number().int().positive() });
const Size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Cursor = z
  .string()
  .regex(/^\d{1,15}$/, 'cursor must be a next_cursor value from a previous page')
  .optional();

/**
 * Compliance: the provenance ledger (signed tree head, inclusion and consistency proofs), PII
 * findings and scans, the bias report, and a project's licence and PII policies. Also masks PII
 * in every response that carries task data (see registerPiiMasking).
 *
 * @example complianceRoutes(app, ctx); // in buildApp, with the other route groups
 */
export function complianceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ledger = new LedgerService(ctx);
  const pii = new PiiRepository(ctx.store.db);
  registerPiiMasking(app, ctx);

  r.get('/api/ledger/head', { schema: { tags: ['compliance'] } }, async (req) => {
    requireUser(req);
    const h = await ledger.head();
    return { ...h.tree_head, public_key: h.public_key };
  });

  r.get(
    '/api/ledger/proof/inclusion',
    {
      schema: {
        tags: ['compliance'],
        querystring: z.object({ leaf: Size, size: Size.min(1).optional() }).strict(),
      },
    },
    async (req) => {
      const user = requireUser(req);
      const leaf = await ledger.leaf(req.query.leaf);
      if (!leaf)
        throw badRequest(
          `leaf ${req.query.leaf} is not in the ledger (${await ledger.size()} leaves, counted from 0).`,
        );
      // A leaf names its project; only that project's members may read it (404 otherwise).
      if (leaf.project_id === null && user.is_admin !== 1) throw notFound('Ledger leaf');
      if (leaf.project_id !== null) await projectAccess(ctx, req, leaf.project_id, 'read');
      const proof = await ledger.inclusion(req.query.leaf, req.query.size);
      return { ...proof, kind: leaf.kind, leaf: leaf.payload };
    },
  );

  r.get(
    '/api/ledger/proof/consistency',
    {
      schema: {
        tags: ['compliance'],
        querystring: z.object({ from: Size.min(1), to: Size.min(1).optional() }).strict(),
      },
    },
    async (req) => {
      requireUser(req);
      return ledger.consistency(req.query.from, req.query.to);
    },
  );

  r.get(
    '/api/projects/:id/compliance',
    { schema: { tags: ['compliance'], params: Id } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const c = complianceOf(a.project.settings);
      return {
        ...c,
        pii_operators: viewOperators(c.pii),
        default_operators: DEFAULT_VIEW_OPERATORS,
      };
    },
  );

  r.put(
    '/api/projects/:id/compliance',
    { schema: { tags: ['compliance'], params: Id, body: ComplianceSettingsSchema } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const row = await ctx.projects.update(a.project.id, {
        settings: mergeCompliance(a.project.settings, req.body),
      });
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'compliance.update',
        project_id: a.project.id,
        target_type: 'project',
        target_id: a.project.id,
        ip: req.ip,
        details: { fields: Object.keys(req.body) },
      });
      const c = complianceOf(row!.settings);
      const ops = viewOperators(c.pii);
      const shifting = lengthChangingEntities(ops);
      return {
        ...c,
        pii_operators: ops,
        warnings: shifting.length
          ? [
              `${shifting.join(', ')} use operators that change the text length: span offsets drawn on masked text will not match the original. Use "mask" to keep them aligned.`,
            ]
          : [],
      };
    },
  );

  r.post(
    '/api/projects/:id/compliance/licence-check',
    {
      schema: {
        tags: ['compliance'],
        params: Id,
        body: z.object({ licence: z.string().max(200).nullable() }).strict(),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      return checkLicence(complianceOf(a.project.settings).licences, req.body.licence);
    },
  );

  r.get(
    '/api/projects/:id/pii/findings',
    {
      schema: {
        tags: ['compliance'],
        params: Id,
        querystring: z
          .object({
            entity: z.enum(PII_ENTITIES).optional(),
            task: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            cursor: Cursor,
          })
          .strict(),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const q = req.query;
      const rows = await pii.list(a.project.id, {
        entity: q.entity,
        taskId: q.task,
        limit: q.limit,
        before: q.cursor ? Number(q.cursor) : undefined,
      });
      return {
        items: rows,
        counts: Object.fromEntries(
          (await pii.counts(a.project.id)).map((c) => [c.entity, Number(c.n)]),
        ),
        next_cursor: rows.length === q.limit ? String(rows[rows.length - 1]!.id) : null,
      };
    },
  );

  r.post(
    '/api/projects/:id/pii/scan',
    { schema: { tags: ['compliance'], params: Id } },
    async (req, reply) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const audit = {
        actor_id: a.user.id,
        actor_name: a.user.username,
        project_id: a.project.id,
        ip: req.ip,
      };
      if (a.project.task_count > INLINE_SCAN_TASKS) {
        const job = await ctx.jobs.enqueue({
          project_id: a.project.id,
          kind: 'pii.scan',
          params: {},
          created_by: a.user.id,
        });
        ctx.pokeJobs();
        await ctx.audit.append({
          ...audit,
          action: 'pii.scan',
          target_type: 'job',
          target_id: job.id,
        });
        reply.code(202);
        return { status: 'queued', job: { id: job.id, kind: job.kind, status: job.status } };
      }
      const minScore = complianceOf(a.project.settings).pii.min_score;
      const result = await scanProject(
        ctx,
        a.project.id,
        a.schema,
        minScore === undefined ? {} : { minScore },
      );
      await ctx.audit.append({
        ...audit,
        action: 'pii.scan',
        target_type: 'project',
        target_id: a.project.id,
        details: { tasks: result.tasks, findings: result.findings },
      });
      return { status: 'done', ...result };
    },
  );

  r.get(
    '/api/projects/:id/bias/options',
    { schema: { tags: ['compliance'], params: Id } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'review');
      return biasOptions(ctx, a.project.id, a.schema);
    },
  );

  r.get(
    '/api/projects/:id/bias',
    {
      schema: {
        tags: ['compliance'],
        params: Id,
        querystring: z
          .object({ control: z.string().min(1).max(200), group_by: z.string().min(1).max(300) })
          .strict(),
      },
    },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'review');
      return projectBias(ctx, a.project.id, a.schema, req.query.control, req.query.group_by);
    },
  );
}
