import type { FastifyRequest } from 'fastify';
import { parseLabelingSchema, type LabelingSchema } from '@tessera/core/format';
import { requireUser } from '../auth/plugin.ts';
import type { AppContext } from '../context.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import type { ProjectRow } from '../store/projects.repository.ts';
import type { ProjectRole } from '../store/schema.ts';
import type { UserRow } from '../store/users.repository.ts';

/** What a request wants to do in a project. */
export type Need = 'read' | 'annotate' | 'review' | 'manage';

const ALLOWED: Record<Need, ProjectRole[]> = {
  read: ['manager', 'annotator', 'reviewer'],
  annotate: ['manager', 'annotator', 'reviewer'],
  review: ['manager', 'reviewer'],
  manage: ['manager'],
};

/** A project the user may act on, with their role and its parsed schema. */
export interface ProjectAccess {
  user: UserRow;
  project: ProjectRow;
  role: ProjectRole | 'admin';
  schema: LabelingSchema;
  settings: ProjectSettings;
}

export interface ProjectSettings {
  /** How many annotators each task wants. */
  overlap: number;
  /** How long a "next task" lease lasts. */
  lease_minutes: number;
}

export const DEFAULT_SETTINGS: ProjectSettings = { overlap: 1, lease_minutes: 30 };

/**
 * Object-level authorisation: a project the user is not a member of does not exist for them
 * (404, so ids of other projects reveal nothing); a member without the needed role gets 403.
 */
export async function projectAccess(
  ctx: AppContext,
  req: FastifyRequest,
  projectId: number,
  need: Need,
): Promise<ProjectAccess> {
  const user = requireUser(req);
  const project = await ctx.projects.byId(projectId);
  if (!project) throw notFound('Project');
  let role: ProjectRole | 'admin';
  if (user.is_admin === 1) role = 'admin';
  else {
    const r = await ctx.projects.role(projectId, user.id);
    if (!r) throw notFound('Project');
    role = r;
    if (!ALLOWED[need].includes(r)) {
      await ctx.audit.append({
        actor_id: user.id,
        actor_name: user.username,
        action: `access.${need}`,
        project_id: projectId,
        result: 'denied',
        ip: req.ip,
      });
      throw forbidden(
        `Your role in this project (${r}) may not ${need === 'manage' ? 'manage it' : need}.`,
      );
    }
  }
  const schema = parseLabelingSchema(JSON.parse(project.schema));
  if (!schema.ok)
    throw new AppError(500, 'schema_corrupt', 'The stored project schema is invalid.');
  return {
    user,
    project,
    role,
    schema: schema.value,
    settings: {
      ...DEFAULT_SETTINGS,
      ...(JSON.parse(project.settings) as Partial<ProjectSettings>),
    },
  };
}
