import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was, untyped */

/**
 * Exports read a project's annotations a page of tasks at a time
 * (`project_id = ? AND task_id BETWEEN ? AND ?`). Without an index on that pair the planner
 * took `annotations_user_task` for `project_id` alone and read every annotation of the project
 * for every page, so a million-image COCO export slowed as it went (bench/README.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('annotations_project_task')
    .on('annotations')
    .columns(['project_id', 'task_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('annotations_project_task').execute();
}
