import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { freshDatabase, DIALECTS } from './harness.ts';
import { now, openStore, type Store } from '../src/store/db.ts';
import { importTasks } from '../src/services/import.service.ts';
import { TasksRepository } from '../src/store/tasks.repository.ts';

const schema = buildSchema();

/**
 * "Next task" under load: many annotators asking at once must never hold more leases on a task
 * than the overlap allows. On PostgreSQL the pick locks the task (FOR UPDATE SKIP LOCKED); a
 * caller that got the lock just after another committed its lease used to count the leases as
 * of its own statement's start and take the task as well (1 CI run in many, at 4 callers).
 */
describe.each(DIALECTS)('leases on %s', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    drop = db.drop;
    store = await openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, poolSize: 40 });
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  it('concurrent callers never lease a task beyond its overlap', async () => {
    const ts = now();
    const users: number[] = [];
    for (let i = 0; i < 24; i++)
      users.push(
        (
          await store.db
            .insertInto('users')
            .values({
              username: `u${i}`,
              password_hash: 'x',
              created_at: ts,
              password_changed_at: ts,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const tasks = new TasksRepository(store.db);
    for (const overlap of [1, 2]) {
      for (let round = 0; round < 10; round++) {
        const projectId = (
          await store.db
            .insertInto('projects')
            .values({
              name: `p${overlap}-${round}`,
              schema: JSON.stringify(schema),
              created_at: ts,
              updated_at: ts,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
        const lines = Array.from(
          { length: 40 },
          (_, i) => JSON.stringify({ text: `t${i}` }) + '\n',
        );
        await importTasks({
          store,
          projectId,
          schema,
          userId: null,
          input: Readable.from([Buffer.from(lines.join(''))]),
          format: 'jsonl',
          onError: 'abort',
          maxRecordBytes: 1 << 20,
        });
        const got = await Promise.all(
          users.map((u) => tasks.leaseNext(projectId, u, overlap, 60_000, dialect)),
        );
        expect(got.every((id) => id !== undefined)).toBe(true);
        const perTask = new Map<number, number>();
        for (const id of got) perTask.set(id!, (perTask.get(id!) ?? 0) + 1);
        expect(Math.max(...perTask.values())).toBeLessThanOrEqual(overlap);
      }
    }
  });
});
