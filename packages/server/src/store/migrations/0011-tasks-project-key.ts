import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was, untyped */

/**
 * On PostgreSQL, `tasks.project_id` stops being a foreign key. Its check is a trigger query per
 * inserted row, about 4 µs of the ~18 µs PostgreSQL spends on a row of a bulk import
 * (bench/README.md). What the key guaranteed is kept by the two places that need it: deleting a
 * project deletes its tasks in the same transaction (projects.repository.ts), and every import
 * batch updates its project's row in its own transaction and rolls back when the row is gone
 * (task-bulk.repository.ts), the only path that inserts tasks. SQLite keeps the key: there its
 * check costs nothing measurable, and dropping it would mean rebuilding the table.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  const { rows } = await sql<{ name: string }>`
    SELECT conname AS name FROM pg_constraint
    WHERE conrelid = 'tasks'::regclass AND confrelid = 'projects'::regclass AND contype = 'f'`.execute(
    db,
  );
  for (const { name } of rows)
    await sql`ALTER TABLE tasks DROP CONSTRAINT ${sql.id(name)}`.execute(db);
}

export async function down(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  await sql`DELETE FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = t.project_id)`.execute(
    db,
  );
  await sql`ALTER TABLE tasks ADD CONSTRAINT tasks_project_id_fkey
    FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE`.execute(db);
}
