import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was, untyped */

/** Dataset versions become files in storage with a summary; jobs can keep a resume checkpoint. */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('dataset_versions').addColumn('storage_key', 'text').execute();
  await db.schema.alterTable('dataset_versions').addColumn('task_count', 'integer').execute();
  await db.schema.alterTable('dataset_versions').addColumn('annotation_count', 'integer').execute();
  await db.schema.alterTable('dataset_versions').addColumn('schema_version', 'integer').execute();
  await db.schema
    .createIndex('dataset_versions_project')
    .on('dataset_versions')
    .columns(['project_id', 'id'])
    .execute();
  await db.schema.alterTable('jobs').addColumn('checkpoint', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('0005 cannot be reverted: restore a backup instead.');
}
