import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was, untyped */

/** SHA-256 of the empty string: the RFC 6962 root of the empty tree. */
const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * Compliance: the provenance ledger (dense leaf index, Merkle frontier, stored subtree hashes,
 * signed tree heads, the encrypted signing key) and PII findings. The ledger tables are
 * append-only on both dialects, like the audit log.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const pg = ctx.dialect === 'postgres';
  const ref = pg ? 'bigint' : 'integer';
  const id = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const serial = pg ? sql`bigserial` : 'integer';

  // Nothing wrote ledger_leaves before this migration; a row here would have no leaf index.
  const existing = await db
    .selectFrom('ledger_leaves')
    .select((e: any) => e.fn.countAll().as('n'))
    .executeTakeFirst();
  if (Number((existing as { n?: unknown } | undefined)?.n ?? 0) > 0)
    throw new Error('ledger_leaves holds rows from before the ledger existed; restore a backup.');

  // The leaf index is dense (0, 1, 2, …) even where the id sequence has gaps (PostgreSQL
  // sequences skip on rollback); proofs address leaves by it.
  await db.schema.alterTable('ledger_leaves').addColumn('leaf_index', ref).execute();
  await db.schema.alterTable('ledger_leaves').addColumn('subject', 'text').execute();
  await db.schema
    .createIndex('ledger_leaves_index')
    .on('ledger_leaves')
    .column('leaf_index')
    .unique()
    .execute();
  await db.schema
    .createIndex('ledger_leaves_subject')
    .on('ledger_leaves')
    .columns(['kind', 'subject'])
    .execute();

  // One row: the compact range (frontier) of the tree, so an append is O(log n).
  await db.schema
    .createTable('ledger_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', ref, (c) => c.notNull())
    .addColumn('frontier', 'text', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('ledger_state')
    .values({ id: 1, size: 0, frontier: '[]', root_hash: EMPTY_ROOT, updated_at: '' })
    .execute();

  // Every perfect subtree above the leaves (level >= 1), so proofs read O(log n) rows.
  await db.schema
    .createTable('ledger_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', ref, (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_nodes_pk', ['level', 'idx'])
    .execute();

  await db.schema
    .createTable('ledger_heads')
    .addColumn('id', serial, id)
    .addColumn('tree_size', ref, (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('timestamp', ref, (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_heads_size')
    .on('ledger_heads')
    .columns(['tree_size', 'id'])
    .execute();

  // The Ed25519 signing key, its private half sealed with AES-256-GCM under a key derived
  // from TESSERA_SECRET, so every instance of a PostgreSQL deployment signs with one key.
  await db.schema
    .createTable('ledger_keys')
    .addColumn('id', serial, id)
    .addColumn('key_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pii_findings')
    .addColumn('id', serial, id)
    .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('task_id', ref, (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('start_cp', 'integer', (c) => c.notNull())
    .addColumn('end_cp', 'integer', (c) => c.notNull())
    .addColumn('score', pg ? 'double precision' : 'real', (c) => c.notNull())
    .addColumn('preview', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pii_findings_project')
    .on('pii_findings')
    .columns(['project_id', 'id'])
    .execute();
  await db.schema
    .createIndex('pii_findings_task')
    .on('pii_findings')
    .columns(['task_id', 'id'])
    .execute();

  await appendOnly(db, pg, ['ledger_leaves', 'ledger_nodes', 'ledger_heads']);
}

/** No UPDATE or DELETE on the ledger tables (ledger_leaves gets its index at INSERT time). */
async function appendOnly(db: Kysely<any>, pg: boolean, tables: string[]): Promise<void> {
  if (pg) {
    await sql`CREATE FUNCTION tessera_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the ledger is append-only'; END $$`.execute(db);
  }
  for (const t of tables) {
    if (pg) {
      await sql`CREATE TRIGGER ${sql.raw(`${t}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(t)}
        FOR EACH ROW EXECUTE FUNCTION tessera_ledger_append_only()`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(`${t}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(t)}
        FOR EACH STATEMENT EXECUTE FUNCTION tessera_ledger_append_only()`.execute(db);
    } else {
      await sql`CREATE TRIGGER ${sql.raw(`${t}_no_update`)} BEFORE UPDATE ON ${sql.table(t)}
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(`${t}_no_delete`)} BEFORE DELETE ON ${sql.table(t)}
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const pg = ctx.dialect === 'postgres';
  // Dropping a table drops its triggers; ledger_leaves stays, so its triggers go by name.
  for (const t of ['pii_findings', 'ledger_keys', 'ledger_heads', 'ledger_nodes', 'ledger_state'])
    await db.schema.dropTable(t).execute();
  if (pg) {
    await sql`DROP TRIGGER IF EXISTS ledger_leaves_append_only ON ledger_leaves`.execute(db);
    await sql`DROP TRIGGER IF EXISTS ledger_leaves_no_truncate ON ledger_leaves`.execute(db);
    await sql`DROP FUNCTION IF EXISTS tessera_ledger_append_only()`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS ledger_leaves_no_update`.execute(db);
    await sql`DROP TRIGGER IF EXISTS ledger_leaves_no_delete`.execute(db);
  }
  await db.schema.dropIndex('ledger_leaves_subject').execute();
  await db.schema.dropIndex('ledger_leaves_index').execute();
  await db.schema.alterTable('ledger_leaves').dropColumn('subject').execute();
  await db.schema.alterTable('ledger_leaves').dropColumn('leaf_index').execute();
}
