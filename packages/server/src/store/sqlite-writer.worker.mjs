// The SQLite bulk writer, run in a worker thread so that parsing (main thread) and inserting
// (here) use both cores, and so the API's event loop never waits on a large batch.
// Plain JavaScript on purpose: a worker does not inherit the TypeScript loader of its parent.
// Each message is one batch, written in ONE transaction together with its counters.
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const db = new SQLite(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 30000');
db.pragma(`cache_size = -${workerData.cacheKb}`);
// Reads through a memory map: another connection's commit (the API's) empties this
// connection's page cache, and a small import into a large project then probes its content
// keys in pages the OS already holds, without a read() each (bench/README.md, 1k into 1M).
db.pragma('mmap_size = 268435456');
// Checkpoints are this thread's job, never the API thread's: after a batch when the WAL has
// grown past WAL_CHECKPOINT_BYTES, and when the main side asks (after an import, on a timer).
// A page rewritten by many batches (the content-key index) is then copied to the database once
// per checkpoint instead of once per batch.
db.pragma('wal_autocheckpoint = 0');
const WAL_CHECKPOINT_BYTES = 1024 * 1024 * 1024;
const walFile = `${workerData.file}-wal`;
const walBytes = () => {
  try {
    return statSync(walFile).size;
  } catch {
    return 0;
  }
};

const st = {
  task: db.prepare(
    `INSERT INTO tasks (project_id, data, meta, provenance, content_hash, hash_key, status, priority,
       annotation_count, prediction_count, import_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)
     ON CONFLICT (project_id, hash_key) DO NOTHING`,
  ),
  // Who holds a key that was taken: the same content (a duplicate) or other content (a collision).
  holder: db
    .prepare('SELECT content_hash FROM tasks WHERE project_id = ? AND hash_key = ?')
    .pluck(),
  prediction: db.prepare(
    `INSERT INTO predictions (project_id, task_id, model, model_version, score, regions, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ),
  annotation: db.prepare(
    `INSERT INTO annotations (project_id, task_id, created_by, origin, status, regions, version,
       lead_time_ms, schema_version, created_at, updated_at)
     VALUES (?, ?, NULL, ?, ?, ?, 1, ?, 1, ?, ?)`,
  ),
  label: db.prepare(
    'INSERT INTO annotation_labels (project_id, task_id, annotation_id, label) VALUES (?, ?, ?, ?)',
  ),
  project: db.prepare(
    'UPDATE projects SET task_count = task_count + ?, annotated_count = annotated_count + ? WHERE id = ?',
  ),
  progress: db.prepare(
    'UPDATE imports SET records_read = ?, stored = stored + ?, duplicates = duplicates + ?, failed = ? WHERE id = ?',
  ),
};

// records.ts probeKey, written out again: a worker cannot import the TypeScript module.
/** @param {string} hex @param {number} attempt */
function probeKey(hex, attempt) {
  if (attempt < 4) return parseInt(hex.slice(13 * attempt, 13 * attempt + 13), 16);
  return (parseInt(hex.slice(0, 13), 16) + attempt) % 2 ** 52;
}

/** Inserts row `i` of batch `b` under `key`; `changes` is 0 when the key is taken. */
function insertAt(b, i, key, status, submitted, predictions, ts) {
  if (status === 'new' && b.plain)
    return b.plain.run(
      b.data[i],
      b.meta ? b.meta[i] : null,
      b.provenance ? b.provenance[i] : null,
      b.hash[i],
      key,
    );
  return st.task.run(
    b.projectId,
    b.data[i],
    b.meta ? b.meta[i] : null,
    b.provenance ? b.provenance[i] : null,
    b.hash[i],
    key,
    status,
    submitted,
    predictions,
    b.progress.importId,
    ts,
    ts,
  );
}

/**
 * @param {{projectId: number, n: number, data: string[], hash: string[], key: Float64Array,
 *   meta: (string|null)[]|null, provenance: (string|null)[]|null, children: [number, any[]|null, any[]|null][],
 *   progress: {importId: number, recordsRead: number, failed: number}}} b
 */
const writeBatch = db.transaction((b) => {
  const ts = new Date().toISOString();
  // A task without annotations or predictions binds five values, not twelve: the batch's
  // constants (trusted integers and our own timestamp) are written into a statement prepared
  // for this batch; binding is a good part of the cost per task.
  if (Number.isSafeInteger(b.projectId) && Number.isSafeInteger(b.progress.importId))
    b.plain = db.prepare(
      `INSERT INTO tasks (project_id, data, meta, provenance, content_hash, hash_key, status, priority,
         annotation_count, prediction_count, import_id, created_at, updated_at)
       VALUES (${b.projectId}, ?, ?, ?, ?, ?, 'new', 0, 0, 0, ${b.progress.importId}, '${ts}', '${ts}')
       ON CONFLICT (project_id, hash_key) DO NOTHING`,
    );
  let stored = 0;
  let annotated = 0;
  let c = 0; // the next entry of b.children (sorted by row index)
  for (let i = 0; i < b.n; i++) {
    const child = c < b.children.length && b.children[c][0] === i ? b.children[c++] : undefined;
    const predictions = child?.[1] ?? null;
    const annotations = child?.[2] ?? null;
    const submitted = annotations ? annotations.filter((a) => a.status !== 'draft').length : 0;
    const status = submitted > 0 ? 'annotated' : predictions?.length ? 'prelabeled' : 'new';
    const pc = predictions ? predictions.length : 0;
    let res = insertAt(b, i, b.key[i], status, submitted, pc, ts);
    // One index descent in the common case; a taken key is resolved by probing (probeKey).
    for (let attempt = 1; res.changes === 0; attempt++) {
      if (st.holder.get(b.projectId, probeKey(b.hash[i], attempt - 1)) === b.hash[i]) break;
      res = insertAt(b, i, probeKey(b.hash[i], attempt), status, submitted, pc, ts);
    }
    if (res.changes === 0) continue; // the same content is already stored
    stored++;
    if (submitted > 0) annotated++;
    const taskId = Number(res.lastInsertRowid);
    for (const p of predictions ?? [])
      st.prediction.run(b.projectId, taskId, p.model, p.model_version, p.score, p.regions, ts);
    for (const a of annotations ?? []) {
      const aid = Number(
        st.annotation.run(
          b.projectId,
          taskId,
          a.origin,
          a.status,
          a.regions,
          a.lead_time_ms,
          ts,
          ts,
        ).lastInsertRowid,
      );
      for (const label of a.labels) st.label.run(b.projectId, taskId, aid, label);
    }
  }
  st.project.run(stored, annotated, b.projectId);
  st.progress.run(
    b.progress.recordsRead,
    stored,
    b.n - stored,
    b.progress.failed,
    b.progress.importId,
  );
  return { stored, duplicates: b.n - stored };
});

parentPort.on('message', (msg) => {
  if (msg.type === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    if (msg.type === 'checkpoint') {
      db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ id: msg.id, result: { stored: 0, duplicates: 0 } });
      return;
    }
    const result = writeBatch.immediate(msg.batch);
    if (walBytes() > WAL_CHECKPOINT_BYTES) db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ id: msg.id, result });
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: { message: err.message, code: err.code } });
  }
});
