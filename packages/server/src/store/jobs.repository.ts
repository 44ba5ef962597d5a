import { sql, type Kysely } from 'kysely';
import { now } from './db.ts';
import type { Database, JobStatus } from './schema.ts';

/** The durable job table: any server or worker process may claim a queued job. */
export class JobsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  enqueue(j: {
    project_id: number | null;
    kind: string;
    params: unknown;
    created_by: number | null;
  }) {
    const ts = now();
    return this.db
      .insertInto('jobs')
      .values({
        ...j,
        params: JSON.stringify(j.params),
        status: 'queued',
        progress: 0,
        attempts: 0,
        created_at: ts,
        updated_at: ts,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  byId(projectId: number, id: number) {
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** A project's newest jobs of the given kinds, newest first (the pre-label job list). */
  recent(projectId: number, kinds: string[], limit: number) {
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('kind', 'in', kinds)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * Claims the oldest queued job, or one whose worker's lock ran out (a crashed process).
   * PostgreSQL uses `FOR UPDATE SKIP LOCKED`, so two workers never take the same job.
   */
  claim(workerId: string, kinds: string[], lockMs: number) {
    return this.db.transaction().execute(async (tx) => {
      const ts = now();
      let q = tx
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', kinds)
        .where((e) =>
          e.or([
            e('status', '=', 'queued'),
            e.and([e('status', '=', 'running'), e('locked_until', '<', ts)]),
          ]),
        )
        .orderBy('id')
        .limit(1);
      if (this.dialect === 'postgres') q = q.forUpdate().skipLocked();
      const row = await q.executeTakeFirst();
      if (!row) return undefined;
      return tx
        .updateTable('jobs')
        .set({
          status: 'running',
          locked_by: workerId,
          locked_until: new Date(Date.now() + lockMs).toISOString(),
          attempts: sql<number>`attempts + 1`,
          updated_at: ts,
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirst();
    });
  }

  /** Records progress and extends the lock; returns the job's status (to see a cancel). */
  async heartbeat(id: number, progress: number, lockMs: number): Promise<JobStatus | undefined> {
    const row = await this.db
      .updateTable('jobs')
      .set({
        progress,
        locked_until: new Date(Date.now() + lockMs).toISOString(),
        updated_at: now(),
      })
      .where('id', '=', id)
      .returning('status')
      .executeTakeFirst();
    return row?.status;
  }

  /** Saves a resumable job's progress marker. */
  checkpoint(id: number, data: unknown) {
    return this.db
      .updateTable('jobs')
      .set({ checkpoint: JSON.stringify(data) })
      .where('id', '=', id)
      .execute()
      .then(() => undefined);
  }

  finish(
    id: number,
    status: 'done' | 'failed' | 'cancelled',
    result: unknown,
    error: string | null,
  ) {
    return this.db
      .updateTable('jobs')
      .set({
        status,
        result: result === undefined ? null : JSON.stringify(result),
        error,
        progress: status === 'done' ? 1 : undefined,
        locked_by: null,
        locked_until: null,
        updated_at: now(),
      })
      .where('id', '=', id)
      .execute();
  }

  cancel(projectId: number, id: number) {
    return this.db
      .updateTable('jobs')
      .set({ status: 'cancelled', updated_at: now() })
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
  }
}
