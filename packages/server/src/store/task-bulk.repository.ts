import type pg from 'pg';
import { now, type Store } from './db.ts';

/** A task ready to store: its JSON already serialised, its content hash computed. */
export interface TaskRow {
  data: string;
  meta: string | null;
  provenance: string | null;
  hash: string;
  predictions?: { model: string; model_version: string; score: number | null; regions: string }[];
  annotations?: { status: string; origin: string; regions: string; lead_time_ms: number | null; labels: string[] }[];
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
 * This is the one hot path that bypasses Kysely: prepared statements on SQLite, `unnest` arrays
 * on PostgreSQL (see bench/README.md for the figures).
 */
export async function insertTaskBatch(
  store: Store,
  projectId: number,
  rows: TaskRow[],
  progress: ImportProgress,
): Promise<BatchResult> {
  return store.dialect === 'sqlite'
    ? insertSqlite(store, projectId, rows, progress)
    : insertPostgres(store, projectId, rows, progress);
}

const sqliteStatements = new WeakMap<object, ReturnType<typeof prepareSqlite>>();

function prepareSqlite(sqlite: Extract<Store, { dialect: 'sqlite' }>['sqlite']) {
  return {
    task: sqlite.prepare(
      `INSERT INTO tasks (project_id, data, meta, provenance, content_hash, status, priority,
         annotation_count, prediction_count, import_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)
       ON CONFLICT (project_id, content_hash) DO NOTHING`,
    ),
    prediction: sqlite.prepare(
      `INSERT INTO predictions (project_id, task_id, model, model_version, score, regions, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    annotation: sqlite.prepare(
      `INSERT INTO annotations (project_id, task_id, created_by, origin, status, regions, version,
         lead_time_ms, schema_version, created_at, updated_at)
       VALUES (?, ?, NULL, ?, ?, ?, 1, ?, 1, ?, ?)`,
    ),
    label: sqlite.prepare(
      `INSERT INTO annotation_labels (project_id, task_id, annotation_id, label) VALUES (?, ?, ?, ?)`,
    ),
    project: sqlite.prepare(
      `UPDATE projects SET task_count = task_count + ?, annotated_count = annotated_count + ? WHERE id = ?`,
    ),
    progress: sqlite.prepare(
      `UPDATE imports SET records_read = ?, stored = stored + ?, duplicates = duplicates + ?, failed = ? WHERE id = ?`,
    ),
  };
}

async function insertSqlite(
  store: Extract<Store, { dialect: 'sqlite' }>,
  projectId: number,
  rows: TaskRow[],
  progress: ImportProgress,
): Promise<BatchResult> {
  // Hold Kysely's connection lock so no other query interleaves with this raw transaction.
  return store.db.connection().execute(async () => {
    let st = sqliteStatements.get(store.sqlite);
    if (!st) sqliteStatements.set(store.sqlite, (st = prepareSqlite(store.sqlite)));
    const s = st;
    const ts = now();
    const run = store.sqlite.transaction(() => {
      let stored = 0;
      let annotated = 0;
      for (const r of rows) {
        const submitted = r.annotations?.filter((a) => a.status !== 'draft').length ?? 0;
        const status = submitted > 0 ? 'annotated' : r.predictions?.length ? 'prelabeled' : 'new';
        const res = s.task.run(projectId, r.data, r.meta, r.provenance, r.hash, status, submitted,
          r.predictions?.length ?? 0, progress.importId, ts, ts);
        if (res.changes === 0) continue;
        stored++;
        if (submitted > 0) annotated++;
        const taskId = Number(res.lastInsertRowid);
        for (const p of r.predictions ?? []) s.prediction.run(projectId, taskId, p.model, p.model_version, p.score, p.regions, ts);
        for (const a of r.annotations ?? []) {
          const aid = Number(s.annotation.run(projectId, taskId, a.origin, a.status, a.regions, a.lead_time_ms, ts, ts).lastInsertRowid);
          for (const label of a.labels) s.label.run(projectId, taskId, aid, label);
        }
      }
      s.project.run(stored, annotated, projectId);
      s.progress.run(progress.recordsRead, stored, rows.length - stored, progress.failed, progress.importId);
      return { stored, duplicates: rows.length - stored };
    });
    return run.immediate();
  });
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
      r.annotations?.some((a) => a.status !== 'draft') ? 'annotated' : r.predictions?.length ? 'prelabeled' : 'new',
    );
    const res = await client.query<{ id: number; content_hash: string }>(
      `INSERT INTO tasks (project_id, data, meta, provenance, content_hash, status, priority,
         annotation_count, prediction_count, import_id, created_at, updated_at)
       SELECT $1, u.d, u.m, u.p, u.h, u.s, 0, u.ac, u.pc, $2, $3, $3
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::int[])
         AS u(d, m, p, h, s, ac, pc)
       ON CONFLICT (project_id, content_hash) DO NOTHING
       RETURNING id, content_hash`,
      [
        projectId, progress.importId, ts,
        rows.map((r) => r.data), rows.map((r) => r.meta), rows.map((r) => r.provenance), rows.map((r) => r.hash),
        status,
        rows.map((r) => r.annotations?.filter((a) => a.status !== 'draft').length ?? 0),
        rows.map((r) => r.predictions?.length ?? 0),
      ],
    );
    const stored = res.rowCount ?? 0;
    let annotated = 0;
    if (rows.some((r) => r.annotations?.length || r.predictions?.length)) {
      annotated = await insertChildrenPostgres(client, projectId, rows, res.rows, ts);
    }
    await client.query('UPDATE projects SET task_count = task_count + $1, annotated_count = annotated_count + $2 WHERE id = $3', [stored, annotated, projectId]);
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

async function insertChildrenPostgres(
  client: PgClient,
  projectId: number,
  rows: TaskRow[],
  inserted: { id: number; content_hash: string }[],
  ts: string,
): Promise<number> {
  const byHash = new Map(inserted.map((r) => [r.content_hash, r.id]));
  let annotated = 0;
  for (const r of rows) {
    const taskId = byHash.get(r.hash);
    if (taskId === undefined) continue;
    byHash.delete(r.hash); // a hash repeated inside the batch belongs to its first row only
    for (const p of r.predictions ?? []) {
      await client.query(
        'INSERT INTO predictions (project_id, task_id, model, model_version, score, regions, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)',
        [projectId, taskId, p.model, p.model_version, p.score, p.regions, ts],
      );
    }
    if (r.annotations?.some((a) => a.status !== 'draft')) annotated++;
    for (const a of r.annotations ?? []) {
      const { rows: ids } = await client.query<{ id: number }>(
        `INSERT INTO annotations (project_id, task_id, created_by, origin, status, regions, version, lead_time_ms,
           schema_version, created_at, updated_at) VALUES ($1,$2,NULL,$3,$4,$5,1,$6,1,$7,$7) RETURNING id`,
        [projectId, taskId, a.origin, a.status, a.regions, a.lead_time_ms, ts],
      );
      for (const label of a.labels) {
        await client.query('INSERT INTO annotation_labels (project_id, task_id, annotation_id, label) VALUES ($1,$2,$3,$4)', [
          projectId, taskId, ids[0]!.id, label,
        ]);
      }
    }
  }
  return annotated;
}
