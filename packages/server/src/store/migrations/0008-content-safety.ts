import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was, untyped */

/**
 * Content-safety flags: one row per finding of a safety scan on a task, from the image
 * classifier (nsfwjs: a class at or above the project's threshold) or the text lexicon (a
 * configured term, with its code-point span).
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const pg = ctx.dialect === 'postgres';
  const ref = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('safety_flags')
    .addColumn('id', pg ? sql`bigserial` : 'integer', (c) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('task_id', ref, (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('term', 'text')
    .addColumn('severity', 'integer')
    .addColumn('start_cp', 'integer')
    .addColumn('end_cp', 'integer')
    .addColumn('score', pg ? 'double precision' : 'real', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('safety_flags_project')
    .on('safety_flags')
    .columns(['project_id', 'id'])
    .execute();
  await db.schema
    .createIndex('safety_flags_task')
    .on('safety_flags')
    .columns(['task_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('safety_flags').execute();
}
