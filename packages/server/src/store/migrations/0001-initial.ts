import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was, untyped */

/** The first schema: every table in DESIGN.md, the hot-path indexes and the append-only audit log. */
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

  await table('users')
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await table('api_tokens')
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await table('projects')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('schema', 'text', (c) => c.notNull())
    .addColumn('schema_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('task_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('annotated_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('project_members')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
    .execute();
  await db.schema.createIndex('members_user').on('project_members').column('user_id').execute();

  await table('imports')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('on_error', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('records_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  // Tasks carry no foreign key to imports: an import row may be pruned without touching data.
  await table('tasks')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('meta', 'text')
    .addColumn('provenance', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('hash_key', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('difficulty', real)
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('annotation_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('prediction_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('import_id', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The content hash makes a re-run import skip what is already stored. The index holds only a
  // 52-bit prefix of it (hash_key): an integer key keeps the index a third of the size of a text
  // one, which is what bulk insert speed at a million tasks depends on; the full hash is compared
  // on the rare prefix match.
  await db.schema
    .createIndex('tasks_project_hash')
    .on('tasks')
    .columns(['project_id', 'hash_key'])
    .execute();
  await db.schema
    .createIndex('tasks_project_id')
    .on('tasks')
    .columns(['project_id', 'id'])
    .execute();
  await db.schema
    .createIndex('tasks_project_status')
    .on('tasks')
    .columns(['project_id', 'status', 'id'])
    .execute();

  await db.schema
    .createTable('task_leases')
    .addColumn('task_id', ref, (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('project_id', ref, (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_leases_pk', ['task_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('task_leases_user')
    .on('task_leases')
    .columns(['project_id', 'user_id'])
    .execute();

  await table('assets')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('licence', 'text')
    .addColumn('source', 'text')
    .addColumn('pii_flags', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assets_project_sha')
    .on('assets')
    .columns(['project_id', 'sha256'])
    .execute();

  await table('predictions')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('task_id', ref, (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('score', real)
    .addColumn('regions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('predictions_task').on('predictions').column('task_id').execute();

  await table('annotations')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('task_id', ref, (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('created_by', ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('human'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('regions', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('lead_time_ms', 'integer')
    .addColumn('schema_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('guideline_version', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annotations_task').on('annotations').column('task_id').execute();
  await db.schema
    .createIndex('annotations_user_task')
    .on('annotations')
    .columns(['project_id', 'created_by', 'task_id'])
    .execute();
  await db.schema
    .createIndex('annotations_idempotency')
    .on('annotations')
    .columns(['task_id', 'created_by', 'idempotency_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('annotation_labels')
    .addColumn('project_id', ref, (c) => c.notNull())
    .addColumn('task_id', ref, (c) => c.notNull())
    .addColumn('annotation_id', ref, (c) =>
      c.notNull().references('annotations.id').onDelete('cascade'),
    )
    .addColumn('label', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('annotation_labels_lookup')
    .on('annotation_labels')
    .columns(['project_id', 'label', 'task_id'])
    .execute();
  await db.schema
    .createIndex('annotation_labels_annotation')
    .on('annotation_labels')
    .column('annotation_id')
    .execute();

  await table('reviews')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('annotation_id', ref, (c) =>
      c.notNull().references('annotations.id').onDelete('cascade'),
    )
    .addColumn('reviewer_id', ref, (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reviews_annotation').on('reviews').column('annotation_id').execute();

  await table('qc_findings')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('task_id', ref)
    .addColumn('annotation_id', ref)
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('path', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('qc_findings_project')
    .on('qc_findings')
    .columns(['project_id', 'id'])
    .execute();

  await db.schema
    .createTable('annotator_stats')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', ref, (c) => c.notNull())
    .addColumn('control', 'text', (c) => c.notNull())
    .addColumn('stats', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('annotator_stats_pk', ['project_id', 'user_id', 'control'])
    .execute();

  await table('dataset_versions')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table('ledger_leaves')
    .addColumn('project_id', ref)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table('jobs')
    .addColumn('project_id', ref, (c) => c.references('projects.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('progress', real, (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_claim').on('jobs').columns(['status', 'id']).execute();

  await table('audit_log')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', ref)
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('project_id', ref)
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema
    .createIndex('audit_action_target')
    .on('audit_log')
    .columns(['action', 'target_id', 'at'])
    .execute();
  await db.schema
    .createIndex('audit_project')
    .on('audit_log')
    .columns(['project_id', 'id'])
    .execute();
  await appendOnly(db, pg);

  await table('webhooks')
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

/** Triggers that make the audit log append-only on both dialects: no UPDATE, no DELETE. */
async function appendOnly(db: Kysely<any>, pg: boolean): Promise<void> {
  if (pg) {
    await sql`CREATE FUNCTION tessera_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION tessera_audit_append_only()`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION tessera_audit_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The initial migration cannot be reverted: restore a backup instead.');
}
