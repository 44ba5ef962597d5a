import type { Kysely } from 'kysely';
import { now } from '../store/db.ts';
import type { ComplianceTables } from '../store/compliance.schema.ts';
import type { Database } from '../store/schema.ts';

type Db = Database & ComplianceTables;

/** A finding row to store (no raw text: a masked preview only). */
export interface NewFinding {
  project_id: number;
  task_id: number;
  path: string;
  entity: string;
  start_cp: number;
  end_cp: number;
  score: number;
  preview: string;
}

/**
 * PII findings of project scans and the task pages a scan reads.
 * @example await new PiiRepository(db).list(projectId, { limit: 100 })
 */
export class PiiRepository {
  private readonly db: Kysely<Db>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<ComplianceTables>();
  }

  /** One keyset page of a project's tasks, id order. */
  taskPage(projectId: number, afterId: number, limit: number) {
    return this.db
      .selectFrom('tasks')
      .select(['id', 'data'])
      .where('project_id', '=', projectId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  clear(projectId: number) {
    return this.db.deleteFrom('pii_findings').where('project_id', '=', projectId).execute();
  }

  async add(rows: NewFinding[]): Promise<void> {
    const ts = now();
    for (let i = 0; i < rows.length; i += 1000)
      await this.db
        .insertInto('pii_findings')
        .values(rows.slice(i, i + 1000).map((r) => ({ ...r, created_at: ts })))
        .execute();
  }

  list(
    projectId: number,
    f: {
      entity?: string | undefined;
      taskId?: number | undefined;
      before?: number | undefined;
      limit: number;
    },
  ) {
    let q = this.db
      .selectFrom('pii_findings')
      .select([
        'id',
        'task_id',
        'path',
        'entity',
        'start_cp',
        'end_cp',
        'score',
        'preview',
        'created_at',
      ])
      .where('project_id', '=', projectId)
      .orderBy('id', 'desc')
      .limit(f.limit);
    if (f.entity) q = q.where('entity', '=', f.entity);
    if (f.taskId !== undefined) q = q.where('task_id', '=', f.taskId);
    if (f.before !== undefined) q = q.where('id', '<', f.before);
    return q.execute();
  }

  counts(projectId: number) {
    return this.db
      .selectFrom('pii_findings')
      .select(['entity', (e) => e.fn.countAll<number>().as('n')])
      .where('project_id', '=', projectId)
      .groupBy('entity')
      .orderBy('entity')
      .execute();
  }
}
