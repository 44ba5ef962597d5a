/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './harness.ts';
import { startMlServer, waitJob, type MlTestServer } from './ml-harness.ts';

const SCHEMA = {
  version: 1,
  fields: [{ name: 'text', type: 'text' }],
  controls: [
    {
      name: 'label',
      type: 'choices',
      field: 'text',
      labels: [{ value: 'ham' }, { value: 'spam' }],
    },
  ],
};

// The web app re-attaches to a running pre-label job after a reload: it needs the project's
// jobs with their checkpoint counts, which the event stream alone does not carry.
describe.each(DIALECTS)('pre-label job list on %s', (dialect) => {
  let s: MlTestServer;
  let manager: { id: number; token: string };
  let outsider: { id: number; token: string };
  let pid: number;
  let other: number;
  let modelA: number;
  let modelB: number;

  beforeAll(async () => {
    s = await startMlServer(dialect);
    manager = await s.buildUser();
    outsider = await s.buildUser();
    const m = s.api(manager.token);
    pid = (await m.post('/api/projects', { name: 'jobs', schema: SCHEMA })).body.id;
    other = (await m.post('/api/projects', { name: 'other', schema: SCHEMA })).body.id;
    const text = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ data: { text: `message ${i}` } }),
    ).join('\n');
    expect((await m.raw('POST', `/api/projects/${pid}/import`, text)).body.stored).toBe(30);
    for (const name of ['a', 'b']) {
      const res = await m.post(`/api/projects/${pid}/models`, {
        name,
        kind: 'text-classifier',
        controls: ['label'],
        settings: { batch_size: 7, tokenizer: 'default' },
      });
      expect(res.status).toBe(201);
      if (name === 'a') modelA = res.body.id;
      else modelB = res.body.id;
    }
  });
  afterAll(async () => {
    await s?.close();
  });

  it('lists pre-label jobs newest first with their counts, by model, and one by id', async () => {
    const m = s.api(manager.token);
    const first = (await m.post(`/api/projects/${pid}/prelabel`, { model: 'a' })).body.id;
    await waitJob(m, pid, first);
    const second = (await m.post(`/api/projects/${pid}/prelabel`, { model: 'b', task_ids: [1] }))
      .body.id;
    await waitJob(m, pid, second);

    const list = await m.get(`/api/projects/${pid}/prelabel`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((j: any) => j.id)).toEqual([second, first]);
    const a = list.body.items[1];
    expect(a).toMatchObject({ status: 'done', model_id: modelA, selection: null, error: null });
    // 30 tasks in batches of 7: every one done, none failed.
    expect(a.counts).toMatchObject({ done: 30, total: 30, failed: 0, rejected: 0 });
    expect(a.counts.stored + a.counts.empty).toBe(30);
    expect(a.result).toMatchObject({ tasks: 30 });

    const byModel = await m.get(`/api/projects/${pid}/prelabel?model_id=${modelB}`);
    expect(byModel.body.items.map((j: any) => j.id)).toEqual([second]);
    expect(byModel.body.items[0]).toMatchObject({ model_id: modelB, selection: 1 });

    const limited = await m.get(`/api/projects/${pid}/prelabel?limit=1`);
    expect(limited.body.items.map((j: any) => j.id)).toEqual([second]);

    const one = await m.get(`/api/projects/${pid}/prelabel/${first}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: first, status: 'done', counts: { done: 30 } });
  });

  it('refuses bad queries, other projects and other job kinds with clear errors', async () => {
    const m = s.api(manager.token);
    const bad = await m.get(`/api/projects/${pid}/prelabel?limit=0`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/limit/);
    expect((await m.get(`/api/projects/${pid}/prelabel?junk=1`)).status).toBe(400);

    const job = (await m.post(`/api/projects/${pid}/prelabel`, { model: 'a' })).body.id;
    await waitJob(m, pid, job);
    // The job is not visible through another project, nor to a non-member.
    expect((await m.get(`/api/projects/${other}/prelabel/${job}`)).status).toBe(404);
    expect((await m.get(`/api/projects/${other}/prelabel`)).body.items).toEqual([]);
    expect((await s.api(outsider.token).get(`/api/projects/${pid}/prelabel`)).status).toBe(404);

    const retrain = (await m.post(`/api/projects/${pid}/models/${modelA}/train`)).body.id;
    await waitJob(m, pid, retrain);
    const asPrelabel = await m.get(`/api/projects/${pid}/prelabel/${retrain}`);
    expect(asPrelabel.status).toBe(404);
    expect(asPrelabel.body.error.message).toMatch(/Pre-label job/);
    expect(
      (await m.get(`/api/projects/${pid}/prelabel`)).body.items.every(
        (j: any) => j.kind === 'prelabel',
      ),
    ).toBe(true);
  });
});
