import { sql } from 'kysely';
import type pg from 'pg';
import { probeKey } from '../import/records.ts';
import { now, type Store } from './db.ts';

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
 * SQLite (sqlite-writer.worker.mjs), one JSON document per table and batch on PostgreSQL
 * (figures in bench/README.md).
 */
export async function insertTaskBatch(
  store: Store,
  projectId: number,
  rows: TaskRow[],
  progress: ImportProgress,
): Promise<BatchResult> {
  return store.dialect === 'sqlite'
    ? store.writer.write(projectId, rows, progress)
    : insertPostgres(store, projectId, rows, progress);
}

async function insertPostgres(
  store: Extract<Store, { dialect: 'postgres' }>,
  projectId: number,
  rows: TaskRow[],
  progress: ImportProgress,
): Promise<BatchResult> {
  const client = await store.pool.connect();
  const ts = now();
  try {
    await client.query('BEGIN');
    const status = rows.map((r) =>
      r.annotations?.some((a) => a.status !== 'draft')
        ? 'annotated'
        : r.predictions?.length
          ? 'prelabeled'
          : 'new',
    );
    // Durable on commit to the WAL buffer, not the disk: a PostgreSQL crash may lose the last
    // batches but never splits one; a crash of Tessera itself loses nothing committed.
    await client.query('SET LOCAL synchronous_commit = off');
    // The batch travels as ONE JSON document that PostgreSQL unpacks in C: far cheaper than
    // text-array parameters, whose quoting pg does in JavaScript string by string.
    const payload = JSON.stringify(
      rows.map((r, i) => ({
        d: r.data,
        m: r.meta,
        p: r.provenance,
        h: r.hash,
        k: r.key,
        s: status[i],
        ac: r.annotations?.filter((a) => a.status !== 'draft').length ?? 0,
        pc: r.predictions?.length ?? 0,
      })),
    );
    // Imports into one project take turns batch by batch, so the existence check below cannot
    // race with another import of the same content.
    await client.query('SELECT pg_advisory_xact_lock(7411, $1::int)', [projectId]);
    // `(project_id, hash_key)` is unique: a row whose key is taken is skipped by the index
    // itself, in the same descent as the insert, and resolved below.
    const res = await client.query<{ id: number; content_hash: string }>(
      `INSERT INTO tasks (project_id, data, meta, provenance, content_hash, hash_key, status, priority,
         annotation_count, prediction_count, import_id, created_at, updated_at)
       SELECT $1, d, m, p, h, k, s, 0, ac, pc, $2, $3, $3
       FROM ROWS FROM (json_to_recordset($4::json) AS (d text, m text, p text, h text, k bigint, s text, ac int, pc int))
         WITH ORDINALITY AS o(d, m, p, h, k, s, ac, pc, n)
       ORDER BY n
       ON CONFLICT (project_id, hash_key) DO NOTHING
       RETURNING id, content_hash`,
      [projectId, progress.importId, ts, payload],
    );
    if (res.rows.length < rows.length) {
      res.rows.push(
        ...(await insertCollidedPostgres(
          client,
          projectId,
          rows,
          res.rows,
          status,
          progress.importId,
          ts,
        )),
      );
    }
    const stored = res.rows.length;
    let annotated = 0;
    if (rows.some((r) => r.annotations?.length || r.predictions?.length)) {
      annotated = await insertChildrenPostgres(client, projectId, rows, res.rows, ts);
    }
    await client.query(
      'UPDATE projects SET task_count = task_count + $1, annotated_count = annotated_count + $2 WHERE id = $3',
      [stored, annotated, projectId],
    );
    await client.query(
      'UPDATE imports SET records_read = $1, stored = stored + $2, duplicates = duplicates + $3, failed = $4 WHERE id = $5',
      [progress.recordsRead, stored, rows.length - stored, progress.failed, progress.importId],
    );
    await client.query('COMMIT');
    return { stored, duplicates: rows.length - stored };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

type PgClient = pg.PoolClient;

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
  inserted: { content_hash: string }[],
  status: string[],
  importId: number,
  ts: string,
): Promise<{ id: number; content_hash: string }[]> {
  const done = new Set(inserted.map((r) => r.content_hash));
  const skipped = rows.map((r, i) => ({ r, s: status[i]! })).filter(({ r }) => !done.has(r.hash));
  // Who holds the first key of each: the same content means a duplicate.
  const { rows: holders } = await client.query<{ content_hash: string }>(
    'SELECT content_hash FROM tasks WHERE project_id = $1 AND hash_key = ANY($2::bigint[])',
    [projectId, skipped.map(({ r }) => r.key)],
  );
  for (const h of holders) done.add(h.content_hash);
  const out: { id: number; content_hash: string }[] = [];
  for (const { r, s } of skipped) {
    if (done.has(r.hash)) continue;
    for (let attempt = 1; ; attempt++) {
      const key = probeKey(r.hash, attempt);
      const holder = await client.query<{ content_hash: string }>(
        'SELECT content_hash FROM tasks WHERE project_id = $1 AND hash_key = $2',
        [projectId, key],
      );
      if (holder.rows[0]?.content_hash === r.hash) break;
      if (holder.rows.length > 0) continue;
      const ins = await client.query<{ id: number; content_hash: string }>(
        `INSERT INTO tasks (project_id, data, meta, provenance, content_hash, hash_key, status, priority,
           annotation_count, prediction_count, import_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10, $11, $11) RETURNING id, content_hash`,
        [
          projectId,
          r.data,
          r.meta,
          r.provenance,
          r.hash,
          key,
          s,
          r.annotations?.filter((a) => a.status !== 'draft').length ?? 0,
          r.predictions?.length ?? 0,
          importId,
          ts,
        ],
      );
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
      [projectId, ts, JSON.stringify(predictions)],
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
      [projectId, ts, JSON.stringify(annotations)],
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
