/**
 * Follows a pre-label job live: loads its snapshot (counts from the checkpoint), subscribes to
 * the server's event stream with EventSource, re-reads the counts as progress arrives (at
 * most every 400 ms), and falls back to polling when the stream cannot be opened. `follow()`
 * re-attaches after a resume; the stream closes on `done` and on unmount.
 *
 * @example
 * const job = usePrelabelJob(projectId, jobId);
 * job.view?.counts?.done;
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { mlApi } from '../app/ml-api.ts';
import { applyJobEvent, parseJobEvent, viewOfJob, type JobView } from './job-events.ts';

/** State of a followed job. */
export interface FollowedJob {
  view: JobView | undefined;
  error: unknown;
  /** Re-reads the job and re-opens its stream (after a resume). */
  follow: () => void;
}

const COUNTS_EVERY_MS = 400;
const POLL_MS = 1000;

/** Follows job `jobId` of project `projectId` (nothing when jobId is undefined). */
export function usePrelabelJob(
  projectId: number,
  jobId: number | undefined,
  onFinal?: (view: JobView) => void,
): FollowedJob {
  const [view, setView] = useState<JobView | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [gen, setGen] = useState(0);
  const onFinalRef = useRef(onFinal);
  onFinalRef.current = onFinal;

  useEffect(() => {
    if (jobId === undefined) {
      setView(undefined);
      return;
    }
    let stopped = false;
    let source: EventSource | null = null;
    let poll: ReturnType<typeof setTimeout> | undefined;
    let lastCounts = 0;
    let countsTimer: ReturnType<typeof setTimeout> | undefined;
    // The effect's own copy of the view, so events fold in order without updater functions.
    let cur: JobView | undefined;
    let ended = false;
    const show = (v: JobView) => {
      cur = v;
      setView(v);
    };

    const finish = (v: JobView) => {
      source?.close();
      source = null;
      if (ended) return;
      ended = true;
      onFinalRef.current?.(v);
    };
    // Counts live in the job's checkpoint, not in the events: re-read them, throttled.
    const refreshCounts = () => {
      if (countsTimer) return;
      const wait = Math.max(0, lastCounts + COUNTS_EVERY_MS - Date.now());
      countsTimer = setTimeout(() => {
        countsTimer = undefined;
        lastCounts = Date.now();
        void mlApi.prelabelJob(projectId, jobId).then(
          (j) => {
            if (stopped || !cur || cur.final) return;
            show({ ...cur, counts: j.counts ?? cur.counts, rejections: j.rejections });
          },
          () => undefined,
        );
      }, wait);
    };
    const pollLoop = () => {
      poll = setTimeout(() => {
        void mlApi.prelabelJob(projectId, jobId).then(
          (j) => {
            if (stopped) return;
            const v = viewOfJob(j);
            show(v);
            if (v.final) finish(v);
            else pollLoop();
          },
          (e: unknown) => !stopped && setError(e),
        );
      }, POLL_MS);
    };
    const open = () => {
      const es = new EventSource(mlApi.jobEventsUrl(projectId, jobId));
      source = es;
      const on = (type: string) => (msg: MessageEvent<string>) => {
        const parsed = parseJobEvent(type, msg.data);
        if (!parsed.ok || stopped || !cur) return;
        const ev = parsed.event;
        show(applyJobEvent(cur, ev));
        if (ev.type === 'done') finish(cur);
        else refreshCounts();
      };
      es.addEventListener('progress', on('progress'));
      es.addEventListener('done', on('done'));
      es.onerror = () => {
        // CLOSED: the stream could not be opened (or was refused): poll instead.
        if (es.readyState === EventSource.CLOSED && !stopped && source === es) {
          source = null;
          pollLoop();
        }
      };
    };

    setError(undefined);
    mlApi.prelabelJob(projectId, jobId).then(
      (j) => {
        if (stopped) return;
        const v = viewOfJob(j);
        show(v);
        if (!v.final) open();
      },
      (e: unknown) => !stopped && setError(e),
    );
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(poll);
      clearTimeout(countsTimer);
    };
  }, [projectId, jobId, gen]);

  const follow = useCallback(() => setGen((g) => g + 1), []);
  return { view, error, follow };
}
