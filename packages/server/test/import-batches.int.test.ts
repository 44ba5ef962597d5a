import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { freshDatabase, DIALECTS } from './harness.ts';
import { now, openStore, type Store } from '../src/store/db.ts';
import { importTasks } from '../src/services/import.service.ts';
import { ProjectsRepository } from '../src/store/projects.repository.ts';
import { insertTaskBatch } from '../src/store/task-bulk.repository.ts';
import { hashKey, hashText } from '../src/import/records.ts';

const schema = buildSchema();
/** The lines of tasks `ns` as an upload arrives: a buffer per 100 lines. */
const upload = (ns: number[]) => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < ns.length; i += 100)
    chunks.push(
      Buffer.from(
        ns
          .slice(i, i + 100)
          .map((n) => JSON.stringify({ text: `task ${n}`, n }) + '\n')
          .join(''),
      ),
    );
  return Readable.from(chunks);
};

/**
 * The import's batches as the writer sees them: on PostgreSQL two are in the database at once
 * (task-bulk.repository.ts, taskBatchWriter). Small batches make many of them.
 */
describe.each(DIALECTS)('import batches on %s', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    drop = db.drop;
    store = await openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  const project = async (name: string) =>
    (
      await store.db
        .insertInto('projects')
        .values({ name, schema: JSON.stringify(schema), created_at: now(), updated_at: now() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const run = (projectId: number, ns: number[] | Readable, batchSize: number) =>
    importTasks({
      store,
      projectId,
      schema,
      userId: null,
      input: Array.isArray(ns) ? upload(ns) : ns,
      format: 'jsonl',
      onError: 'abort',
      maxRecordBytes: 1 << 20,
      batchSize,
    });
  const stored = async (projectId: number) => {
    const rows = await store.db
      .selectFrom('tasks')
      .select(['data'])
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();
    return rows.map((r) => (JSON.parse(r.data) as { n: number }).n);
  };
  const counters = (projectId: number) =>
    store.db
      .selectFrom('projects')
      .select(['task_count'])
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow()
      .then((p) => Number(p.task_count));

  it('keeps the file order in task ids and skips content repeated from earlier batches', async () => {
    const id = await project('order');
    // 6,000 lines in batches of 250: every 5th line repeats one from the batch before it (the
    // batch that may still be in flight beside it), every 7th one from far back.
    const ns: number[] = [];
    for (let i = 0; i < 6000; i++)
      ns.push(i % 5 === 4 && i >= 250 ? i - 250 : i % 7 === 6 && i >= 3000 ? i - 2999 : i);
    const firsts = [...new Set(ns)];
    const report = await run(id, ns, 250);
    expect(report).toMatchObject({
      status: 'completed',
      stored: firsts.length,
      duplicates: ns.length - firsts.length,
    });
    expect(await stored(id)).toEqual(firsts);
    expect(await counters(id)).toBe(firsts.length);
    const row = await store.db
      .selectFrom('imports')
      .select(['stored', 'duplicates', 'records_read'])
      .where('id', '=', report.import_id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      stored: firsts.length,
      duplicates: ns.length - firsts.length,
      records_read: ns.length,
    });
  });

  it('two imports of overlapping content into one project at once store each task once', async () => {
    const id = await project('overlap');
    const a = Array.from({ length: 3000 }, (_, i) => i);
    // The second goes through the shared part backwards, so the two take rows in opposite
    // orders: on PostgreSQL a batch may wait for the other import's, or deadlock and run again.
    const b = Array.from({ length: 3000 }, (_, i) => 4499 - i);
    const [ra, rb] = await Promise.all([run(id, a, 200), run(id, b, 200)]);
    expect([ra.status, rb.status]).toEqual(['completed', 'completed']);
    expect(ra.stored + rb.stored).toBe(4500);
    expect(ra.duplicates + rb.duplicates).toBe(1500);
    const ns = await stored(id);
    expect(ns.length).toBe(4500);
    expect(new Set(ns).size).toBe(4500);
    expect(await counters(id)).toBe(4500);
  });

  it('two imports of the same tasks in opposite orders at once: a deadlock is broken and retried', async () => {
    const id = await project('opposite');
    // One batch each, inserting the same keys from opposite ends: on PostgreSQL they meet in
    // the middle, each waiting for a row the other holds, until PostgreSQL cancels one.
    const up = Array.from({ length: 2000 }, (_, i) => i);
    const [ra, rb] = await Promise.all([run(id, up, 2000), run(id, [...up].reverse(), 2000)]);
    expect([ra.status, rb.status]).toEqual(['completed', 'completed']);
    expect(ra.stored + rb.stored).toBe(2000);
    expect(ra.duplicates + rb.duplicates).toBe(2000);
    expect((await stored(id)).length).toBe(2000);
    expect(await counters(id)).toBe(2000);
  });

  it('stores text with backslashes, control characters and COPY markers exactly, through COPY and through ON CONFLICT', async () => {
    const id = await project('escapes');
    // Characters COPY's text format gives a meaning to, as JSON carries them (a tab or a line
    // end inside a string is the two characters \t or \n of the stored text), and raw.
    const odd = [
      'back\\slash \\\\ two',
      'tab\there, line\nend, return\r, form\f, bell\u0007',
      '\\N',
      '\\.',
      '\\',
      'NUL\u0000 in the middle',
      '\\t \\n \\r \\\\N',
      '中文，标注 😀 \ud83c\udf89',
      '"quoted" \'single\' \u2028\u2029',
    ];
    const task = (i: number, s: string) => ({
      data: { text: s, i },
      meta: { note: `${s}|meta`, tab: '\t' },
    });
    const lines = (tasks: object[]) =>
      Readable.from([Buffer.from(tasks.map((t) => JSON.stringify(t) + '\n').join(''))]);
    const first = odd.map((s, i) => task(i, s));
    // The second import repeats the first and adds more: on PostgreSQL its first batch meets a
    // stored key, so from there on it inserts through ON CONFLICT instead of COPY.
    const second = [...first, ...odd.map((s, i) => task(100 + i, `${s} again`))];
    const ra = await run(id, lines(first), 4);
    expect(ra).toMatchObject({ status: 'completed', stored: odd.length, duplicates: 0 });
    const rb = await run(id, lines(second), 4);
    expect(rb).toMatchObject({ status: 'completed', stored: odd.length, duplicates: odd.length });
    const rows = await store.db
      .selectFrom('tasks')
      .select(['data', 'meta'])
      .where('project_id', '=', id)
      .orderBy('id')
      .execute();
    const expected = [...first, ...second.slice(odd.length)];
    expect(rows.map((r) => ({ data: JSON.parse(r.data), meta: JSON.parse(r.meta!) }))).toEqual(
      expected,
    );
  });

  const taskCount = async (projectId: number) =>
    Number(
      (
        await store.db
          .selectFrom('tasks')
          .select((e) => e.fn.countAll().as('n'))
          .where('project_id', '=', projectId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('deleting a project deletes its tasks, and a batch for a deleted project stores nothing', async () => {
    const id = await project('deleted');
    expect((await run(id, [1, 2, 3], 2)).stored).toBe(3);
    await new ProjectsRepository(store.db).delete(id);
    expect(await taskCount(id)).toBe(0);
    const data = JSON.stringify({ text: 'late' });
    const hash = hashText(data);
    const late = insertTaskBatch(
      store,
      id,
      [{ data, meta: null, provenance: null, hash, key: hashKey(hash) }],
      { importId: 0, recordsRead: 1, failed: 0 },
    );
    // PostgreSQL's tasks have no foreign key to projects (migration 0011): the batch sees that
    // its project's row is gone; SQLite's key refuses the row.
    await expect(late).rejects.toThrow(
      dialect === 'postgres' ? /project \d+ was deleted while/ : /FOREIGN KEY/,
    );
    expect(await taskCount(id)).toBe(0);
  });

  it('a project deleted while an import is writing keeps none of its tasks', async () => {
    const id = await project('deleted during import');
    const ns = Array.from({ length: 20_000 }, (_, i) => i);
    const importing = run(id, ns, 100).catch((err: unknown) => err);
    while ((await taskCount(id)) === 0) await new Promise((r) => setTimeout(r, 5));
    await new ProjectsRepository(store.db).delete(id);
    const report = await importing;
    expect(report).not.toMatchObject({ status: 'completed', stored: ns.length });
    expect(await taskCount(id)).toBe(0);
  });
});
