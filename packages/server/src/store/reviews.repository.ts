import type { Kysely } from 'kysely';
import { now } from './db.ts';
import type { AnnotationRow } from './annotations.repository.ts';
import type { AnnotationStatus, Database, TaskStatus } from './schema.ts';

/** Review decisions and the status changes they cause, in one transaction each. */
export class ReviewsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  forTask(projectId: number, taskId: number) {
    return this.db
      .selectFrom('reviews as r')
      .innerJoin('annotations as a', 'a.id', 'r.annotation_id')
      .leftJoin('users as u', 'u.id', 'r.reviewer_id')
      .select([
        'r.id',
        'r.annotation_id',
        'r.reviewer_id',
        'u.username as reviewer',
        'r.decision',
        'r.reason',
        'r.created_at',
      ])
      .where('r.project_id', '=', projectId)
      .where('a.task_id', '=', taskId)
      .orderBy('r.id')
      .execute();
  }

  /**
   * Records a decision: the annotation's new status (and, for a fix, its new regions under
   * optimistic concurrency), the task's status and the review row, all or nothing. Returns
   * undefined when the annotation changed since the reviewer loaded it.
   */
  decide(
    annotation: AnnotationRow,
    d: {
      reviewerId: number;
      decision: 'accept' | 'reject' | 'fix';
      reason: string | null;
      regions?: string;
      labels?: string[];
      version: number;
    },
  ) {
    return this.db.transaction().execute(async (tx) => {
      const status: AnnotationStatus = d.decision === 'reject' ? 'rejected' : 'accepted';
      const row = await tx
        .updateTable('annotations')
        .set({
          status,
          version: d.version + 1,
          updated_at: now(),
          ...(d.regions ? { regions: d.regions } : {}),
        })
        .where('id', '=', annotation.id)
        .where('version', '=', d.version)
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      if (d.labels) {
        await tx.deleteFrom('annotation_labels').where('annotation_id', '=', row.id).execute();
        if (d.labels.length) {
          await tx
            .insertInto('annotation_labels')
            .values(
              d.labels.map((label) => ({
                project_id: row.project_id,
                task_id: row.task_id,
                annotation_id: row.id,
                label,
              })),
            )
            .execute();
        }
      }
      const taskStatus: TaskStatus = d.decision === 'reject' ? 'rejected' : 'accepted';
      await tx
        .updateTable('tasks')
        .set({ status: taskStatus, updated_at: now() })
        .where('id', '=', row.task_id)
        .execute();
      await tx
        .insertInto('reviews')
        .values({
          project_id: row.project_id,
          annotation_id: row.id,
          reviewer_id: d.reviewerId,
          decision: d.decision,
          reason: d.reason,
          regions_before: d.decision === 'fix' ? annotation.regions : null,
          created_at: now(),
        })
        .execute();
      return row;
    });
  }

  /** A reworked annotation goes back to the review queue. */
  reopenTask(taskId: number) {
    return this.db
      .updateTable('tasks')
      .set({ status: 'annotated', updated_at: now() })
      .where('id', '=', taskId)
      .where('status', '=', 'rejected')
      .execute();
  }
}
