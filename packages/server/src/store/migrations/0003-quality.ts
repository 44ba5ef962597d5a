import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was, untyped */

/** Quality control: gold answers, truth-inference state, acceptance samples, annotator groups. */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const pg = ctx.dialect === 'postgres';
  const ref = pg ? 'bigint' : 'integer';
  await db.schema.alterTable('project_members').addColumn('group_name', 'text').execute();

  await db.schema
    .createTable('gold_answers')
    .addColumn('task_id', ref, (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('regions', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('gold_answers_project')
    .on('gold_answers')
    .column('project_id')
    .execute();

  await db.schema
    .createTable('qc_state')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('control', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('qc_state_pk', ['project_id', 'control'])
    .execute();

  await db.schema
    .createTable('qc_samples')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('batch_size', 'integer', (c) => c.notNull())
    .addColumn('status_filter', 'text')
    .addColumn('created_by', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('qc_sample_items')
    .addColumn('sample_id', ref, (c) => c.notNull().references('qc_samples.id').onDelete('cascade'))
    .addColumn('task_id', ref, (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('note', 'text')
    .addColumn('judged_by', ref)
    .addColumn('judged_at', 'text')
    .addPrimaryKeyConstraint('qc_sample_items_pk', ['sample_id', 'task_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['qc_sample_items', 'qc_samples', 'qc_state', 'gold_answers'])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable('project_members').dropColumn('group_name').execute();
}
