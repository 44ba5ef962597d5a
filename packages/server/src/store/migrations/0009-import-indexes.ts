import { sql, type Kysely } from 'kysely';
import { probeKey } from '../../import/records.ts';
import type { MigrationContext } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was, untyped */

/**
 * Two index changes that make a bulk import cheaper per task (figures in bench/README.md):
 *
 * - `(project_id, hash_key)` becomes UNIQUE, so an import inserts with
 *   `ON CONFLICT (project_id, hash_key) DO NOTHING` in one index descent instead of probing the
 *   index first and inserting after. A prefix already taken by different content moves the new
 *   task to its next probe key (`probeKey`); rows that already collide are re-keyed here.
 * - The queue-priority index holds only tasks with a priority (`priority > 0`; active learning
 *   sets them, never below 0), so importing tasks, which start at 0, does not touch it. "Next
 *   task" reads that index first and then the unprioritised tasks in id order.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const pg = ctx.dialect === 'postgres';
  const groups = await sql<{ project_id: number; hash_key: number | string }>`
    SELECT project_id, hash_key FROM tasks GROUP BY project_id, hash_key HAVING count(*) > 1`.execute(
    db,
  );
  for (const g of groups.rows) {
    const rows = await db
      .selectFrom('tasks')
      .select(['id', 'content_hash'])
      .where('project_id', '=', g.project_id)
      .where('hash_key', '=', g.hash_key)
      .orderBy('id')
      .execute();
    for (const r of rows.slice(1)) {
      for (let attempt = 1; ; attempt++) {
        const key = probeKey(r.content_hash as string, attempt);
        const taken = await db
          .selectFrom('tasks')
          .select('id')
          .where('project_id', '=', g.project_id)
          .where('hash_key', '=', key)
          .executeTakeFirst();
        if (taken) continue;
        await db.updateTable('tasks').set({ hash_key: key }).where('id', '=', r.id).execute();
        break;
      }
    }
  }
  await db.schema.dropIndex('tasks_project_hash').execute();
  await db.schema
    .createIndex('tasks_project_hash_key')
    .unique()
    .on('tasks')
    .columns(['project_id', 'hash_key'])
    .execute();
  await db.schema.dropIndex('tasks_project_priority').execute();
  await db.schema
    .createIndex('tasks_project_priority')
    .on('tasks')
    .columns(['project_id', 'priority desc', 'id'])
    .where(sql.ref('priority'), '>', 0)
    .execute();
  if (pg) await sql`ANALYZE tasks`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_project_priority').execute();
  await db.schema
    .createIndex('tasks_project_priority')
    .on('tasks')
    .columns(['project_id', 'priority desc', 'id'])
    .execute();
  await db.schema.dropIndex('tasks_project_hash_key').execute();
  await db.schema
    .createIndex('tasks_project_hash')
    .on('tasks')
    .columns(['project_id', 'hash_key'])
    .execute();
}
