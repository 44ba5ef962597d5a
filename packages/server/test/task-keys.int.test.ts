import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { TesseraMigrations } from '../src/store/migrations/index.ts';
import { buildSchema } from '@tessera/core/format';
import { freshDatabase, DIALECTS } from './harness.ts';
import { migrate, openStore, type Store } from '../src/store/db.ts';
import { insertTaskBatch, type TaskRow } from '../src/store/task-bulk.repository.ts';
import { canonicalJson, hashKey, hashText, probeKey } from '../src/import/records.ts';
import { now } from '../src/store/db.ts';

/** A task row for `data`, with its key forced to `key` when given (to stage a collision). */
function row(data: unknown, key?: number): TaskRow {
  const text = canonicalJson(data);
  const hash = hashText(text);
  return { data: text, meta: null, provenance: null, hash, key: key ?? hashKey(hash) };
}

describe.each(DIALECTS)('content keys on %s', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;
  let projectId: number;
  let importId: number;

  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    drop = db.drop;
    store = await openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
    await migrate(store);
    const ts = now();
    projectId = (
      await store.db
        .insertInto('projects')
        .values({
          name: 'keys',
          schema: JSON.stringify(buildSchema()),
          created_at: ts,
          updated_at: ts,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    importId = (
      await store.db
        .insertInto('imports')
        .values({
          project_id: projectId,
          status: 'running',
          format: 'jsonl',
          on_error: 'skip',
          created_at: ts,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  const progress = () => ({ importId, recordsRead: 0, failed: 0 });
  const stored = async () =>
    store.db
      .selectFrom('tasks')
      .select(['data', 'hash_key', 'content_hash'])
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();

  it('stores two different tasks whose 52-bit keys collide, the second on its next probe key', async () => {
    const a = row({ text: 'first' });
    const b = row({ text: 'second' }, a.key); // forced onto a's key
    const res = await insertTaskBatch(store, projectId, [a, b], progress());
    expect(res).toEqual({ stored: 2, duplicates: 0 });
    const rows = await stored();
    expect(rows.map((r) => r.data)).toEqual([a.data, b.data]);
    expect(Number(rows[0]!.hash_key)).toBe(a.key);
    expect(Number(rows[1]!.hash_key)).toBe(probeKey(b.hash, 1));
  });

  it('re-running the same rows, colliding ones included, stores nothing twice', async () => {
    const a = row({ text: 'first' });
    const b = row({ text: 'second' }, a.key);
    const res = await insertTaskBatch(store, projectId, [a, b, row({ text: 'third' })], progress());
    expect(res).toEqual({ stored: 1, duplicates: 2 });
    expect(await stored()).toHaveLength(3);
  });

  it('a batch that repeats the same content stores it once', async () => {
    const c = row({ text: 'fourth' });
    const res = await insertTaskBatch(
      store,
      projectId,
      [c, row({ text: 'fourth' }), c],
      progress(),
    );
    expect(res).toEqual({ stored: 1, duplicates: 2 });
    expect((await stored()).filter((r) => r.data === c.data)).toHaveLength(1);
  });

  it('walks past several taken probe keys', async () => {
    const d = row({ text: 'fifth' });
    // Occupy d's first three probe keys with other content.
    const blockers = [0, 1, 2].map((i) => row({ text: `blocker ${i}` }, probeKey(d.hash, i)));
    expect(await insertTaskBatch(store, projectId, blockers, progress())).toEqual({
      stored: 3,
      duplicates: 0,
    });
    expect(await insertTaskBatch(store, projectId, [d], progress())).toEqual({
      stored: 1,
      duplicates: 0,
    });
    const mine = (await stored()).find((r) => r.data === d.data)!;
    expect(Number(mine.hash_key)).toBe(probeKey(d.hash, 3));
    expect(await insertTaskBatch(store, projectId, [d], progress())).toEqual({
      stored: 0,
      duplicates: 1,
    });
  });
});

/** One task inserted as it is, past the bulk writer (a migration's view of the table). */
function insertRow(store: Store, projectId: number, r: TaskRow) {
  const ts = now();
  return store.db
    .insertInto('tasks')
    .values({
      project_id: projectId,
      data: r.data,
      content_hash: r.hash,
      hash_key: r.key,
      created_at: ts,
      updated_at: ts,
    })
    .execute();
}

describe.each(DIALECTS)('migration 0009 on %s', (dialect) => {
  it('keeps tasks whose keys already collide, re-keying all but the first', async () => {
    const db = await freshDatabase(dialect);
    const store = await openStore({
      databaseUrl: db.databaseUrl,
      dataDir: db.dataDir,
      migrate: false,
    });
    try {
      const migrator = new Migrator({
        db: store.db,
        provider: new TesseraMigrations({ dialect: store.dialect }),
      });
      expect((await migrator.migrateTo('0007-models')).error).toBeUndefined();
      const ts = now();
      const projectId = (
        await store.db
          .insertInto('projects')
          .values({
            name: 'old',
            schema: JSON.stringify(buildSchema()),
            created_at: ts,
            updated_at: ts,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const a = row({ text: 'stored before' });
      const b = row({ text: 'collides with it' }, a.key);
      for (const r of [a, b]) await insertRow(store, projectId, r);
      await migrate(store);
      const rows = await store.db
        .selectFrom('tasks')
        .select(['data', 'hash_key'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.data, Number(r.hash_key)])).toEqual([
        [a.data, a.key],
        [b.data, probeKey(b.hash, 1)],
      ]);
      // The key is unique now.
      await expect(
        store.db
          .insertInto('tasks')
          .values({
            project_id: projectId,
            data: '{}',
            content_hash: 'x',
            hash_key: a.key,
            created_at: ts,
            updated_at: ts,
          })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await store.close();
      await db.drop();
    }
  });
});

describe.each(DIALECTS)('migration 0011 on %s', (dialect) => {
  it('drops the foreign key from tasks to projects on PostgreSQL only, and puts it back going down', async () => {
    const db = await freshDatabase(dialect);
    const store = await openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
    const insert = (projectId: number, text: string) => insertRow(store, projectId, row({ text }));
    try {
      const ts = now();
      const projectId = (
        await store.db
          .insertInto('projects')
          .values({ name: 'p', schema: '{}', created_at: ts, updated_at: ts })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      await insert(projectId, 'kept');
      const stray = insert(projectId + 1000, 'no such project');
      if (dialect === 'sqlite') {
        await expect(stray).rejects.toThrow(/FOREIGN KEY/);
        return;
      }
      await stray; // nothing refuses it on PostgreSQL: the application keeps the two together
      const migrator = new Migrator({
        db: store.db,
        provider: new TesseraMigrations({ dialect: store.dialect }),
      });
      expect((await migrator.migrateTo('0010-annotations-by-task')).error).toBeUndefined();
      // Going down drops the task whose project does not exist, then the key refuses another.
      const left = await store.db.selectFrom('tasks').select(['project_id']).execute();
      expect(left.map((r) => Number(r.project_id))).toEqual([projectId]);
      await expect(insert(projectId + 1000, 'again')).rejects.toThrow(/foreign key/);
      await store.db.deleteFrom('projects').where('id', '=', projectId).execute();
      expect(await store.db.selectFrom('tasks').select(['id']).execute()).toEqual([]);
      await migrate(store);
      await insert(projectId + 1000, 'accepted again');
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
