import type { Kysely, Selectable } from 'kysely';
import { now } from './db.ts';
import type { Database, ProjectRole, ProjectsTable } from './schema.ts';

export type ProjectRow = Selectable<ProjectsTable>;

/** Projects and their members. */
export class ProjectsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  byId(id: number) {
    return this.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Projects the user is a member of (all of them for an admin), with the user's role. */
  listFor(userId: number, isAdmin: boolean) {
    let q = this.db
      .selectFrom('projects')
      .leftJoin('project_members as m', (j) =>
        j.onRef('m.project_id', '=', 'projects.id').on('m.user_id', '=', userId),
      )
      .selectAll('projects')
      .select('m.role')
      .orderBy('projects.id', 'desc');
    if (!isAdmin) q = q.where('m.user_id', '=', userId);
    return q.execute();
  }

  async create(p: {
    name: string;
    description: string;
    schema: string;
    settings: string;
    created_by: number;
  }) {
    const ts = now();
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('projects')
        .values({
          ...p,
          schema_version: 1,
          created_at: ts,
          updated_at: ts,
          task_count: 0,
          annotated_count: 0,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('project_members')
        .values({ project_id: row.id, user_id: p.created_by, role: 'manager', created_at: ts })
        .execute();
      return row;
    });
  }

  update(
    id: number,
    patch: Partial<
      Pick<ProjectRow, 'name' | 'description' | 'schema' | 'schema_version' | 'settings'>
    >,
  ) {
    return this.db
      .updateTable('projects')
      .set({ ...patch, updated_at: now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Deletes the project and everything in it. Its tasks are deleted here, not by a cascade: on
   * PostgreSQL `tasks.project_id` is no foreign key (migration 0011). The project's row goes
   * first, so an import batch still writing waits for this to end and then finds its project
   * gone, and the tasks are read after any batch that got in before has committed.
   */
  delete(id: number) {
    return this.db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('projects').where('id', '=', id).executeTakeFirst();
      await trx.deleteFrom('tasks').where('project_id', '=', id).execute();
      return res;
    });
  }

  role(projectId: number, userId: number) {
    return this.db
      .selectFrom('project_members')
      .select('role')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
      .then((r) => r?.role);
  }

  members(projectId: number) {
    return this.db
      .selectFrom('project_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select([
        'm.user_id',
        'u.username',
        'u.name',
        'm.role',
        'm.group_name as group',
        'm.created_at',
      ])
      .where('m.project_id', '=', projectId)
      .orderBy('m.user_id')
      .execute();
  }

  /** Sets a member's role (and group, when given); returns the role before. */
  async setRole(projectId: number, userId: number, role: ProjectRole, group?: string | null) {
    const existing = await this.role(projectId, userId);
    const g = group === undefined ? {} : { group_name: group };
    if (existing) {
      await this.db
        .updateTable('project_members')
        .set({ role, ...g })
        .where('project_id', '=', projectId)
        .where('user_id', '=', userId)
        .execute();
    } else {
      await this.db
        .insertInto('project_members')
        .values({ project_id: projectId, user_id: userId, role, ...g, created_at: now() })
        .execute();
    }
    return existing;
  }

  removeMember(projectId: number, userId: number) {
    return this.db
      .deleteFrom('project_members')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }
}
