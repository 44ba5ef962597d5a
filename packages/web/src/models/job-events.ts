/**
 * Pre-label job progress, pure: parsing the server-sent events of
 * `GET /api/projects/:id/jobs/:jobId/events` (`progress` while it runs, one `done` at the end)
 * and folding them, with the job list's checkpoint counts, into what the page shows (done of
 * total, rate, errors, the final summary).
 *
 * @example
 * let view = viewOfJob(await mlApi.prelabelJob(1, 7));
 * const ev = parseJobEvent('progress', '{"id":7,"kind":"prelabel","status":"running","progress":0.4}');
 * if (ev.ok) view = applyJobEvent(view, ev.event);
 */
import type { PrelabelCounts, PrelabelJob } from '../api/ml-types.ts';
import type { JobStatus } from '../api/quality-types.ts';

const STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'failed', 'cancelled'];
const FINAL: readonly string[] = ['done', 'failed', 'cancelled', 'gone'];

/** One event of a job's stream. */
export type JobEvent =
  | { type: 'progress'; id: number; status: JobStatus; progress: number }
  | {
      type: 'done';
      /** `gone`: the job was deleted (its project was). */
      status: JobStatus | 'gone';
      progress: number | undefined;
      result: unknown;
      error: string | null;
    };

/** What the page shows of a job. */
export interface JobView {
  id: number;
  status: JobStatus | 'gone';
  /** 0..1. */
  progress: number;
  counts: PrelabelCounts | null;
  rejections: { task_id: number; reason: string }[];
  error: string | null;
  /** True once the job ended and the summary is final. */
  final: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/**
 * Parses one server-sent event; anything malformed is an error naming what was wrong (the
 * caller ignores it and keeps the last good state).
 *
 * @example
 * parseJobEvent('done', '{"status":"done","result":{"done":10}}'); // { ok: true, event: … }
 */
export function parseJobEvent(
  type: string,
  data: string,
): { ok: true; event: JobEvent } | { ok: false; error: string } {
  if (type !== 'progress' && type !== 'done')
    return { ok: false, error: `unknown event "${type}"` };
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return { ok: false, error: `${type}: data is not JSON` };
  }
  if (!isRecord(v)) return { ok: false, error: `${type}: data is not an object` };
  const status = v.status;
  if (type === 'progress') {
    const id = num(v.id);
    const progress = num(v.progress);
    if (id === undefined) return { ok: false, error: 'progress: id is missing' };
    if (!STATUSES.includes(status as JobStatus))
      return { ok: false, error: `progress: unknown status ${JSON.stringify(status)}` };
    if (progress === undefined || progress < 0 || progress > 1)
      return { ok: false, error: 'progress: progress must be a number from 0 to 1' };
    return { ok: true, event: { type, id, status: status as JobStatus, progress } };
  }
  if (status !== 'gone' && !STATUSES.includes(status as JobStatus))
    return { ok: false, error: `done: unknown status ${JSON.stringify(status)}` };
  return {
    ok: true,
    event: {
      type,
      status: status as JobStatus | 'gone',
      progress: num(v.progress),
      result: v.result ?? null,
      error: typeof v.error === 'string' ? v.error : null,
    },
  };
}

/**
 * The counts of a finished job's result (the job's summary), when it has them.
 *
 * @example
 * countsOfResult({ done: 5, total: 5, stored: 4, empty: 1, … }); // PrelabelCounts
 */
export function countsOfResult(result: unknown): PrelabelCounts | null {
  if (!isRecord(result)) return null;
  const done = num(result.done) ?? num(result.tasks);
  const total = num(result.total);
  if (done === undefined || total === undefined) return null;
  const n = (k: string) => num(result[k]) ?? 0;
  return {
    done,
    total,
    stored: n('stored'),
    rejected: n('rejected'),
    failed: n('failed'),
    empty: n('empty'),
    skipped: n('skipped'),
    wall_ms: n('wall_ms'),
    model_ms: n('model_ms'),
  };
}

/**
 * The view of a job from the job list (a page load, a reload, a poll).
 *
 * @example
 * viewOfJob(job).counts?.done;
 */
export function viewOfJob(job: PrelabelJob): JobView {
  const final = FINAL.includes(job.status);
  const rejections =
    isRecord(job.result) && Array.isArray(job.result.rejections)
      ? (job.result.rejections as JobView['rejections'])
      : job.rejections;
  return {
    id: job.id,
    status: job.status,
    progress: job.status === 'done' ? 1 : job.progress,
    counts: (final ? countsOfResult(job.result) : null) ?? job.counts,
    rejections: rejections ?? [],
    error: job.error,
    final,
  };
}

/**
 * Folds one event into the view. Progress never moves backwards within a run (events of a
 * stream that reconnected may repeat), except when a resumed job starts again from `queued`.
 *
 * @example
 * view = applyJobEvent(view, { type: 'progress', id: 7, status: 'running', progress: 0.5 });
 */
export function applyJobEvent(view: JobView, ev: JobEvent): JobView {
  if (ev.type === 'progress') {
    const restarted = view.final && !FINAL.includes(ev.status);
    return {
      ...view,
      status: ev.status,
      progress: restarted ? ev.progress : Math.max(view.progress, ev.progress),
      final: FINAL.includes(ev.status),
      error: restarted ? null : view.error,
    };
  }
  const counts = countsOfResult(ev.result) ?? view.counts;
  const rejections =
    isRecord(ev.result) && Array.isArray(ev.result.rejections)
      ? (ev.result.rejections as JobView['rejections'])
      : view.rejections;
  return {
    ...view,
    status: ev.status,
    progress: ev.status === 'done' ? 1 : (ev.progress ?? view.progress),
    counts,
    rejections,
    error: ev.error,
    final: true,
  };
}

/**
 * Tasks per second as measured by the job (its own wall time), or undefined before a batch
 * has finished.
 *
 * @example
 * jobRate({ done: 500, wall_ms: 250, … }); // 2000
 */
export function jobRate(counts: PrelabelCounts | null): number | undefined {
  if (!counts || counts.wall_ms <= 0 || counts.done <= 0) return undefined;
  return counts.done / (counts.wall_ms / 1000);
}

/** Whether a job can be cancelled (it has not ended) or resumed (it was cancelled or failed). */
export function jobActions(view: JobView): { cancel: boolean; resume: boolean } {
  return {
    cancel: view.status === 'queued' || view.status === 'running',
    resume: view.status === 'cancelled' || view.status === 'failed',
  };
}

/**
 * The job to show when the page opens: the newest one still queued or running (re-attach),
 * else the newest one (its summary), else none.
 *
 * @example
 * jobToShow(await mlApi.prelabelJobs(1, { model_id: 3 }));
 */
export function jobToShow(jobs: readonly PrelabelJob[]): PrelabelJob | undefined {
  return jobs.find((j) => j.status === 'queued' || j.status === 'running') ?? jobs[0];
}

/**
 * Parses "1, 2, 5-9" into task ids; undefined for an empty box, an error naming the bad part.
 *
 * @example
 * parseTaskIds('3, 5-7'); // { ok: true, ids: [3, 5, 6, 7] }
 */
export function parseTaskIds(
  text: string,
): { ok: true; ids: number[] | undefined } | { ok: false; bad: string } {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return { ok: true, ids: undefined };
  const ids: number[] = [];
  for (const part of parts) {
    const m = /^(\d{1,15})(?:-(\d{1,15}))?$/.exec(part);
    const a = Number(m?.[1]);
    const b = m?.[2] === undefined ? a : Number(m[2]);
    if (!m || a < 1 || b < a || b - a > 10_000) return { ok: false, bad: part };
    for (let i = a; i <= b; i++) ids.push(i);
  }
  if (ids.length > 10_000) return { ok: false, bad: `${ids.length}` };
  return { ok: true, ids: [...new Set(ids)] };
}
