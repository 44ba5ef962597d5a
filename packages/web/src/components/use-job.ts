/**
 * Runs a background job from a component: start it, poll it until it ends, expose progress,
 * and stop polling when the component unmounts.
 *
 * @example
 * const job = useJob((jobId) => qualityApi.job(projectId, jobId));
 * <button disabled={job.running} onClick={() => void job.run(() => qualityApi.recompute(projectId))} />
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { pollJob } from '../api/poll-job.ts';
import type { Job } from '../api/quality-types.ts';

/** State of the job a component started. */
export interface JobState {
  running: boolean;
  /** 0..1 while running. */
  progress: number;
  /** The final job (done, failed or cancelled). */
  last: Job | null;
  /** A request error (the job's own failure is in `last.error`). */
  error: unknown;
}

/** The job runner. */
export function useJob(get: (jobId: number) => Promise<Job>) {
  const [state, setState] = useState<JobState>({
    running: false,
    progress: 0,
    last: null,
    error: undefined,
  });
  const abort = useRef<AbortController | null>(null);
  const getRef = useRef(get);
  getRef.current = get;
  useEffect(() => () => abort.current?.abort(), []);

  /** Starts a job with `start` and resolves the final job (null on a request error). */
  const run = useCallback(async (start: () => Promise<Job>): Promise<Job | null> => {
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    setState({ running: true, progress: 0, last: null, error: undefined });
    try {
      const started = await start();
      const last = await pollJob(() => getRef.current(started.id), {
        signal: ctl.signal,
        onProgress: (j) =>
          !ctl.signal.aborted && setState((s) => ({ ...s, progress: j.progress ?? s.progress })),
      });
      if (!ctl.signal.aborted) setState({ running: false, progress: 1, last, error: undefined });
      return last;
    } catch (e) {
      if (!ctl.signal.aborted) setState({ running: false, progress: 0, last: null, error: e });
      return null;
    }
  }, []);

  return { ...state, run };
}
