import { describe, it, expect } from 'vitest';
import { isFinished, pollJob } from './poll-job.ts';
import type { Job, JobStatus } from './quality-types.ts';

const job = (status: JobStatus, progress = 0): Job => ({
  id: 7,
  kind: 'qc.recompute',
  status,
  progress,
});

describe('pollJob', () => {
  it('polls until the job is done, backing off, and reports progress', async () => {
    const answers = [job('queued'), job('running', 0.5), job('done', 1)];
    const waits: number[] = [];
    const seen: number[] = [];
    const final = await pollJob(async () => answers.shift()!, {
      intervalMs: 100,
      maxIntervalMs: 150,
      sleep: async (ms) => void waits.push(ms),
      onProgress: (j) => seen.push(j.progress ?? 0),
    });
    expect(final.status).toBe('done');
    expect(waits).toEqual([100, 150]);
    expect(seen).toEqual([0, 0.5, 1]);
  });

  it('returns a failed job as final, with its error', async () => {
    const final = await pollJob(async () => ({ ...job('failed'), error: 'boom' }), {
      sleep: async () => undefined,
    });
    expect(final).toMatchObject({ status: 'failed', error: 'boom' });
  });

  it('gives up after the timeout and stops when aborted', async () => {
    let t = 0;
    await expect(
      pollJob(async () => job('running'), {
        timeoutMs: 1000,
        now: () => (t += 600),
        sleep: async () => undefined,
      }),
    ).rejects.toThrow(/did not finish/);
    const ctl = new AbortController();
    ctl.abort();
    await expect(pollJob(async () => job('running'), { signal: ctl.signal })).rejects.toThrow(
      /aborted/,
    );
  });

  it('knows the final states', () => {
    expect(
      ['queued', 'running', 'done', 'failed', 'cancelled'].map((s) =>
        isFinished({ status: s as JobStatus }),
      ),
    ).toEqual([false, false, true, true, true]);
  });
});
