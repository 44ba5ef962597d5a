import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was, untyped */

/**
 * Pre-labeling: the model registry (per project), learning-curve points, A/B experiments, and
 * an index that lets "next task" read tasks in priority order (active learning sets it).
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const pg = ctx.dialect === 'postgres';
  const ref = pg ? 'bigint' : 'integer';
  const real = pg ? 'double precision' : 'real';
  const table = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', pg ? sql`bigserial` : 'integer', (c) =>
        pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
      );

  await table('models')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('controls', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('secret_sealed', 'text')
    .addColumn('state', 'text')
    .addColumn('state_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('labels_trained', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('trained_at', 'text')
    .execute();
  await db.schema
    .createIndex('models_project_name')
    .on('models')
    .columns(['project_id', 'name'])
    .unique()
    .execute();

  await table('model_metrics')
    .addColumn('model_id', ref, (c) => c.notNull().references('models.id').onDelete('cascade'))
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('labels', 'integer', (c) => c.notNull())
    .addColumn('accuracy', real, (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('eval_size', 'integer', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('model_metrics_model')
    .on('model_metrics')
    .columns(['model_id', 'id'])
    .execute();

  await table('experiments')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('share_b', real, (c) => c.notNull().defaultTo(0.5))
    .addColumn('model_id', ref, (c) => c.references('models.id').onDelete('set null'))
    .addColumn('control', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('running'))
    .addColumn('created_by', ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('stopped_at', 'text')
    .execute();
  await db.schema
    .createIndex('experiments_project')
    .on('experiments')
    .columns(['project_id', 'id'])
    .execute();

  // "Next task" orders open tasks by priority; with active learning the order matters.
  await db.schema
    .createIndex('tasks_project_priority')
    .on('tasks')
    .columns(['project_id', 'priority desc', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_project_priority').execute();
  for (const t of ['experiments', 'model_metrics', 'models'])
    await db.schema.dropTable(t).execute();
}
