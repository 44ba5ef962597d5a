import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { probeKey } from '../import/records.ts';
import { now, type Store } from './db.ts';
import { Utf8Builder } from './utf8.ts';

/** A task ready to store: its JSON already serialised, its content hash computed. */
export interface TaskRow {
  data: string;
  meta: string | null;
  provenance: string | null;
  hash: string;
  /** hashKey(hash): the indexed prefix. */
  key: number;
  predictions?: { model: string; model_version: string; score: number | null; regions: string }[];
  annotations?: {
    status: string;
    origin: string;
    regions: string;
    lead_time_ms: number | null;
    labels: string[];
  }[];
}

/** What one batch did: tasks stored, tasks skipped because their content hash was already stored. */
export interface BatchResult {
  stored: number;
  duplicates: number;
}

/** Counters written into the import's row in the same transaction as its batch. */
export interface ImportProgress {
  importId: number;
  recordsRead: number;
  failed: number;
}

/**
 * Stores one batch of tasks in ONE transaction, with their predictions and annotations, the
 * project's task counter and the import's progress row: after a crash the store holds whole
 * batches only, and the import row says how far it got. Tasks whose content hash is already in
 * the project are skipped, so re-running an interrupted import stores no duplicates.
 *
 * This is the one hot path that bypasses Kysely: prepared statements in a writer thread on
 * SQLite (sqlite-writer.worker.mjs); on PostgreSQL a COPY of the batch's tasks while none of
 * the import's keys is taken, else one JSON document per table and batch (figures in
 * bench/README.md). An import writes through a TaskBatchWriter instead, which on
 * PostgreSQL keeps two batches in the database at once.
 */
export async function insertTaskBatch(
  store: Store,
  projectId: number,
  rows: TaskRow[],
  progress: ImportProgress,
): Promise<BatchResult> {
  return store.dialect === 'sqlite'
    ? store.writer.write(projectId, rows, progress)
    : insertPostgres(store, projectId, rows, progress, SOLO, { copy: true });
}

/** Writes an import's batches in order; `concurrency` batches may be on their way at once. */
export interface TaskBatchWriter {
  concurrency: number;
  write(rows: TaskRow[], progress: ImportProgress): Promise<BatchResult>;
}

/**
 * The batch writer for one import. SQLite has one writer (its thread), so batches go one after
 * the other and commit in order: after a crash the stored tasks are a prefix of the file. A
 * PostgreSQL backend inserting a batch keeps one core busy, so there two batches are inserted at
 * once on two connections (1M tasks: bench/README.md). Each batch draws its task ids from the
 * sequence only after the batch before it has, so ids, and with them task lists and exports,
 * follow the file. Batches may commit out of order: after a crash the store holds whole batches,
 * not always a prefix, and a re-run stores the missing ones (content keys skip the rest). No
 * batch waits here on another while it holds rows, so every wait between two of them is one
 * PostgreSQL can see, and a deadlock it breaks is retried. A batch sharing a content key with
 * the one still in flight waits for that one to commit before it starts, rather than for
 * PostgreSQL's deadlock check.
 */
export function taskBatchWriter(store: Store, projectId: number): TaskBatchWriter {
  if (store.dialect === 'sqlite')
    return { concurrency: 1, write: (rows, p) => store.writer.write(projectId, rows, p) };
  let prev: BatchOrder = SOLO;
  const mode: CopyMode = { copy: true };
  return {
    concurrency: 2,
    write(rows, progress) {
      const keys = new Set(rows.map((r) => r.key));
      const overlaps = prev.keys !== null && rows.some((r) => prev.keys!.has(r.key));
      const allocated = deferred();
      const order: BatchOrder = {
        allocated: allocated.promise,
        committed: Promise.resolve(),
        keys,
        before: prev,
        overlaps,
        signalAllocated: allocated.resolve,
      };
      const result = insertPostgres(store, projectId, rows, progress, order, mode).finally(() => {
        order.keys = null;
        order.before = null;
        allocated.resolve(); // a failed batch lets the next one draw its ids
      });
      // The caller hears of a failure through `result`; the next batch only waits for the end.
      order.committed = result.then(
        () => {},
        () => {},
      );
      prev = order;
      return result;
    },
  };
}

/** Where a PostgreSQL batch stands relative to the batch written before it. */
interface BatchOrder {
  /** Settles once this batch has drawn its task ids. */
  allocated: Promise<void>;
  /** Resolves when this batch is committed or has failed (it never rejects). */
  committed: Promise<void>;
  /** This batch's content keys while it is in flight. */
  keys: Set<number> | null;
  before: BatchOrder | null;
  /** This batch shares a content key with the batch before it. */
  overlaps: boolean;
  signalAllocated: () => void;
}

const SOLO: BatchOrder = {
  allocated: Promise.resolve(),
  committed: Promise.resolve(),
  keys: null,
  before: null,
  overlaps: false,
  signalAllocated: () => {},
};

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** PostgreSQL's error for a deadlock it broke by cancelling this transaction. */
const DEADLOCK = '40P01';
const DEADLOCK_ATTEMPTS = 5;

/**
 * Whether an import's batches still try COPY first. The first batch that meets a stored
 * content key turns it off for the rest of the import (a re-run of an interrupted import meets
 * one in every batch), and the batch runs again through `ON CONFLICT`.
 */
interface CopyMode {
  copy: boolean;
}

/** A COPY that met a content key already stored: the batch runs again through ON CONFLICT. */
class CopyConflict extends Error {}

async function insertPostgres(
  store: Extract<Store, { dialect: 'postgres' }>,
  projectId: number,
  rows: TaskRow[],
  progress: ImportProgress,
  order: BatchOrder,
  mode: CopyMode,
): Promise<BatchResult> {
  const before = order.before;
  if (before) await before.allocated;
  const client = await store.pool.connect();
  try {
    // Ids in file order: drawn after the batch before this one drew its own (nextval never
    // goes back), one per row; a row skipped as a duplicate leaves a gap, as a rollback would.
    // One row of text, not a row per id: pg parses 10,000 rows at ~0.4 µs each.
    const { rows: drawn } = await client.query<{ ids: string }>(
      `SELECT string_agg(nextval(pg_get_serial_sequence('tasks', 'id'))::text, ',') AS ids
       FROM generate_series(1, $1::int)`,
      [rows.length],
    );
    order.signalAllocated();
    const ids = drawn[0]!.ids
      .split(',')
      .map(Number)
      .sort((a, b) => a - b);
    if (before && order.overlaps) await before.committed;
    // Another import into the project may hold rows this batch wants and want rows it holds;
    // PostgreSQL then cancels one of the two, and that batch runs again.
    // A batch whose keys repeat among its own rows never tries COPY (the index would refuse it).
    const distinct = order.keys ? order.keys.size : new Set(rows.map((r) => r.key)).size;
    for (let attempt = 1; ;) {
      const copy = mode.copy && distinct === rows.length;
      try {
        return await insertPostgresOnce(client, projectId, rows, ids, progress, copy);
      } catch (err) {
        if (err instanceof CopyConflict) {
          mode.copy = false;
          continue;
        }
        if ((err as { code?: string }).code !== DEADLOCK || attempt >= DEADLOCK_ATTEMPTS) throw err;
        // The other transaction goes on once this one is cancelled. Started again at once, the
        // batch can race it through the same keys and meet it again (3 deadlocks in a row, 1
        // run in 13 of the test): a random pause, longer each time, lets it finish first.
        await delay((100 + Math.random() * 200) * attempt++);
      }
    }
  } finally {
    client.release();
  }
}

async function insertPostgresOnce(
  client: PgClient,
  projectId: number,
  rows: TaskRow[],
  ids: number[],
  progress: ImportProgress,
  copy: boolean,
): Promise<BatchResult> {
  const ts = now();
  try {
    await client.query('BEGIN');
    const status = rows.map((r) =>
      submittedCount(r) > 0 ? 'annotated' : r.predictions?.length ? 'prelabeled' : 'new',
    );
    // Durable on commit to the WAL buffer, not the disk: a PostgreSQL crash may lose the last
    // batches but never splits one; a crash of Tessera itself loses nothing committed.
    await client.query('SET LOCAL synchronous_commit = off');
    let inserted: { id: number; content_hash: string }[];
    if (copy) {
      await copyTasks(client, projectId, rows, ids, status, progress.importId, ts);
      inserted = rows.map((r, i) => ({ id: ids[i]!, content_hash: r.hash }));
    } else {
      inserted = await insertTasksOnConflict(client, projectId, rows, ids, status, progress, ts);
    }
    const stored = inserted.length;
    let annotated = 0;
    if (rows.some((r) => r.annotations?.length || r.predictions?.length)) {
      annotated = await insertChildrenPostgres(client, projectId, rows, inserted, ts);
    }
    // Nothing else ties these tasks to their project on PostgreSQL (migration 0011): a project
    // deleted while the batch was on its way has no row to update, and the batch rolls back.
    const project = await client.query(
      'UPDATE projects SET task_count = task_count + $1, annotated_count = annotated_count + $2 WHERE id = $3',
      [stored, annotated, projectId],
    );
    if (project.rowCount !== 1)
      throw new Error(`project ${projectId} was deleted while its tasks were being imported`);
    await client.query(
      'UPDATE imports SET records_read = GREATEST(records_read, $1), stored = stored + $2, duplicates = duplicates + $3, failed = GREATEST(failed, $4) WHERE id = $5',
      [progress.recordsRead, stored, rows.length - stored, progress.failed, progress.importId],
    );
    await client.query('COMMIT');
    return { stored, duplicates: rows.length - stored };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

type PgClient = pg.PoolClient;

/** The task's annotations that count as submitted (not drafts): its `annotation_count`. */
const submittedCount = (r: TaskRow): number =>
  r.annotations?.filter((a) => a.status !== 'draft').length ?? 0;

/**
 * Inserts a batch's tasks with COPY, the fastest way into PostgreSQL: its rows are stored
 * several to a heap page and a WAL record, and it parses no JSON. It cannot skip a row, so it
 * is tried only while no key of the import has met a stored one, and a batch whose key is taken
 * fails as a whole (23505) and runs again through `ON CONFLICT` (CopyConflict). Per task, COPY
 * cost PostgreSQL 18–21 µs of CPU against 27–32 µs for the JSON statement (bench/README.md).
 */
async function copyTasks(
  client: PgClient,
  projectId: number,
  rows: TaskRow[],
  ids: number[],
  status: string[],
  importId: number,
  ts: string,
): Promise<void> {
  const tail = `\t${importId}\t${ts}\t${ts}\n`;
  const out = new Utf8Builder(rows.length * 512);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out.add(
      `${ids[i]}\t${projectId}\t${copyField(r.data)}\t${copyField(r.meta)}\t${copyField(r.provenance)}` +
        `\t${r.hash}\t${r.key}\t${status[i]}\t0\t${submittedCount(r)}\t${r.predictions?.length ?? 0}${tail}`,
    );
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(
        copyFrom(
          `COPY tasks (id, project_id, data, meta, provenance, content_hash, hash_key, status, priority,
             annotation_count, prediction_count, import_id, created_at, updated_at) FROM STDIN`,
        ),
      );
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(out.bytes());
    });
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new CopyConflict();
    throw err;
  }
}

const UNIQUE_VIOLATION = '23505';

/** A text field of COPY's text format: backslash, tab and line ends escaped; null is `\N`. */
function copyField(s: string | null): string {
  if (s === null) return '\\N';
  return COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c]!) : s;
}
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/**
 * Inserts a batch's tasks through `ON CONFLICT`, skipping a row whose content key is taken and
 * resolving it after: a duplicate is dropped, a collision moves to its next probe key.
 */
async function insertTasksOnConflict(
  client: PgClient,
  projectId: number,
  rows: TaskRow[],
  ids: number[],
  status: string[],
  progress: ImportProgress,
  ts: string,
): Promise<{ id: number; content_hash: string }[]> {
  // The batch travels as ONE JSON document that PostgreSQL unpacks in C: far cheaper than
  // text-array parameters, whose quoting pg does in JavaScript string by string.
  const payload = jsonParam(
    rows.map((r, i) => ({
      i: ids[i],
      d: r.data,
      m: r.meta,
      p: r.provenance,
      h: r.hash,
      k: r.key,
      s: status[i],
      ac: submittedCount(r),
      pc: r.predictions?.length ?? 0,
    })),
  );
  // `(project_id, hash_key)` is unique: a row whose key is taken is skipped by the index
  // itself, in the same descent as the insert, and resolved below. A key another import
  // holds in an open transaction makes this wait for its outcome.
  // Only a count comes back: the ids were drawn above, so when every row went in nothing
  // else needs reading (10,000 returned rows cost both processes more than the count).
  const res = await client.query<{ n: number }>(
    `WITH ins AS (
         INSERT INTO tasks (id, project_id, data, meta, provenance, content_hash, hash_key, status, priority,
           annotation_count, prediction_count, import_id, created_at, updated_at)
         SELECT i, $1, d, m, p, h, k, s, 0, ac, pc, $2, $3, $3
         FROM ROWS FROM (json_to_recordset($4::json) AS (i bigint, d text, m text, p text, h text, k bigint, s text, ac int, pc int))
           WITH ORDINALITY AS o(i, d, m, p, h, k, s, ac, pc, n)
         ORDER BY n
         ON CONFLICT (project_id, hash_key) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM ins`,
    [projectId, progress.importId, ts, payload],
  );
  let inserted: { id: number; content_hash: string }[];
  if (res.rows[0]!.n === rows.length) {
    inserted = rows.map((r, i) => ({ id: ids[i]!, content_hash: r.hash }));
  } else {
    ({ rows: inserted } = await client.query<{ id: number; content_hash: string }>(
      'SELECT id, content_hash FROM tasks WHERE id = ANY($1::bigint[])',
      [ids],
    ));
    inserted.push(
      ...(await insertCollidedPostgres(
        client,
        projectId,
        rows,
        ids,
        inserted,
        status,
        progress.importId,
        ts,
      )),
    );
  }
  return inserted;
}

/**
 * A batch's rows as a `json` parameter, sent as UTF-8 bytes. pg measures a string parameter's
 * UTF-8 length with `Buffer.byteLength` before writing it, which on Node 20 costs more than the
 * encoding itself (about 23 ms for a 3 MB batch); a Buffer goes out as it is, in the binary
 * format, which for `json` is its text. 1M tasks: 33k -> 36-38k tasks/s (bench/README.md).
 */
function jsonParam(rows: unknown[]): Buffer {
  return Buffer.from(JSON.stringify(rows));
}

/**
 * The rows of a batch that the unique key skipped: a task with the same content is already
 * stored (a duplicate: nothing to do), or a different task holds the key (a 52-bit collision:
 * the row moves to its next probe key). One query tells which; collisions are rare enough to
 * insert one by one.
 */
async function insertCollidedPostgres(
  client: PgClient,
  projectId: number,
  rows: TaskRow[],
  ids: number[],
  inserted: { content_hash: string }[],
  status: string[],
  importId: number,
  ts: string,
): Promise<{ id: number; content_hash: string }[]> {
  const done = new Set(inserted.map((r) => r.content_hash));
  const skipped = rows
    .map((r, i) => ({ r, s: status[i]!, id: ids[i]! }))
    .filter(({ r }) => !done.has(r.hash));
  // Who holds the first key of each: the same content means a duplicate.
  const { rows: holders } = await client.query<{ content_hash: string }>(
    'SELECT content_hash FROM tasks WHERE project_id = $1 AND hash_key = ANY($2::bigint[])',
    [projectId, skipped.map(({ r }) => r.key)],
  );
  for (const h of holders) done.add(h.content_hash);
  const out: { id: number; content_hash: string }[] = [];
  for (const { r, s, id } of skipped) {
    if (done.has(r.hash)) continue;
    for (let attempt = 1; ;) {
      const key = probeKey(r.hash, attempt);
      const holder = await client.query<{ content_hash: string }>(
        'SELECT content_hash FROM tasks WHERE project_id = $1 AND hash_key = $2',
        [projectId, key],
      );
      if (holder.rows[0]?.content_hash === r.hash) break;
      if (holder.rows.length > 0) {
        attempt++;
        continue;
      }
      // Another import may take the free key first: then look again at who holds it.
      const ins = await client.query<{ id: number; content_hash: string }>(
        `INSERT INTO tasks (id, project_id, data, meta, provenance, content_hash, hash_key, status, priority,
           annotation_count, prediction_count, import_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $12, $12)
         ON CONFLICT (project_id, hash_key) DO NOTHING
         RETURNING id, content_hash`,
        [
          id,
          projectId,
          r.data,
          r.meta,
          r.provenance,
          r.hash,
          key,
          s,
          submittedCount(r),
          r.predictions?.length ?? 0,
          importId,
          ts,
        ],
      );
      if (ins.rows.length === 0) continue;
      out.push(ins.rows[0]!);
      done.add(r.hash);
      break;
    }
  }
  return out;
}

/**
 * The predictions, annotations and annotation labels of a batch's stored tasks, each table in
 * one statement fed by one JSON document (a query per row made a pre-annotated import on
 * PostgreSQL a round trip per child). Annotation ids are drawn from their sequence up front so
 * the labels can refer to them in the same statement. Returns how many tasks have a submitted
 * annotation.
 */
async function insertChildrenPostgres(
  client: PgClient,
  projectId: number,
  rows: TaskRow[],
  inserted: { id: number; content_hash: string }[],
  ts: string,
): Promise<number> {
  const byHash = new Map(inserted.map((r) => [r.content_hash, r.id]));
  let annotated = 0;
  const predictions: { t: number; m: string; v: string; s: number | null; r: string }[] = [];
  const annotations: {
    t: number;
    o: string;
    s: string;
    r: string;
    l: number | null;
    labels: string[];
  }[] = [];
  for (const r of rows) {
    const t = byHash.get(r.hash);
    if (t === undefined) continue;
    byHash.delete(r.hash); // a hash repeated inside the batch belongs to its first row only
    for (const p of r.predictions ?? [])
      predictions.push({ t, m: p.model, v: p.model_version, s: p.score, r: p.regions });
    if (r.annotations?.some((a) => a.status !== 'draft')) annotated++;
    for (const a of r.annotations ?? [])
      annotations.push({
        t,
        o: a.origin,
        s: a.status,
        r: a.regions,
        l: a.lead_time_ms,
        labels: a.labels,
      });
  }
  if (predictions.length > 0) {
    await client.query(
      `INSERT INTO predictions (project_id, task_id, model, model_version, score, regions, created_at)
       SELECT $1, t, m, v, s, r, $2
       FROM ROWS FROM (json_to_recordset($3::json) AS (t bigint, m text, v text, s double precision, r text))
         WITH ORDINALITY AS o(t, m, v, s, r, n)
       ORDER BY n`,
      [projectId, ts, jsonParam(predictions)],
    );
  }
  if (annotations.length > 0) {
    // `src` is referenced twice, so PostgreSQL materialises it: one nextval per annotation.
    await client.query(
      `WITH src AS (
         SELECT nextval(pg_get_serial_sequence('annotations', 'id')) AS id, t, o, s, r, l, labels
         FROM ROWS FROM (json_to_recordset($3::json) AS (t bigint, o text, s text, r text, l double precision, labels json))
           WITH ORDINALITY AS x(t, o, s, r, l, labels, n)
         ORDER BY n
       ), ins AS (
         INSERT INTO annotations (id, project_id, task_id, created_by, origin, status, regions, version,
           lead_time_ms, schema_version, created_at, updated_at)
         SELECT id, $1, t, NULL, o, s, r, 1, l, 1, $2, $2 FROM src
       )
       INSERT INTO annotation_labels (project_id, task_id, annotation_id, label)
       SELECT $1, src.t, src.id, lab FROM src, json_array_elements_text(src.labels) AS lab`,
      [projectId, ts, jsonParam(annotations)],
    );
  }
  return annotated;
}

/**
 * After a large import PostgreSQL's planner statistics are stale until autovacuum catches up,
 * and it may pick a bad plan for keyset pages meanwhile; refresh them (samples, so it is quick).
 */
export async function refreshStatistics(store: Store): Promise<void> {
  if (store.dialect === 'postgres') await store.pool.query('ANALYZE tasks');
  else await sql`PRAGMA optimize`.execute(store.db);
}
