import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { ROOT } from '../paths.ts';
import { isVisionErrorCode, VisionError } from './vision-errors.ts';
import type { VisionLimits } from './vision-limits.ts';
import type { VisionTimings } from './vision-types.ts';

/** The vision worker, plain JavaScript so a worker thread can load it without a loader. */
export const VISION_WORKER = join(ROOT, 'packages/server/src/vision/vision.worker.mjs');

/** Operations the worker knows. */
export type VisionOp = 'analyze' | 'inspect' | 'redact' | 'load';

/** A job for the worker: the op, the image bytes (copied, never detached) and its options. */
export interface VisionJob {
  op: VisionOp;
  bytes?: Uint8Array;
  options?: unknown;
  boxes?: unknown;
}

/** A finished job: the worker's result and where the time went. */
export interface VisionJobResult<T> {
  result: T;
  timings: VisionTimings;
}

/** Options of a {@link VisionWorker}. */
export interface VisionWorkerOptions {
  limits: VisionLimits;
  /** Jobs allowed to wait behind the running one before `vision_busy` (default 64). */
  maxQueue?: number;
  /** libvips threads in the worker (default 1: the other core stays with the API). */
  threads?: number;
  /** Worker file (tests only). */
  workerFile?: string;
}

interface Queued {
  job: VisionJob;
  started: number;
  resolve: (r: VisionJobResult<unknown>) => void;
  reject: (e: Error) => void;
}

type WorkerReply =
  | { id: number; ok: true; result: unknown; timings: Omit<VisionTimings, 'totalMs'> }
  | { id: number; ok: false; error: { code: string; message: string } };

/**
 * One worker thread running vision jobs one at a time, each under a wall-clock limit, inside
 * `resourceLimits` (the V8 heap cap) and with the decoder's pixel cap. A job that runs out of
 * time or memory kills the worker, not the API: its caller gets a clear VisionError and the
 * next job starts a fresh worker (models load again, lazily). Models stay loaded between jobs.
 *
 * @example
 * ```ts
 * const w = new VisionWorker({ limits: DEFAULT_VISION_LIMITS });
 * const { result, timings } = await w.run({ op: 'analyze', bytes, options: { faces: {} } });
 * await w.close();
 * ```
 */
export class VisionWorker {
  private worker: Worker | undefined;
  private current: (Queued & { id: number; timer: NodeJS.Timeout }) | undefined;
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers started so far (1 + restarts after a timeout, OOM or crash). */
  started = 0;
  /** Jobs finished, successfully or not. */
  finished = 0;

  constructor(private readonly opts: VisionWorkerOptions) {}

  /** Queues a job; settles with its result or a VisionError. */
  run<T>(job: VisionJob): Promise<VisionJobResult<T>> {
    if (this.closed)
      return Promise.reject(new VisionError('vision_closed', 'The vision service is closed.'));
    if (this.queue.length >= (this.opts.maxQueue ?? 64)) {
      return Promise.reject(
        new VisionError(
          'vision_busy',
          `${this.queue.length} vision jobs are waiting; try again later.`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({
        job,
        started: performance.now(),
        resolve: resolve as Queued['resolve'],
        reject,
      });
      this.pump();
    });
  }

  /** Jobs waiting plus the one running. */
  get pending(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  /** Fails every waiting job and stops the worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0))
      q.reject(new VisionError('vision_closed', 'The vision service is closed.'));
    const cur = this.current;
    if (cur) this.settle(cur.id, new VisionError('vision_closed', 'The vision service is closed.'));
    await this.stopWorker();
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const next = this.queue.shift();
    if (!next) {
      this.worker?.unref();
      return;
    }
    const worker = this.ensureWorker();
    worker.ref(); // keep the process alive while a job is out
    const id = this.nextId++;
    const { limits } = this.opts;
    const timer = setTimeout(() => {
      this.retire(worker); // first, so the next job gets a fresh worker
      this.settle(
        id,
        new VisionError(
          'vision_timeout',
          `The vision job (${next.job.op}) took longer than ${limits.timeoutMs} ms and was stopped.`,
        ),
      );
    }, limits.timeoutMs);
    this.current = { ...next, id, timer };
    const transfer: ArrayBuffer[] = [];
    let bytes: ArrayBuffer | undefined;
    if (next.job.bytes) {
      // A copy, transferred: the caller's buffer stays usable and nothing is cloned twice.
      // (Buffer#slice is a view, not a copy: copy by hand.)
      const copy = new Uint8Array(next.job.bytes.byteLength);
      copy.set(next.job.bytes);
      bytes = copy.buffer;
      transfer.push(bytes);
    }
    worker.postMessage({ ...next.job, id, bytes }, transfer);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const { limits } = this.opts;
    const w = new Worker(this.opts.workerFile ?? VISION_WORKER, {
      workerData: {
        limits: { maxPixels: limits.maxPixels, maxSide: limits.maxSide },
        threads: this.opts.threads ?? 1,
      },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    this.started++;
    // Events of a worker already retired (after a timeout) must not touch the next job.
    w.on('message', (msg: WorkerReply) => {
      if (this.worker === w) this.onReply(msg);
    });
    w.on('error', (err: Error & { code?: string }) => {
      if (this.worker !== w) return;
      this.retire(w);
      const cur = this.current;
      if (!cur) return;
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.settle(
        cur.id,
        oom
          ? new VisionError(
              'vision_out_of_memory',
              `The vision job (${cur.job.op}) needed more than the worker's ${limits.maxHeapMb} MiB and was stopped.`,
            )
          : new VisionError('vision_failed', `The vision worker failed: ${err.message}`),
      );
    });
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      const cur = this.current;
      if (cur)
        this.settle(
          cur.id,
          new VisionError('vision_failed', `The vision worker stopped (exit ${code}).`),
        );
    });
    this.worker = w;
    return w;
  }

  private onReply(msg: WorkerReply): void {
    const cur = this.current;
    if (!cur || cur.id !== msg.id) return; // a reply to a job that already timed out
    if (msg.ok) {
      const totalMs = performance.now() - cur.started;
      this.settle(msg.id, undefined, { result: msg.result, timings: { ...msg.timings, totalMs } });
    } else {
      const code = isVisionErrorCode(msg.error.code) ? msg.error.code : 'vision_failed';
      this.settle(msg.id, new VisionError(code, capitalise(msg.error.message)));
    }
  }

  private settle(id: number, err: Error | undefined, value?: VisionJobResult<unknown>): void {
    const cur = this.current;
    if (!cur || cur.id !== id) return;
    clearTimeout(cur.timer);
    this.current = undefined;
    this.finished++;
    if (err) cur.reject(err);
    else cur.resolve(value!);
    this.pump();
  }

  /** Forgets a worker and stops it; its late events are ignored. */
  private retire(w: Worker): void {
    if (this.worker === w) this.worker = undefined;
    void w.terminate();
  }

  private async stopWorker(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

function capitalise(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
