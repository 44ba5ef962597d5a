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
  /**
   * Stop the worker after this long without jobs (default 5 minutes), giving back the memory
   * the models hold (~0.5 GB with all three; WebAssembly memory never shrinks otherwise).
   * The next job starts a worker and loads its models again.
   */
  idleMs?: number;
  /**
   * Jobs sent to the worker ahead of the running one (default 1), so it decodes the next
   * image while a model runs. Their time limit starts when they reach the head.
   */
  prefetch?: number;
  /** Worker file (tests only). */
  workerFile?: string;
}

interface Queued {
  job: VisionJob;
  started: number;
  resolve: (r: VisionJobResult<unknown>) => void;
  reject: (e: Error) => void;
}

/** A job sent to a worker; `timer` runs once it is the head (the one the worker is on). */
interface Posted extends Queued {
  id: number;
  worker: Worker;
  timer?: NodeJS.Timeout;
}

type WorkerReply =
  | { id: number; ok: true; result: unknown; timings: Omit<VisionTimings, 'totalMs'> }
  | { id: number; ok: false; error: { code: string; message: string } };

const closedError = () => new VisionError('vision_closed', 'The vision service is closed.');

/**
 * One worker thread running vision jobs one at a time, each under a wall-clock limit, inside
 * `resourceLimits` (the V8 heap cap) and with the decoder's pixel cap. A job that runs out of
 * time or memory kills the worker, not the API: its caller gets a clear VisionError, the jobs
 * sent behind it go back to the front of the queue, and the next job starts a fresh worker
 * (models load again, lazily). Models stay loaded between jobs; an idle worker is stopped.
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
  /** Jobs the worker has, in its order: the first is running, the rest are decoding ahead. */
  private readonly posted: Posted[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Workers started so far (1 + restarts after a timeout, OOM, crash or idle stop). */
  started = 0;
  /** Jobs finished, successfully or not. */
  finished = 0;

  constructor(private readonly opts: VisionWorkerOptions) {}

  /** Queues a job; settles with its result or a VisionError. */
  run<T>(job: VisionJob): Promise<VisionJobResult<T>> {
    if (this.closed) return Promise.reject(closedError());
    if (this.queue.length >= (this.opts.maxQueue ?? 64)) {
      const msg = `${this.queue.length} vision jobs are waiting; try again later.`;
      return Promise.reject(new VisionError('vision_busy', msg));
    }
    return new Promise((resolve, reject) => {
      const queued = { job, started: performance.now(), reject };
      this.queue.push({ ...queued, resolve: resolve as Queued['resolve'] });
      this.pump();
    });
  }

  /** Jobs waiting plus those with the worker. */
  get pending(): number {
    return this.queue.length + this.posted.length;
  }

  /** Fails every waiting job and stops the worker. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const q of this.queue.splice(0)) q.reject(closedError());
    for (const p of [...this.posted]) this.settle(p.id, closedError());
    await this.stopWorker();
  }

  private pump(): void {
    if (this.closed) return;
    const max = 1 + Math.max(0, this.opts.prefetch ?? 1);
    while (this.posted.length < max && this.queue.length > 0) this.post(this.queue.shift()!);
    const head = this.posted[0];
    if (head && !head.timer) {
      const { timeoutMs } = this.opts.limits;
      head.timer = setTimeout(() => {
        const msg = `The vision job (${head.job.op}) took longer than ${timeoutMs} ms and was stopped.`;
        this.failHead(head.worker, new VisionError('vision_timeout', msg));
      }, timeoutMs);
    }
    if (this.posted.length === 0) {
      this.worker?.unref();
      this.armIdleTimer();
    }
  }

  private post(next: Queued): void {
    clearTimeout(this.idleTimer);
    const worker = this.ensureWorker();
    worker.ref(); // keep the process alive while a job is out
    const id = this.nextId++;
    this.posted.push({ ...next, id, worker });
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

  /**
   * The worker is lost (time limit, memory cap, crash): the job it was running fails with
   * `err`; the jobs sent behind it are innocent and go back to the front of the queue.
   */
  private failHead(w: Worker, err: VisionError): void {
    this.retire(w);
    const [head, ...behind] = this.posted.filter((p) => p.worker === w);
    for (const p of behind) {
      this.posted.splice(this.posted.indexOf(p), 1);
      clearTimeout(p.timer);
    }
    this.queue.unshift(
      ...behind.map(({ job, started, resolve, reject }) => ({ job, started, resolve, reject })),
    );
    if (head) this.settle(head.id, err);
    else this.pump();
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
    // Events of a worker already retired (timeout, idle) must not touch later jobs.
    w.on('message', (msg: WorkerReply) => {
      if (this.worker === w) this.onReply(msg);
    });
    w.on('error', (err: Error & { code?: string }) => {
      if (this.worker !== w) return;
      const head = this.posted.find((p) => p.worker === w);
      const op = head?.job.op ?? 'job';
      this.failHead(
        w,
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new VisionError(
              'vision_out_of_memory',
              `The vision job (${op}) needed more than the worker's ${limits.maxHeapMb} MiB and was stopped.`,
            )
          : new VisionError('vision_failed', `The vision worker failed: ${err.message}`),
      );
    });
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.failHead(
        w,
        new VisionError('vision_failed', `The vision worker stopped (exit ${code}).`),
      );
    });
    this.worker = w;
    return w;
  }

  private onReply(msg: WorkerReply): void {
    const p = this.posted.find((x) => x.id === msg.id);
    if (!p) return; // a reply to a job that already failed
    if (msg.ok) {
      const totalMs = performance.now() - p.started;
      this.settle(msg.id, undefined, { result: msg.result, timings: { ...msg.timings, totalMs } });
    } else {
      const code = isVisionErrorCode(msg.error.code) ? msg.error.code : 'vision_failed';
      this.settle(msg.id, new VisionError(code, capitalise(msg.error.message)));
    }
  }

  private settle(id: number, err: Error | undefined, value?: VisionJobResult<unknown>): void {
    const i = this.posted.findIndex((p) => p.id === id);
    if (i === -1) return;
    const [p] = this.posted.splice(i, 1);
    clearTimeout(p!.timer);
    this.finished++;
    if (err) p!.reject(err);
    else p!.resolve(value!);
    this.pump();
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    const w = this.worker;
    if (!w) return;
    this.idleTimer = setTimeout(() => {
      if (this.posted.length === 0 && this.queue.length === 0) this.retire(w);
    }, this.opts.idleMs ?? 300_000);
    this.idleTimer.unref();
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
