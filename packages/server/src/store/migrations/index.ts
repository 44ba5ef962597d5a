import type { Kysely, Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-review-details.ts';
import * as m0003 from './0003-quality.ts';
import * as m0004 from './0004-compliance.ts';
import * as m0005 from './0005-versions.ts';
import * as m0006 from './0006-skips.ts';
import * as m0007 from './0007-models.ts';
import * as m0008 from './0008-content-safety.ts';
import * as m0009 from './0009-import-indexes.ts';
import * as m0010 from './0010-annotations-by-task.ts';
import * as m0011 from './0011-tasks-project-key.ts';

/** What a migration may know about the store it runs on. */
export interface MigrationContext {
  dialect: 'sqlite' | 'postgres';
}

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see an untyped database */
type Step = {
  up(db: Kysely<any>, ctx: MigrationContext): Promise<void>;
  down(db: Kysely<any>, ctx: MigrationContext): Promise<void>;
};

/** Versioned migrations, in order. Never edit one that has shipped: add the next number. */
const steps: Record<string, Step> = {
  '0001-initial': m0001,
  '0002-review-details': m0002,
  '0003-quality': m0003,
  '0004-compliance': m0004,
  '0005-versions': m0005,
  '0006-skips': m0006,
  '0007-models': m0007,
  '0008-content-safety': m0008,
  '0009-import-indexes': m0009,
  '0010-annotations-by-task': m0010,
  '0011-tasks-project-key': m0011,
};

/** Feeds the migrations to Kysely's Migrator with the dialect bound in. */
export class TesseraMigrations implements MigrationProvider {
  constructor(private readonly ctx: MigrationContext) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, step] of Object.entries(steps)) {
      out[name] = { up: (db) => step.up(db, this.ctx), down: (db) => step.down(db, this.ctx) };
    }
    return out;
  }
}
