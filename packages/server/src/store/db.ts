import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { TesseraMigrations } from './migrations/index.ts';
import { SqliteWriter } from './sqlite-writer.ts';
import type { Database } from './schema.ts';

// PostgreSQL returns bigint ids as strings; ours stay far below 2^53, so read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** The open store: one Kysely instance plus the raw driver for the bulk paths. */
export type Store =
  | {
      dialect: 'sqlite';
      db: Kysely<Database>;
      sqlite: SQLite.Database;
      writer: SqliteWriter;
      close(): Promise<void>;
    }
  | { dialect: 'postgres'; db: Kysely<Database>; pool: pg.Pool; close(): Promise<void> };

export interface OpenStoreOptions {
  /** `postgres://…` for PostgreSQL; otherwise SQLite in `dataDir/tessera.db`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  poolSize?: number;
}

/**
 * Opens the store and brings its schema up to date.
 *
 * @example
 * const store = await openStore({ dataDir: '.tessera' });
 * const n = await store.db.selectFrom('projects').select((e) => e.fn.countAll().as('n')).executeTakeFirst();
 */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const store = opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10)
    : openSqlite(opts.dataDir);
  if (opts.migrate !== false) {
    try {
      await migrate(store);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(join(dataDir, 'tessera.db'));
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable against a killed process in WAL mode; only a power cut can lose the last commit.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('cache_size = -16384');
  sqlite.pragma('temp_store = MEMORY');
  // This connection serves the API on the event loop: it never checkpoints. The writer thread
  // does (see sqlite-writer.worker.mjs), after imports and when a timer finds the WAL > 16 MB.
  sqlite.pragma('wal_autocheckpoint = 0');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const writer = new SqliteWriter(join(dataDir, 'tessera.db'), 32768);
  writer.checkpointEvery(10_000, 16 * 1024 * 1024);
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    writer,
    close: async () => {
      await writer.close();
      await db.destroy();
    },
  };
}

function openPostgres(url: string, max: number): Store {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    db,
    pool,
    close: async () => {
      await db.destroy();
    },
  };
}

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: new TesseraMigrations({ dialect: store.dialect }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`,
    );
  }
}

/** The current time as stored: ISO-8601 UTC. */
export const now = (): string => new Date().toISOString();

/** True when `err` is a unique-constraint violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
