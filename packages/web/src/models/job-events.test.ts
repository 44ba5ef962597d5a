import { describe, expect, it } from 'vitest';
import type { PrelabelJob } from '../api/ml-types.ts';
import {
  applyJobEvent,
  countsOfResult,
  jobActions,
  jobRate,
  jobToShow,
  parseJobEvent,
  parseTaskIds,
  viewOfJob,
} from './job-events.ts';

const counts = {
  done: 200,
  total: 500,
  stored: 180,
  rejected: 5,
  failed: 3,
  empty: 12,
  skipped: 0,
  wall_ms: 400,
  model_ms: 100,
};

function job(over: Partial<PrelabelJob> = {}): PrelabelJob {
  return {
    id: 7,
    kind: 'prelabel',
    status: 'running',
    progress: 0.4,
    model_id: 3,
    selection: null,
    counts,
    rejections: [],
    result: null,
    error: null,
    created_at: '2026-11-28T00:00:00Z',
    updated_at: '2026-11-28T00:00:01Z',
    ...over,
  };
}

describe('parseJobEvent', () => {
  it('reads the progress and done events the server sends', () => {
    expect(
      parseJobEvent('progress', '{"id":7,"kind":"prelabel","status":"running","progress":0.25}'),
    ).toEqual({ ok: true, event: { type: 'progress', id: 7, status: 'running', progress: 0.25 } });
    const done = parseJobEvent(
      'done',
      JSON.stringify({
        id: 7,
        status: 'done',
        progress: 1,
        result: { done: 5, total: 5 },
        error: null,
      }),
    );
    expect(done).toEqual({
      ok: true,
      event: {
        type: 'done',
        status: 'done',
        progress: 1,
        result: { done: 5, total: 5 },
        error: null,
      },
    });
    expect(parseJobEvent('done', '{"status":"gone"}')).toMatchObject({
      ok: true,
      event: { status: 'gone', result: null },
    });
  });

  it('names what is wrong with a malformed event', () => {
    expect(parseJobEvent('message', '{}')).toEqual({ ok: false, error: 'unknown event "message"' });
    expect(parseJobEvent('progress', 'not json')).toEqual({
      ok: false,
      error: 'progress: data is not JSON',
    });
    expect(parseJobEvent('progress', '[1]')).toMatchObject({ ok: false });
    expect(parseJobEvent('progress', '{"status":"running","progress":0.1}')).toEqual({
      ok: false,
      error: 'progress: id is missing',
    });
    expect(parseJobEvent('progress', '{"id":1,"status":"exploded","progress":0.1}')).toEqual({
      ok: false,
      error: 'progress: unknown status "exploded"',
    });
    expect(parseJobEvent('progress', '{"id":1,"status":"running","progress":2}')).toMatchObject({
      ok: false,
      error: 'progress: progress must be a number from 0 to 1',
    });
    expect(parseJobEvent('done', '{"status":42}')).toMatchObject({ ok: false });
  });
});

describe('job view', () => {
  it('starts from the job list with its checkpoint counts, and follows progress', () => {
    let v = viewOfJob(job());
    expect(v).toMatchObject({ status: 'running', progress: 0.4, final: false, counts });
    v = applyJobEvent(v, { type: 'progress', id: 7, status: 'running', progress: 0.6 });
    expect(v.progress).toBe(0.6);
    // A repeated older event after a reconnect does not move the bar back.
    v = applyJobEvent(v, { type: 'progress', id: 7, status: 'running', progress: 0.5 });
    expect(v.progress).toBe(0.6);
  });

  it('takes the final counts, rejections and error from the done event', () => {
    const result = {
      ...counts,
      done: 500,
      rejections: [{ task_id: 4, reason: 'bad label' }],
      tasks: 500,
    };
    const v = applyJobEvent(viewOfJob(job()), {
      type: 'done',
      status: 'done',
      progress: 1,
      result,
      error: null,
    });
    expect(v).toMatchObject({ status: 'done', progress: 1, final: true });
    expect(v.counts?.done).toBe(500);
    expect(v.rejections).toEqual([{ task_id: 4, reason: 'bad label' }]);
    const failed = applyJobEvent(viewOfJob(job()), {
      type: 'done',
      status: 'failed',
      progress: 0.4,
      result: null,
      error: 'the model was deleted',
    });
    expect(failed).toMatchObject({ status: 'failed', error: 'the model was deleted', counts });
  });

  it('a resumed job starts a new run: queued again, error cleared', () => {
    const cancelled = viewOfJob(job({ status: 'cancelled', progress: 0.4, error: 'x' }));
    expect(cancelled.final).toBe(true);
    expect(jobActions(cancelled)).toEqual({ cancel: false, resume: true });
    const resumed = applyJobEvent(cancelled, {
      type: 'progress',
      id: 7,
      status: 'queued',
      progress: 0.4,
    });
    expect(resumed).toMatchObject({ status: 'queued', final: false, error: null });
    expect(jobActions(resumed)).toEqual({ cancel: true, resume: false });
  });

  it('computes the rate from the job’s own wall time', () => {
    expect(jobRate(counts)).toBe(500);
    expect(jobRate({ ...counts, wall_ms: 0 })).toBeUndefined();
    expect(jobRate(null)).toBeUndefined();
  });

  it('reads counts from a summary, and refuses one without done and total', () => {
    expect(countsOfResult({ tasks: 3, total: 3, stored: 2 })).toMatchObject({
      done: 3,
      total: 3,
      stored: 2,
      failed: 0,
    });
    expect(countsOfResult({ stored: 2 })).toBeNull();
    expect(countsOfResult('x')).toBeNull();
  });

  it('re-attaches to the newest running job, else shows the newest', () => {
    const a = job({ id: 9, status: 'done' });
    const b = job({ id: 8, status: 'running' });
    const c = job({ id: 7, status: 'done' });
    expect(jobToShow([a, b, c])?.id).toBe(8);
    expect(jobToShow([a, c])?.id).toBe(9);
    expect(jobToShow([])).toBeUndefined();
  });
});

describe('parseTaskIds', () => {
  it('reads ids and ranges, and names the part it cannot read', () => {
    expect(parseTaskIds('')).toEqual({ ok: true, ids: undefined });
    expect(parseTaskIds(' 3, 5-7 3 ')).toEqual({ ok: true, ids: [3, 5, 6, 7] });
    expect(parseTaskIds('3, x')).toEqual({ ok: false, bad: 'x' });
    expect(parseTaskIds('9-2')).toEqual({ ok: false, bad: '9-2' });
    expect(parseTaskIds('0')).toEqual({ ok: false, bad: '0' });
    expect(parseTaskIds('1-20000')).toEqual({ ok: false, bad: '1-20000' });
  });
});
