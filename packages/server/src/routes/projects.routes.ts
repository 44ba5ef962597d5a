import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseLabelingSchema, type LabelingSchema } from '@tessera/core/format';
import { parseQcRules } from '@tessera/core/quality';
import { requireUser } from '../auth/plugin.ts';
import type { AppContext } from '../context.ts';
import { badRequest, notFound, validationFailed } from '../errors.ts';
import { projectAccess, DEFAULT_SETTINGS } from '../services/access.service.ts';
import type { ProjectRow } from '../store/projects.repository.ts';

const Settings = z
  .object({
    overlap: z.number().int().min(1).max(50).optional(),
    lease_minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    /** Quality rules checked on every submit (docs/quality.md#rules). */
    qc_rules: z.array(z.unknown()).max(200).optional(),
  })
  .strict();
const NewProject = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(10_000).optional(),
    schema: z.unknown(),
    settings: Settings.optional(),
  })
  .strict();
const PatchProject = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(10_000).optional(),
    schema: z.unknown().optional(),
    settings: Settings.optional(),
  })
  .strict();
const Id = z.object({ id: z.coerce.number().int().positive() });
const Member = z.object({
  id: z.coerce.number().int().positive(),
  userId: z.coerce.number().int().positive(),
});
const Role = z
  .object({
    role: z.enum(['manager', 'annotator', 'reviewer']),
    group: z.string().trim().min(1).max(100).nullable().optional(),
  })
  .strict();

/** What the API shows of a project. */
export function presentProject(p: ProjectRow, role: string | null) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    schema: JSON.parse(p.schema) as unknown,
    schema_version: p.schema_version,
    settings: { ...DEFAULT_SETTINGS, ...(JSON.parse(p.settings) as object) },
    role,
    task_count: p.task_count,
    annotated_count: p.annotated_count,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

function checkSchema(input: unknown) {
  const parsed = parseLabelingSchema(input);
  if (!parsed.ok) {
    throw validationFailed(
      'The labeling schema is invalid.',
      parsed.issues.map((i) => ({
        path: `schema.${i.path}`.replace(/\.$/, ''),
        message: i.message,
      })),
    );
  }
  return parsed.value;
}

/** Quality rules in settings must fit the schema they will run against. */
function checkRules(
  settings: { qc_rules?: unknown[] | undefined } | undefined,
  schema: LabelingSchema,
) {
  if (settings?.qc_rules === undefined) return;
  const parsed = parseQcRules(settings.qc_rules, { schema, prefix: 'settings.qc_rules' });
  if (!parsed.ok) throw validationFailed('The quality rules are invalid.', parsed.issues);
}

/** Projects and their members. */
export function projectRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/projects', { schema: { tags: ['projects'] } }, async (req) => {
    const user = requireUser(req);
    const rows = await ctx.projects.listFor(user.id, user.is_admin === 1);
    return {
      items: rows.map((p) => presentProject(p, p.role ?? (user.is_admin === 1 ? 'admin' : null))),
    };
  });

  r.post(
    '/api/projects',
    { schema: { tags: ['projects'], body: NewProject } },
    async (req, reply) => {
      const user = requireUser(req);
      const schema = checkSchema(req.body.schema);
      checkRules(req.body.settings, schema);
      const row = await ctx.projects.create({
        name: req.body.name,
        description: req.body.description ?? '',
        schema: JSON.stringify(schema),
        settings: JSON.stringify(req.body.settings ?? {}),
        created_by: user.id,
      });
      await ctx.audit.append({
        actor_id: user.id,
        actor_name: user.username,
        action: 'project.create',
        project_id: row.id,
        target_type: 'project',
        target_id: row.id,
        ip: req.ip,
      });
      reply.code(201);
      return presentProject(row, 'manager');
    },
  );

  r.get('/api/projects/:id', { schema: { tags: ['projects'], params: Id } }, async (req) => {
    const a = await projectAccess(ctx, req, req.params.id, 'read');
    return presentProject(a.project, a.role);
  });

  r.patch(
    '/api/projects/:id',
    { schema: { tags: ['projects'], params: Id, body: PatchProject } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const patch: Parameters<typeof ctx.projects.update>[1] = {};
      if (req.body.name !== undefined) patch.name = req.body.name;
      if (req.body.description !== undefined) patch.description = req.body.description;
      const schema = req.body.schema === undefined ? a.schema : checkSchema(req.body.schema);
      if (req.body.settings !== undefined) {
        checkRules(req.body.settings, schema);
        patch.settings = JSON.stringify({ ...a.settings, ...req.body.settings });
      }
      if (req.body.schema !== undefined) {
        patch.schema = JSON.stringify(schema);
        patch.schema_version = a.project.schema_version + 1;
      }
      const row = await ctx.projects.update(a.project.id, patch);
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'project.update',
        project_id: a.project.id,
        target_type: 'project',
        target_id: a.project.id,
        ip: req.ip,
        details: { fields: Object.keys(req.body) },
      });
      return presentProject(row!, a.role);
    },
  );

  r.delete('/api/projects/:id', { schema: { tags: ['projects'], params: Id } }, async (req) => {
    const a = await projectAccess(ctx, req, req.params.id, 'manage');
    await ctx.projects.delete(a.project.id);
    await ctx.audit.append({
      actor_id: a.user.id,
      actor_name: a.user.username,
      action: 'project.delete',
      project_id: a.project.id,
      target_type: 'project',
      target_id: a.project.id,
      ip: req.ip,
      details: { tasks: a.project.task_count },
    });
    return { ok: true };
  });

  r.get(
    '/api/projects/:id/members',
    { schema: { tags: ['projects'], params: Id } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'read');
      return { items: await ctx.projects.members(a.project.id) };
    },
  );

  r.put(
    '/api/projects/:id/members/:userId',
    { schema: { tags: ['projects'], params: Member, body: Role } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const target = await ctx.users.byId(req.params.userId);
      if (!target) throw notFound('User');
      if (target.id === a.user.id && a.role !== 'admin' && req.body.role !== 'manager') {
        throw badRequest('You cannot lower your own role; ask another manager.');
      }
      const before = await ctx.projects.setRole(
        a.project.id,
        target.id,
        req.body.role,
        req.body.group,
      );
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'member.role_change',
        project_id: a.project.id,
        target_type: 'user',
        target_id: target.id,
        ip: req.ip,
        details: { from: before ?? null, to: req.body.role },
      });
      return {
        user_id: target.id,
        username: target.username,
        role: req.body.role,
        group: req.body.group ?? null,
      };
    },
  );

  r.delete(
    '/api/projects/:id/members/:userId',
    { schema: { tags: ['projects'], params: Member } },
    async (req) => {
      const a = await projectAccess(ctx, req, req.params.id, 'manage');
      const res = await ctx.projects.removeMember(a.project.id, req.params.userId);
      if (Number(res.numDeletedRows) === 0) throw notFound('Member');
      await ctx.audit.append({
        actor_id: a.user.id,
        actor_name: a.user.username,
        action: 'member.remove',
        project_id: a.project.id,
        target_type: 'user',
        target_id: req.params.userId,
        ip: req.ip,
      });
      return { ok: true };
    },
  );
}
