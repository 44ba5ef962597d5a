import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/**
 * What the bias report reads: task meta, and consensus and human choice annotations.
 * @example await new BiasRepository(db).taskPage(projectId, 0, 2000)
 */
export class BiasRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** One keyset page of a project's tasks with their meta. */
  taskPage(projectId: number, afterId: number, limit: number) {
    return this.db
      .selectFrom('tasks')
      .select(['id', 'meta'])
      .where('project_id', '=', projectId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Consensus and submitted/accepted human annotations of tasks [fromId, toId]. */
  annotations(projectId: number, fromId: number, toId: number) {
    return this.db
      .selectFrom('annotations')
      .select(['id', 'task_id', 'created_by', 'origin', 'status', 'regions'])
      .where('project_id', '=', projectId)
      .where('task_id', '>=', fromId)
      .where('task_id', '<=', toId)
      .where((e) =>
        e.or([
          e('origin', '=', 'consensus'),
          e.and([e('origin', '=', 'human'), e('status', 'in', ['submitted', 'accepted'])]),
        ]),
      )
      .orderBy('id')
      .execute();
  }

  usernames(ids: number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute();
  }
}
