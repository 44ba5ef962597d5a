import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was, untyped */

/** Reviews keep what a "fix" replaced, so the reviewer's change stays traceable. */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('reviews').addColumn('regions_before', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reviews').dropColumn('regions_before').execute();
}
