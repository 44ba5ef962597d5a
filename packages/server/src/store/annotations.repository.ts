import type { Kysely, Selectable, Transaction } from 'kysely';
import { now } from './db.ts';
import type { AnnotationsTable, AnnotationStatus, Database } from './schema.ts';

export type AnnotationRow = Selectable<AnnotationsTable>;

export interface NewAnnotation {
  project_id: number;
  task_id: number;
  created_by: number;
  status: AnnotationStatus;
  regions: string;
  labels: string[];
  lead_time_ms: number | null;
  schema_version: number;
  idempotency_key: string | null;
}

/**
 * Annotations with their label index and the task counters they drive. Every write that touches
 * an annotation and its task happens in one transaction: a killed process leaves both or neither.
 */
export class AnnotationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  byId(projectId: number, id: number) {
    return this.db
      .selectFrom('annotations')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  forTask(projectId: number, taskId: number) {
    return this.db
      .selectFrom('annotations')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('task_id', '=', taskId)
      .orderBy('id')
      .execute();
  }

  byIdempotencyKey(taskId: number, userId: number, key: string) {
    return this.db
      .selectFrom('annotations')
      .selectAll()
      .where('task_id', '=', taskId)
      .where('created_by', '=', userId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** The user's live (not rejected) annotation on a task, if any. */
  activeOf(taskId: number, userId: number) {
    return this.db
      .selectFrom('annotations')
      .selectAll()
      .where('task_id', '=', taskId)
      .where('created_by', '=', userId)
      .where('status', '!=', 'rejected')
      .executeTakeFirst();
  }

  /** Inserts an annotation; a submitted one counts towards its task in the same transaction. */
  create(a: NewAnnotation, overlap: number) {
    return this.db.transaction().execute(async (tx) => {
      const ts = now();
      const { labels, ...cols } = a;
      const row = await tx
        .insertInto('annotations')
        .values({
          ...cols,
          origin: 'human',
          version: 1,
          guideline_version: null,
          created_at: ts,
          updated_at: ts,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeLabels(tx, row, labels);
      await touchTask(
        tx,
        a.project_id,
        a.task_id,
        a.created_by,
        a.status !== 'draft' ? 1 : 0,
        overlap,
      );
      return row;
    });
  }

  /**
   * Updates when `version` is still current; returns undefined when another write came first.
   * `submittedDelta` is 1 when this update turns a draft into a submission.
   */
  update(
    current: AnnotationRow,
    patch: {
      regions?: string;
      labels?: string[];
      status?: AnnotationStatus;
      lead_time_ms?: number | null;
    },
    expectedVersion: number,
    submittedDelta: number,
    overlap: number,
  ) {
    return this.db.transaction().execute(async (tx) => {
      const { labels, ...cols } = patch;
      const row = await tx
        .updateTable('annotations')
        .set({ ...cols, version: expectedVersion + 1, updated_at: now() })
        .where('id', '=', current.id)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      if (labels) {
        await tx.deleteFrom('annotation_labels').where('annotation_id', '=', row.id).execute();
        await writeLabels(tx, row, labels);
      }
      if (current.created_by !== null)
        await touchTask(
          tx,
          row.project_id,
          row.task_id,
          current.created_by,
          submittedDelta,
          overlap,
        );
      return row;
    });
  }

  /** Deletes an annotation and takes it off its task's counters. */
  delete(row: AnnotationRow, overlap: number) {
    return this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('annotation_labels').where('annotation_id', '=', row.id).execute();
      await tx.deleteFrom('annotations').where('id', '=', row.id).execute();
      if (row.status === 'draft') return;
      const task = await tx
        .selectFrom('tasks')
        .select(['annotation_count', 'status'])
        .where('id', '=', row.task_id)
        .executeTakeFirst();
      if (!task) return;
      const count = Math.max(0, task.annotation_count - 1);
      const wasDone = task.status === 'annotated';
      const status = count >= overlap ? task.status : count > 0 ? 'in_progress' : 'new';
      await tx
        .updateTable('tasks')
        .set({ annotation_count: count, status, updated_at: now() })
        .where('id', '=', row.task_id)
        .execute();
      if (wasDone && status !== 'annotated') {
        await tx
          .updateTable('projects')
          .set((e) => ({ annotated_count: e('annotated_count', '-', 1) }))
          .where('id', '=', row.project_id)
          .execute();
      }
    });
  }
}

async function writeLabels(tx: Transaction<Database>, row: AnnotationRow, labels: string[]) {
  if (labels.length === 0) return;
  await tx
    .insertInto('annotation_labels')
    .values(
      labels.map((label) => ({
        project_id: row.project_id,
        task_id: row.task_id,
        annotation_id: row.id,
        label,
      })),
    )
    .execute();
}

/** Moves the task along its lifecycle after an annotation write and releases the user's lease. */
async function touchTask(
  tx: Transaction<Database>,
  projectId: number,
  taskId: number,
  userId: number,
  submitted: number,
  overlap: number,
) {
  const task = await tx
    .selectFrom('tasks')
    .select(['annotation_count', 'status'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  const count = task.annotation_count + submitted;
  const open =
    task.status === 'new' || task.status === 'prelabeled' || task.status === 'in_progress';
  const status = !open ? task.status : count >= overlap ? 'annotated' : 'in_progress';
  await tx
    .updateTable('tasks')
    .set({ annotation_count: count, status, updated_at: now() })
    .where('id', '=', taskId)
    .execute();
  if (open && status === 'annotated') {
    await tx
      .updateTable('projects')
      .set((e) => ({ annotated_count: e('annotated_count', '+', 1) }))
      .where('id', '=', projectId)
      .execute();
  }
  if (submitted)
    await tx
      .deleteFrom('task_leases')
      .where('task_id', '=', taskId)
      .where('user_id', '=', userId)
      .execute();
}
