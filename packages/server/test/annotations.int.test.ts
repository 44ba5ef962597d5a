import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { DIALECTS, startTestServer, type TestServer } from './harness.ts';

const choice = (label: string, id = 'c1') => ({
  id,
  control: 'sentiment',
  type: 'choice',
  value: { choices: [label] },
});

describe.each(DIALECTS)('annotations on %s', (dialect) => {
  let s: TestServer;
  let manager: Awaited<ReturnType<TestServer['buildUser']>>;
  let a1: Awaited<ReturnType<TestServer['buildUser']>>;
  let a2: Awaited<ReturnType<TestServer['buildUser']>>;
  let pid: number;
  let taskIds: number[];

  beforeAll(async () => {
    s = await startTestServer(dialect);
    manager = await s.buildUser();
    a1 = await s.buildUser();
    a2 = await s.buildUser();
    const m = s.api(manager.token);
    pid = (
      await m.post('/api/projects', { name: 'P', schema: buildSchema(), settings: { overlap: 2 } })
    ).body.id;
    for (const u of [a1, a2])
      await m.put(`/api/projects/${pid}/members/${u.id}`, { role: 'annotator' });
    await m.raw(
      'POST',
      `/api/projects/${pid}/import`,
      ['张伟在北京工作。', 'Maria works at Acme.', 'third', 'fourth']
        .map((t) => JSON.stringify({ text: t }))
        .join('\n'),
    );
    taskIds = (await m.get(`/api/projects/${pid}/tasks`)).body.items.map(
      (t: { id: number }) => t.id,
    );
    expect(taskIds).toHaveLength(4);
  });
  afterAll(() => s?.close());

  it('a stale version gets 409 with the current annotation; one of two writers wins', async () => {
    const api = s.api(a1.token);
    const created = await api.post(`/api/projects/${pid}/tasks/${taskIds[0]}/annotations`, {
      regions: [choice('positive')],
      status: 'draft',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const [x, y] = await Promise.all([
      api.patch(`/api/projects/${pid}/annotations/${id}`, {
        regions: [choice('negative')],
        status: 'draft',
        version: 1,
      }),
      api.patch(`/api/projects/${pid}/annotations/${id}`, {
        regions: [choice('neutral')],
        status: 'draft',
        version: 1,
      }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const loser = x.status === 409 ? x : y;
    expect(loser.body.error.code).toBe('version_conflict');
    expect(loser.body.error.current.version).toBe(2);
  });

  it('a stale draft never overwrites a submitted annotation', async () => {
    const api = s.api(a1.token);
    const id = (await api.get(`/api/projects/${pid}/tasks/${taskIds[0]}/annotations`)).body.items[0]
      .id;
    const cur = (await api.get(`/api/projects/${pid}/annotations/${id}`)).body;
    const submitted = await api.patch(`/api/projects/${pid}/annotations/${id}`, {
      regions: [choice('positive')],
      status: 'submitted',
      version: cur.version,
    });
    expect(submitted.status).toBe(200);
    // the autosave that was in flight carries the old version …
    const stale = await api.patch(`/api/projects/${pid}/annotations/${id}`, {
      regions: [choice('negative')],
      status: 'draft',
      version: cur.version,
    });
    expect(stale.status).toBe(409);
    // … and even with the right version a draft may not replace a submission
    const draft = await api.patch(`/api/projects/${pid}/annotations/${id}`, {
      regions: [choice('negative')],
      status: 'draft',
      version: submitted.body.version,
    });
    expect(draft.status).toBe(409);
    expect(draft.body.error.code).toBe('already_submitted');
    const now = (await api.get(`/api/projects/${pid}/annotations/${id}`)).body;
    expect(now.status).toBe('submitted');
    expect(now.regions[0].value.choices).toEqual(['positive']);
  });

  it('a retried submit with the same idempotency key makes exactly one annotation', async () => {
    const api = s.api(a2.token);
    const body = { regions: [choice('neutral')], status: 'submitted' };
    const key = { 'idempotency-key': 'submit-123' };
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() =>
        api.post(`/api/projects/${pid}/tasks/${taskIds[1]}/annotations`, body, key),
      ),
    );
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const all = (
      await s.api(manager.token).get(`/api/projects/${pid}/tasks/${taskIds[1]}/annotations`)
    ).body.items;
    expect(all.filter((x: { origin: string }) => x.origin === 'human')).toHaveLength(1);
    const task = (await s.api(manager.token).get(`/api/projects/${pid}/tasks/${taskIds[1]}`)).body
      .task;
    expect(task.annotation_count).toBe(1);
    expect(task.status).toBe('in_progress'); // overlap 2: one more annotator wanted
  });

  it('an annotation that breaks the schema gets 400 with the path of the bad field', async () => {
    const api = s.api(a2.token);
    const bad = await api.post(`/api/projects/${pid}/tasks/${taskIds[2]}/annotations`, {
      regions: [
        choice('positive'),
        {
          id: 's1',
          control: 'entities',
          type: 'span',
          value: { start: 0, end: 3, labels: ['NOPE'] },
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toContain(
      'regions[1].value.labels[0]',
    );
    const beyond = await api.post(`/api/projects/${pid}/tasks/${taskIds[2]}/annotations`, {
      regions: [
        choice('positive'),
        {
          id: 's1',
          control: 'entities',
          type: 'span',
          value: { start: 0, end: 99, labels: ['PER'] },
        },
      ],
    });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.issues[0].path).toMatch(/^regions\[1\]\.value/);
    const notArray = await api.post(`/api/projects/${pid}/tasks/${taskIds[2]}/annotations`, {
      regions: 'x',
    });
    expect(notArray.status).toBe(400);
    expect(notArray.body.error.issues[0].path).toBe('regions');
  });

  it('spans use code points: a Chinese span is stored as sent and its labels are filterable', async () => {
    const api = s.api(a2.token);
    const res = await api.post(`/api/projects/${pid}/tasks/${taskIds[0]}/annotations`, {
      regions: [
        choice('positive'),
        {
          id: 'p1',
          control: 'entities',
          type: 'span',
          value: { start: 0, end: 2, labels: ['PER'], text: '张伟' },
        },
        {
          id: 'l1',
          control: 'entities',
          type: 'span',
          value: { start: 3, end: 5, labels: ['LOC'], text: '北京' },
        },
        {
          id: 'r1',
          control: 'rel',
          type: 'relation',
          value: { from: 'p1', to: 'l1', labels: ['located_in'] },
        },
      ],
    });
    expect(res.status).toBe(201);
    const m = s.api(manager.token);
    const byLabel = (await m.get(`/api/projects/${pid}/tasks?label=LOC`)).body.items;
    expect(byLabel.map((t: { id: number }) => t.id)).toEqual([taskIds[0]]);
    const byAnnotator = (await m.get(`/api/projects/${pid}/tasks?annotator=${a1.id}`)).body.items;
    expect(byAnnotator.map((t: { id: number }) => t.id)).toEqual([taskIds[0]]);
    const done = (await m.get(`/api/projects/${pid}/tasks?status=annotated`)).body.items;
    expect(done.map((t: { id: number }) => t.id)).toEqual([taskIds[0]]); // two submissions, overlap 2
  });

  it('concurrent "next task" calls give different tasks within the overlap, never one already done', async () => {
    const p2 = (
      await s.api(manager.token).post('/api/projects', { name: 'Q', schema: buildSchema() })
    ).body.id;
    const m = s.api(manager.token);
    const users = [a1, a2, await s.buildUser(), await s.buildUser()];
    for (const u of users)
      await m.put(`/api/projects/${p2}/members/${u.id}`, { role: 'annotator' });
    await m.raw(
      'POST',
      `/api/projects/${p2}/import`,
      [1, 2, 3, 4, 5, 6].map((i) => JSON.stringify({ text: `t${i}` })).join('\n'),
    );
    const got = await Promise.all(
      users.map((u) => s.api(u.token).post(`/api/projects/${p2}/next`)),
    );
    const ids = got.map((r) => r.body.task.id);
    expect(new Set(ids).size).toBe(4);
    // asking again returns the same leased task
    expect((await s.api(users[0]!.token).post(`/api/projects/${p2}/next`)).body.task.id).toBe(
      ids[0],
    );
    // after submitting, the next one is a different task
    await s
      .api(users[0]!.token)
      .post(`/api/projects/${p2}/tasks/${ids[0]}/annotations`, { regions: [choice('positive')] });
    const next = (await s.api(users[0]!.token).post(`/api/projects/${p2}/next`)).body.task.id;
    expect(ids).not.toContain(next);
    // a skipped task is not offered to the same annotator again, but stays open for others
    expect(
      (await s.api(users[0]!.token).post(`/api/projects/${p2}/tasks/${next}/skip`)).status,
    ).toBe(200);
    const after = (await s.api(users[0]!.token).post(`/api/projects/${p2}/next`)).body.task.id;
    expect(after).not.toBe(next);
    expect(ids).not.toContain(after);
  });

  it('predictions are validated, listed and move a new task to prelabeled', async () => {
    const m = s.api(manager.token);
    const ok = await m.post(`/api/projects/${pid}/tasks/${taskIds[3]}/predictions`, {
      model: 'lr',
      model_version: '3',
      score: 0.8,
      regions: [{ ...choice('negative'), score: 0.8 }],
    });
    expect(ok.status).toBe(201);
    const bad = await m.post(`/api/projects/${pid}/tasks/${taskIds[3]}/predictions`, {
      model: 'lr',
      model_version: '3',
      regions: [choice('bogus')],
    });
    expect(bad.status).toBe(400);
    const t = (await m.get(`/api/projects/${pid}/tasks/${taskIds[3]}`)).body;
    expect(t.task.status).toBe('prelabeled');
    expect(t.predictions).toHaveLength(1);
    expect(t.predictions[0]).toMatchObject({ model: 'lr', model_version: '3', score: 0.8 });
  });
});
