import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { SQLITE_WORKER } from '../paths.ts';
import type { BatchResult, ImportProgress, TaskRow } from './task-bulk.repository.ts';

type Pending = { resolve: (r: BatchResult) => void; reject: (e: Error) => void };

/**
 * A worker thread with its own SQLite connection that writes task batches. Batches are queued
 * and written in order, one transaction each; the promise settles when the batch is committed.
 */
export class SqliteWriter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly cacheKb: number,
  ) {}

  write(projectId: number, rows: TaskRow[], progress: ImportProgress): Promise<BatchResult> {
    const worker = this.start();
    worker.ref(); // keep the process alive while a batch is on its way
    const id = this.nextId++;
    const batch = toColumns(rows);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, batch: { projectId, progress, ...batch } }, [batch.key.buffer]);
    });
  }

  /** Copies the WAL into the database in the writer thread (PASSIVE: never waits on readers). */
  checkpoint(): Promise<BatchResult> {
    const worker = this.start();
    worker.ref();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, type: 'checkpoint' });
    });
  }

  /**
   * Checks the WAL's size every `ms` and has the writer thread checkpoint it past `bytes`: the
   * API's connection never checkpoints (wal_autocheckpoint = 0), so a commit on the event loop
   * never waits for one.
   */
  checkpointEvery(ms: number, bytes: number): void {
    this.timer = setInterval(() => {
      let size = 0;
      try {
        size = statSync(`${this.file}-wal`).size;
      } catch {
        return;
      }
      if (size > bytes) this.checkpoint().catch(() => {});
    }, ms);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const w = this.worker;
    if (!w) return;
    this.worker = undefined;
    const exited = new Promise((r) => w.once('exit', r));
    w.ref(); // wait for it to finish its last batch and close its connection
    w.postMessage({ type: 'close' });
    await exited;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(SQLITE_WORKER, {
      workerData: { file: this.file, cacheKb: this.cacheKb },
      // A batch is a few MB of strings: a small young generation keeps the thread's footprint low.
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 },
    });
    w.on(
      'message',
      (msg: { id: number; result?: BatchResult; error?: { message: string; code?: string } }) => {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (this.pending.size === 0) w.unref();
        if (msg.error)
          p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
        else p.resolve(msg.result!);
      },
    );
    w.on('error', (err) => this.failAll(err));
    w.on('exit', (code) => {
      if (this.worker === w) this.worker = undefined;
      if (this.pending.size) this.failAll(new Error(`the SQLite writer stopped (exit ${code})`));
    });
    w.unref();
    this.worker = w;
    return w;
  }

  private failAll(err: Error) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

/**
 * A batch as columns: arrays of strings and one Float64Array of keys cost the writer thread a
 * third of what a structured clone of as many row objects does (bench/README.md). Children
 * (predictions, annotations) travel beside their row's index; most imports have none.
 */
function toColumns(rows: TaskRow[]) {
  const n = rows.length;
  const data = new Array<string>(n);
  const hash = new Array<string>(n);
  const key = new Float64Array(n);
  let meta: (string | null)[] | null = null;
  let provenance: (string | null)[] | null = null;
  const children: [number, TaskRow['predictions'] | null, TaskRow['annotations'] | null][] = [];
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    data[i] = r.data;
    hash[i] = r.hash;
    key[i] = r.key;
    if (r.meta !== null) (meta ??= new Array<string | null>(n).fill(null))[i] = r.meta;
    if (r.provenance !== null)
      (provenance ??= new Array<string | null>(n).fill(null))[i] = r.provenance;
    if (r.predictions?.length || r.annotations?.length)
      children.push([i, r.predictions ?? null, r.annotations ?? null]);
  }
  return { n, data, hash, key, meta, provenance, children };
}
