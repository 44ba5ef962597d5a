/**
 * Waits for a background job to finish by polling it, with a growing interval (jobs are
 * usually quick; a long one should not be hammered) and an abort signal for when the page
 * goes away.
 *
 * @example
 * const job = await pollJob(() => qualityApi.job(projectId, started.id), {
 *   onProgress: (j) => setProgress(j.progress ?? 0),
 * });
 * if (job.status !== 'done') showError(job.error);
 */
import type { Job } from './quality-types.ts';

/** Options of pollJob. */
export interface PollOptions {
  /** First wait between polls (ms); doubles up to `maxIntervalMs`. */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** Gives up (throws) after this long. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (job: Job) => void;
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const FINAL = new Set(['done', 'failed', 'cancelled']);

/** True when a job will not change any more. */
export function isFinished(job: Pick<Job, 'status'>): boolean {
  return FINAL.has(job.status);
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `get` until the job is done, failed or cancelled; resolves the final job. */
export async function pollJob(get: () => Promise<Job>, opts: PollOptions = {}): Promise<Job> {
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;
  const deadline = now() + (opts.timeoutMs ?? 10 * 60_000);
  let wait = opts.intervalMs ?? 250;
  for (;;) {
    if (opts.signal?.aborted) throw new DOMException('The poll was aborted.', 'AbortError');
    const job = await get();
    opts.onProgress?.(job);
    if (isFinished(job)) return job;
    if (now() > deadline) throw new Error(`Job ${job.id} did not finish in time.`);
    await sleep(wait);
    wait = Math.min(wait * 2, opts.maxIntervalMs ?? 2000);
  }
}
