import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { DIALECTS, startTestServer, type TestServer } from './harness.ts';

const choice = (label: string) => ({
  id: 'c1',
  control: 'sentiment',
  type: 'choice',
  value: { choices: [label] },
});

describe.each(DIALECTS)('review on %s', (dialect) => {
  let s: TestServer;
  let manager: Awaited<ReturnType<TestServer['buildUser']>>;
  let annotator: Awaited<ReturnType<TestServer['buildUser']>>;
  let reviewer: Awaited<ReturnType<TestServer['buildUser']>>;
  let pid: number;
  let tid: number;

  beforeAll(async () => {
    s = await startTestServer(dialect);
    [manager, annotator, reviewer] = [
      await s.buildUser(),
      await s.buildUser(),
      await s.buildUser(),
    ];
    const m = s.api(manager.token);
    pid = (await m.post('/api/projects', { name: 'R', schema: buildSchema() })).body.id;
    await m.put(`/api/projects/${pid}/members/${annotator.id}`, { role: 'annotator' });
    await m.put(`/api/projects/${pid}/members/${reviewer.id}`, { role: 'reviewer' });
    await m.raw('POST', `/api/projects/${pid}/import`, '{"text":"good film"}\n{"text":"bad film"}');
    tid = (await m.get(`/api/projects/${pid}/tasks`)).body.items[0].id;
  });
  afterAll(() => s?.close());

  it('submit → reject with a reason → rework → accept, and nobody reviews their own work', async () => {
    const an = s.api(annotator.token);
    const rv = s.api(reviewer.token);
    const ann = (
      await an.post(`/api/projects/${pid}/tasks/${tid}/annotations`, {
        regions: [choice('negative')],
      })
    ).body;
    expect(
      (
        await an.post(`/api/projects/${pid}/annotations/${ann.id}/review`, {
          decision: 'accept',
          version: ann.version,
        })
      ).status,
    ).toBe(403);
    const noReason = await rv.post(`/api/projects/${pid}/annotations/${ann.id}/review`, {
      decision: 'reject',
      version: ann.version,
    });
    expect(noReason.status, JSON.stringify(noReason.body)).toBe(400);
    expect(noReason.body.error.issues[0].path).toBe('reason');
    const rejected = await rv.post(`/api/projects/${pid}/annotations/${ann.id}/review`, {
      decision: 'reject',
      reason: 'The review is positive.',
      version: ann.version,
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    // the annotator's rework queue shows the task and the reason
    const rework = (
      await an.get(`/api/projects/${pid}/tasks?status=rejected&annotator=${annotator.id}`)
    ).body.items;
    expect(rework.map((t: { id: number }) => t.id)).toEqual([tid]);
    const detail = (await an.get(`/api/projects/${pid}/tasks/${tid}`)).body;
    expect(detail.reviews[0]).toMatchObject({
      decision: 'reject',
      reason: 'The review is positive.',
      reviewer: reviewer.username,
    });
    const fixed = await an.patch(`/api/projects/${pid}/annotations/${ann.id}`, {
      regions: [choice('positive')],
      status: 'submitted',
      version: rejected.body.version,
    });
    expect(fixed.status).toBe(200);
    expect((await an.get(`/api/projects/${pid}/tasks/${tid}`)).body.task.status).toBe('annotated');
    const accepted = await rv.post(`/api/projects/${pid}/annotations/${ann.id}/review`, {
      decision: 'accept',
      version: fixed.body.version,
    });
    expect(accepted.body.status).toBe('accepted');
    expect((await an.get(`/api/projects/${pid}/tasks/${tid}`)).body.task.status).toBe('accepted');
    const again = await rv.post(`/api/projects/${pid}/annotations/${ann.id}/review`, {
      decision: 'reject',
      reason: 'x',
      version: accepted.body.version,
    });
    expect(again.status).toBe(409);
    const audit = (
      await s.api((await s.buildUser({ admin: true })).token).get(`/api/audit?project_id=${pid}`)
    ).body.items.map((r: { action: string }) => r.action);
    expect(audit).toEqual(
      expect.arrayContaining(['review.reject', 'review.accept', 'annotation.submit']),
    );
    // the export carries the accepted annotation
    const exported = (await s.api(manager.token).get(`/api/projects/${pid}/export`)).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const row = exported.find((t: { id: number }) => t.id === tid);
    expect(row.annotations[0]).toMatchObject({ status: 'accepted', regions: [choice('positive')] });
  });

  it('a fix replaces the regions, accepts, and keeps what it replaced; annotators cannot review', async () => {
    const t2 = (await s.api(manager.token).get(`/api/projects/${pid}/tasks`)).body.items[1].id;
    const ann = (
      await s
        .api(annotator.token)
        .post(`/api/projects/${pid}/tasks/${t2}/annotations`, { regions: [choice('positive')] })
    ).body;
    const other = await s.buildUser();
    await s
      .api(manager.token)
      .put(`/api/projects/${pid}/members/${other.id}`, { role: 'annotator' });
    expect(
      (
        await s.api(other.token).post(`/api/projects/${pid}/annotations/${ann.id}/review`, {
          decision: 'accept',
          version: 1,
        })
      ).status,
    ).toBe(403);
    const fix = await s
      .api(reviewer.token)
      .post(`/api/projects/${pid}/annotations/${ann.id}/review`, {
        decision: 'fix',
        regions: [choice('negative')],
        version: ann.version,
      });
    expect(fix.status).toBe(200);
    expect(fix.body).toMatchObject({ status: 'accepted', regions: [choice('negative')] });
    const row = await s.store.db
      .selectFrom('reviews')
      .selectAll()
      .where('annotation_id', '=', ann.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.regions_before!)).toEqual([choice('positive')]);
  });
});
