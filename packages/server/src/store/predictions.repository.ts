import type { Kysely } from 'kysely';
import { now } from './db.ts';
import type { Database } from './schema.ts';

/** Model predictions (pre-labels) of tasks. */
export class PredictionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  forTask(projectId: number, taskId: number) {
    return this.db
      .selectFrom('predictions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('task_id', '=', taskId)
      .orderBy('id')
      .execute();
  }

  byId(projectId: number, id: number) {
    return this.db
      .selectFrom('predictions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Stores a prediction and marks a still-new task as pre-labeled. */
  create(p: {
    project_id: number;
    task_id: number;
    model: string;
    model_version: string;
    score: number | null;
    regions: string;
  }) {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('predictions')
        .values({ ...p, created_at: now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('tasks')
        .set((e) => ({ prediction_count: e('prediction_count', '+', 1), updated_at: now() }))
        .where('id', '=', p.task_id)
        .execute();
      await tx
        .updateTable('tasks')
        .set({ status: 'prelabeled' })
        .where('id', '=', p.task_id)
        .where('status', '=', 'new')
        .execute();
      return row;
    });
  }

  delete(projectId: number, id: number) {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .deleteFrom('predictions')
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .returning('task_id')
        .executeTakeFirst();
      if (row) {
        await tx
          .updateTable('tasks')
          .set((e) => ({ prediction_count: e('prediction_count', '-', 1) }))
          .where('id', '=', row.task_id)
          .execute();
      }
      return row !== undefined;
    });
  }
}
