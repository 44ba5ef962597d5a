import { sql, type Kysely, type Selectable } from 'kysely';
import { now } from './db.ts';
import type { Database, TaskStatus, TasksTable } from './schema.ts';

export type TaskRow = Selectable<TasksTable>;

/** Filters of the task list; all are optional and combine with AND. */
export interface TaskFilter {
  status?: TaskStatus | undefined;
  /** Tasks with a (non-draft) annotation by this user. */
  annotator?: number | undefined;
  /** Tasks with an annotation using this label. */
  label?: string | undefined;
  /** Keyset: tasks with a larger id. */
  afterId?: number | undefined;
  limit: number;
}

const LIST_COLUMNS = [
  'id',
  'project_id',
  'data',
  'meta',
  'provenance',
  'status',
  'difficulty',
  'priority',
  'annotation_count',
  'prediction_count',
  'created_at',
  'updated_at',
] as const;

/** Tasks: keyset-paged lists, lookups scoped by project, leases for "next task". */
export class TasksRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * One page in id order. Every filter is an indexed predicate (`tasks_project_status`,
   * `annotations_user_task`, `annotation_labels_lookup`), so a page costs the same at 1M tasks.
   */
  list(projectId: number, f: TaskFilter) {
    let q = this.db
      .selectFrom('tasks')
      .select(LIST_COLUMNS)
      .where('tasks.project_id', '=', projectId);
    if (f.status) q = q.where('tasks.status', '=', f.status);
    if (f.afterId !== undefined) q = q.where('tasks.id', '>', f.afterId);
    if (f.annotator !== undefined) {
      const uid = f.annotator;
      q = q.where((e) =>
        e.exists(
          e
            .selectFrom('annotations as a')
            .select(sql`1`.as('one'))
            .where('a.project_id', '=', projectId)
            .where('a.created_by', '=', uid)
            .whereRef('a.task_id', '=', 'tasks.id')
            .where('a.status', '!=', 'draft'),
        ),
      );
    }
    if (f.label !== undefined) {
      const label = f.label;
      q = q.where((e) =>
        e.exists(
          e
            .selectFrom('annotation_labels as l')
            .select(sql`1`.as('one'))
            .where('l.project_id', '=', projectId)
            .where('l.label', '=', label)
            .whereRef('l.task_id', '=', 'tasks.id'),
        ),
      );
    }
    return q.orderBy('tasks.id').limit(f.limit).execute();
  }

  byId(projectId: number, taskId: number) {
    return this.db
      .selectFrom('tasks')
      .select(LIST_COLUMNS)
      .where('project_id', '=', projectId)
      .where('id', '=', taskId)
      .executeTakeFirst();
  }

  /** Deletes tasks of this project only; returns how many went. */
  async delete(projectId: number, ids: number[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.transaction().execute(async (tx) => {
      const gone = await tx
        .selectFrom('tasks')
        .select(['id', 'annotation_count'])
        .where('project_id', '=', projectId)
        .where('id', 'in', ids)
        .execute();
      if (gone.length === 0) return 0;
      await tx
        .deleteFrom('annotation_labels')
        .where('project_id', '=', projectId)
        .where(
          'task_id',
          'in',
          gone.map((g) => g.id),
        )
        .execute();
      await tx
        .deleteFrom('tasks')
        .where('project_id', '=', projectId)
        .where(
          'id',
          'in',
          gone.map((g) => g.id),
        )
        .execute();
      const annotated = gone.filter((g) => g.annotation_count > 0).length;
      await tx
        .updateTable('projects')
        .set((e) => ({
          task_count: e('task_count', '-', gone.length),
          annotated_count: e('annotated_count', '-', annotated),
        }))
        .where('id', '=', projectId)
        .execute();
      return gone.length;
    });
  }

  /**
   * Leases the next task for a user: their own unexpired lease first, else the first open task
   * they have not annotated whose annotations plus other users' live leases are below the
   * overlap. On PostgreSQL the pick is `FOR UPDATE SKIP LOCKED`, so concurrent callers get
   * different tasks; on SQLite the transaction is serialised by the single writer.
   */
  async leaseNext(
    projectId: number,
    userId: number,
    overlap: number,
    leaseMs: number,
    dialect: 'sqlite' | 'postgres',
  ) {
    return this.db.transaction().execute(async (tx) => {
      const ts = now();
      const mine = await tx
        .selectFrom('task_leases as l')
        .innerJoin('tasks as t', 't.id', 'l.task_id')
        .select('t.id')
        .where('l.project_id', '=', projectId)
        .where('l.user_id', '=', userId)
        .where('l.skipped', '=', 0)
        .where('l.expires_at', '>', ts)
        .where('t.status', 'in', ['new', 'prelabeled', 'in_progress'])
        .where((e) =>
          e.not(
            e.exists(
              e
                .selectFrom('annotations as a')
                .select(sql`1`.as('one'))
                .whereRef('a.task_id', '=', 't.id')
                .where('a.created_by', '=', userId)
                .where('a.status', '!=', 'draft'),
            ),
          ),
        )
        .orderBy('t.id')
        .limit(1)
        .executeTakeFirst();
      let taskId = mine?.id;
      /** How many others hold the task: submissions plus other users' live leases. */
      const taken = sql<number>`t.annotation_count + (SELECT count(*) FROM task_leases l WHERE l.task_id = t.id AND l.user_id <> ${userId} AND l.skipped = 0 AND l.expires_at > ${ts})`;
      // Tasks picked on PostgreSQL whose overlap another caller filled meanwhile (below).
      const full: number[] = [];
      // Prioritised tasks first (priority > 0: the partial index `tasks_project_priority`),
      // then the rest in id order; priorities are never negative, so this is the order
      // "priority descending, then id" without an index entry for every unprioritised task.
      for (const prioritised of [true, false]) {
        if (taskId !== undefined) break;
        const q = tx
          .selectFrom('tasks as t')
          .select('t.id')
          .where('t.project_id', '=', projectId)
          .where('t.status', 'in', ['new', 'prelabeled', 'in_progress'])
          .where((e) =>
            e.not(
              e.exists(
                e
                  .selectFrom('annotations as a')
                  .select(sql`1`.as('one'))
                  .whereRef('a.task_id', '=', 't.id')
                  .where('a.created_by', '=', userId),
              ),
            ),
          )
          .where((e) =>
            e.not(
              e.exists(
                e
                  .selectFrom('task_leases as s')
                  .select(sql`1`.as('one'))
                  .whereRef('s.task_id', '=', 't.id')
                  .where('s.user_id', '=', userId)
                  .where('s.skipped', '=', 1),
              ),
            ),
          )
          .where(taken, '<', overlap)
          .where(prioritised ? sql<boolean>`t.priority > 0` : sql<boolean>`t.priority = 0`)
          .orderBy('t.priority', 'desc')
          .orderBy('t.id')
          .limit(1);
        if (dialect === 'sqlite') {
          taskId = (await q.executeTakeFirst())?.id;
          continue;
        }
        // FOR UPDATE SKIP LOCKED: concurrent callers pass over a task another is leasing. But a
        // caller that locks it just after that one committed still counts leases as of its own
        // statement's start, without the new lease; so the count is read again, now that this
        // transaction holds the task, and a task found full is passed over.
        for (let tries = 0; taskId === undefined && tries < 20; tries++) {
          const picked = (
            await (full.length > 0 ? q.where('t.id', 'not in', full) : q)
              .forUpdate()
              .skipLocked()
              .executeTakeFirst()
          )?.id;
          if (picked === undefined) break;
          const held = await tx
            .selectFrom('tasks as t')
            .select(taken.as('n'))
            .where('t.id', '=', picked)
            .executeTakeFirstOrThrow();
          if (Number(held.n) < overlap) taskId = picked;
          else full.push(picked);
        }
      }
      if (taskId === undefined) return undefined;
      const expires = new Date(Date.now() + leaseMs).toISOString();
      await tx
        .deleteFrom('task_leases')
        .where('task_id', '=', taskId)
        .where('user_id', '=', userId)
        .execute();
      await tx
        .insertInto('task_leases')
        .values({
          task_id: taskId,
          user_id: userId,
          project_id: projectId,
          expires_at: expires,
          skipped: 0,
        })
        .execute();
      return taskId;
    });
  }

  /** Marks a task skipped by a user: their lease ends and the queue will not offer it again. */
  skip(projectId: number, taskId: number, userId: number) {
    return this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('task_leases')
        .where('task_id', '=', taskId)
        .where('user_id', '=', userId)
        .execute();
      await tx
        .insertInto('task_leases')
        .values({
          task_id: taskId,
          user_id: userId,
          project_id: projectId,
          expires_at: now(),
          skipped: 1,
        })
        .execute();
    });
  }
}
