import type { Insertable, Kysely } from 'kysely';
import { now } from '../store/db.ts';
import type { SafetyFlagsTable, SafetyTables } from '../store/safety.schema.ts';
import type { Database } from '../store/schema.ts';

type Db = Database & SafetyTables;

/** A flag to store (created_at is set here). */
export type NewSafetyFlag = Omit<Insertable<SafetyFlagsTable>, 'created_at' | 'id'>;

/** Filters of {@link SafetyRepository.list}. */
export interface SafetyFilter {
  taskId?: number | undefined;
  source?: 'image' | 'text' | undefined;
  category?: string | undefined;
  before?: number | undefined;
  limit: number;
}

/**
 * Content-safety flags of project scans, and the task pages a scan reads.
 * @example await new SafetyRepository(db).list(projectId, { limit: 100 })
 */
export class SafetyRepository {
  private readonly db: Kysely<Db>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<SafetyTables>();
  }

  /** One keyset page of a project's tasks in id order (or of `ids` only). */
  taskPage(projectId: number, afterId: number, limit: number, ids?: readonly number[]) {
    let q = this.db
      .selectFrom('tasks')
      .select(['id', 'data'])
      .where('project_id', '=', projectId)
      .where('id', '>', afterId);
    if (ids) q = q.where('id', 'in', ids.length ? [...ids] : [-1]);
    return q.orderBy('id').limit(limit).execute();
  }

  /** Replaces the flags of these tasks with `rows`, in one transaction. */
  async replace(projectId: number, taskIds: readonly number[], rows: NewSafetyFlag[]) {
    if (taskIds.length === 0) return;
    const ts = now();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('safety_flags')
        .where('project_id', '=', projectId)
        .where('task_id', 'in', [...taskIds])
        .execute();
      for (let i = 0; i < rows.length; i += 500)
        await tx
          .insertInto('safety_flags')
          .values(rows.slice(i, i + 500).map((r) => ({ ...r, created_at: ts })))
          .execute();
    });
  }

  list(projectId: number, f: SafetyFilter) {
    let q = this.db
      .selectFrom('safety_flags')
      .select([
        'id',
        'task_id',
        'source',
        'path',
        'category',
        'term',
        'severity',
        'start_cp',
        'end_cp',
        'score',
        'model',
        'created_at',
      ])
      .where('project_id', '=', projectId)
      .orderBy('id', 'desc')
      .limit(f.limit);
    if (f.taskId !== undefined) q = q.where('task_id', '=', f.taskId);
    if (f.source) q = q.where('source', '=', f.source);
    if (f.category) q = q.where('category', '=', f.category);
    if (f.before !== undefined) q = q.where('id', '<', f.before);
    return q.execute();
  }

  /** Flags and flagged tasks per source and category. */
  counts(projectId: number) {
    return this.db
      .selectFrom('safety_flags')
      .select([
        'source',
        'category',
        (e) => e.fn.countAll<number>().as('flags'),
        (e) => e.fn.count<number>('task_id').distinct().as('tasks'),
      ])
      .where('project_id', '=', projectId)
      .groupBy(['source', 'category'])
      .orderBy('source')
      .orderBy('category')
      .execute();
  }
}
