import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was, untyped */

/** A skipped task stays skipped for that annotator: the queue does not hand it back. */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('task_leases')
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('task_leases').dropColumn('skipped').execute();
}
