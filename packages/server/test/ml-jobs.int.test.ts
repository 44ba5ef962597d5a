/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { assignArm } from '@tessera/core/learn';
import { DIALECTS } from './harness.ts';
import { fakeServer, startMlServer, waitJob, type MlTestServer } from './ml-harness.ts';

const TEXT_SCHEMA = {
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
const choice = (label: string) => [
  { id: 'c1', control: 'label', type: 'choice', value: { choices: [label] } },
];

/** Reads server-sent events until `done`, calling `onProgress` for each progress event. */
async function readEvents(url: string, token: string, onProgress: (p: any) => Promise<void>) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const progress: any[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended without a done event');
    buf += dec.decode(value, { stream: true });
    let k: number;
    while ((k = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, k);
      buf = buf.slice(k + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || !data) continue;
      if (event === 'done') {
        await reader.cancel();
        return { progress, done: JSON.parse(data) };
      }
      progress.push(JSON.parse(data));
      await onProgress(JSON.parse(data));
    }
  }
}

describe.each(DIALECTS)('pre-label jobs, experiments and alignment on %s', (dialect) => {
  let s: MlTestServer;
  let manager: { id: number; token: string };
  let annotator: { id: number; token: string };
  let reviewer: { id: number; token: string };
  let fake: Awaited<ReturnType<typeof fakeServer>>;

  beforeAll(async () => {
    fake = await fakeServer(async (req) => {
      if (req.path === '/setup') return { json: { model_version: 'slow-1' } };
      const results = (req.body.tasks as any[]).map(() => ({
        result: [
          {
            from_name: 'label',
            to_name: 'text',
            type: 'choices',
            value: { choices: ['ham'] },
            score: 0.6,
          },
        ],
        score: 0.6,
      }));
      return { delayMs: 40, json: { results } };
    });
    s = await startMlServer(dialect, { fetchAllow: ['127.0.0.1'] });
    manager = await s.buildUser();
    annotator = await s.buildUser();
    reviewer = await s.buildUser();
  });
  afterAll(async () => {
    await s?.close();
    await fake?.close();
  });

  async function project(name: string, schema: unknown, records: unknown[]) {
    const m = s.api(manager.token);
    const pid = (await m.post('/api/projects', { name, schema })).body.id;
    await m.put(`/api/projects/${pid}/members/${annotator.id}`, { role: 'annotator' });
    await m.put(`/api/projects/${pid}/members/${reviewer.id}`, { role: 'reviewer' });
    const imp = await m.raw(
      'POST',
      `/api/projects/${pid}/import`,
      records.map((r) => JSON.stringify(r)).join('\n'),
    );
    expect(imp.body.stored).toBe(records.length);
    const ids: number[] = [];
    let cursor = '';
    for (;;) {
      const page = (await m.get(`/api/projects/${pid}/tasks?limit=500${cursor}`)).body;
      ids.push(...page.items.map((t: any) => t.id));
      if (!page.next_cursor) break;
      cursor = `&cursor=${page.next_cursor}`;
    }
    return { pid, ids };
  }

  it('pre-labels 500 tasks with SSE progress, cancels, resumes without duplicates, and stays responsive', async () => {
    const { pid, ids } = await project(
      'big',
      TEXT_SCHEMA,
      Array.from({ length: 500 }, (_, i) => ({ text: `message ${i}` })),
    );
    const m = s.api(manager.token);
    const model = await m.post(`/api/projects/${pid}/models`, {
      name: 'slow',
      kind: 'ls-ml-backend',
      controls: ['label'],
      settings: { url: fake.url, tasks_per_call: 10, batch_size: 20, concurrency: 2 },
    });
    expect(model.status).toBe(201);
    const job = (await m.post(`/api/projects/${pid}/prelabel`, { model: 'slow' })).body;
    let cancelledAt: number | undefined;
    const first = await readEvents(
      `${s.url}/api/projects/${pid}/jobs/${job.id}/events`,
      manager.token,
      async (p) => {
        if (cancelledAt === undefined && p.progress >= 0.2) {
          cancelledAt = p.progress;
          expect((await m.post(`/api/projects/${pid}/jobs/${job.id}/cancel`)).status).toBe(200);
        }
      },
    );
    expect(first.done.status).toBe('cancelled');
    const fractions = first.progress.map((p: any) => p.progress);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const stored = async () =>
      Number(
        (
          await sql<{
            n: number;
          }>`SELECT count(*) AS n FROM predictions WHERE project_id = ${pid}`.execute(s.store.db)
        ).rows[0]!.n,
      );
    const partial = await stored();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(500);
    const cp = await sql<{
      checkpoint: string;
    }>`SELECT checkpoint FROM jobs WHERE id = ${job.id}`.execute(s.store.db);
    expect(JSON.parse(cp.rows[0]!.checkpoint).done).toBe(partial);

    expect((await m.post(`/api/projects/${pid}/jobs/${job.id}/resume`)).status).toBe(202);
    // While it runs, the labeling API answers quickly.
    const lat: number[] = [];
    const a = s.api(annotator.token);
    let finished = false;
    const probe = (async () => {
      while (!finished) {
        const t0 = performance.now();
        expect((await a.get(`/api/projects/${pid}/tasks?limit=50`)).status).toBe(200);
        lat.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const done = await waitJob(m, pid, job.id);
    finished = true;
    await probe;
    expect(done.status).toBe('done');
    expect(done.result).toMatchObject({ tasks: 500, total: 500, stored: 500, failed: 0 });
    expect(await stored()).toBe(500);
    const perTask = await sql<{
      n: number;
    }>`SELECT max(prediction_count) AS n FROM tasks WHERE project_id = ${pid}`.execute(s.store.db);
    expect(Number(perTask.rows[0]!.n)).toBe(1);
    lat.sort((x, y) => x - y);
    const p99 = lat[Math.min(lat.length - 1, Math.floor(lat.length * 0.99))]!;
    expect(lat.length).toBeGreaterThan(5);
    expect(p99).toBeLessThan(100);
    expect(ids).toHaveLength(500);
    expect((await m.post(`/api/projects/${pid}/jobs/${job.id}/resume`)).status).toBe(409);
  });

  it('reports an A/B experiment: gold accuracy, time per task and downstream model accuracy with intervals', async () => {
    const recs = Array.from({ length: 60 }, (_, i) => ({
      text: i % 2 ? `WIN free cash prize ${i}` : `lunch at noon with mum ${i}`,
    }));
    const { pid, ids } = await project('ab', TEXT_SCHEMA, recs);
    const m = s.api(manager.token);
    const truth = (k: number) => (k % 2 ? 'spam' : 'ham');
    const exp = await m.post(`/api/projects/${pid}/experiments`, {
      name: 'pre-labels',
      kind: 'prelabel',
      control: 'label',
      seed: 'ab-1',
    });
    expect(exp.status).toBe(201);
    expect(
      (
        await m.post(`/api/projects/${pid}/experiments`, {
          name: 'x',
          kind: 'prelabel',
          control: 'label',
        })
      ).status,
    ).toBe(409);
    for (let k = 0; k < 20; k++)
      await m.put(`/api/projects/${pid}/tasks/${ids[k]}/gold`, { regions: choice(truth(k)) });
    const arm = (id: number) => assignArm(id, 'ab-1', 0.5);
    for (const [k, id] of ids.entries()) {
      const B = arm(id) === 'B';
      // Arm B (with pre-labels) is right and faster; arm A errs on every third gold task.
      const label = !B && k < 20 && k % 3 === 0 ? (truth(k) === 'spam' ? 'ham' : 'spam') : truth(k);
      const ann = await s
        .api(annotator.token)
        .post(`/api/projects/${pid}/tasks/${id}/annotations`, {
          regions: choice(label),
          status: 'submitted',
          lead_time_ms: B ? 2000 + (k % 5) * 100 : 5000 + (k % 7) * 200,
        });
      expect(ann.status).toBe(201);
    }
    const r = (
      await s.api(reviewer.token).get(`/api/projects/${pid}/experiments/${exp.body.id}/report`)
    ).body;
    expect(r.experiment.arms).toEqual({ A: 'without pre-labels', B: 'with pre-labels' });
    expect(r.arms.A.tasks + r.arms.B.tasks).toBe(60);
    expect(r.gold_accuracy.judged).toBe(20);
    expect(r.gold_accuracy.B.value).toBe(1);
    expect(r.gold_accuracy.A.value).toBeLessThan(1);
    expect(r.gold_accuracy.A.lower).toBeLessThan(r.gold_accuracy.A.value);
    expect(r.gold_accuracy.difference.value).toBeGreaterThan(0);
    expect(r.gold_accuracy.difference.lower).toBeLessThan(r.gold_accuracy.difference.value);
    expect(r.time_per_task_ms.B.value).toBeLessThan(r.time_per_task_ms.A.value);
    expect(r.time_per_task_ms.difference.upper).toBeLessThan(0);
    expect(r.model_accuracy.labels_per_arm).toBeGreaterThan(5);
    expect(r.model_accuracy.eval_size).toBe(20);
    for (const x of ['A', 'B']) {
      expect(r.model_accuracy[x].value).toBeGreaterThan(0.5);
      expect(r.model_accuracy[x].upper).toBeGreaterThanOrEqual(r.model_accuracy[x].value);
    }
    // The experiment keeps arm A free of pre-labels.
    await m.post(`/api/projects/${pid}/models`, {
      name: 'srv',
      kind: 'ls-ml-backend',
      controls: ['label'],
      settings: { url: fake.url, tasks_per_call: 20 },
    });
    const job = await waitJob(
      m,
      pid,
      (await m.post(`/api/projects/${pid}/prelabel`, { model: 'srv', task_ids: ids })).body.id,
    );
    const inA = ids.filter((id) => arm(id) === 'A').length;
    expect(job.result).toMatchObject({ tasks: 60, skipped: inA, stored: 60 - inA });
    expect((await m.post(`/api/projects/${pid}/experiments/${exp.body.id}/stop`)).body.status).toBe(
      'stopped',
    );
  });

  it('scores caption/image alignment from boxes and caption nouns, then learns from decisions', async () => {
    const schema = {
      version: 1,
      fields: [
        { name: 'image', type: 'image' },
        { name: 'caption', type: 'text' },
      ],
      controls: [
        {
          name: 'objects',
          type: 'bbox',
          field: 'image',
          labels: [{ value: 'dog' }, { value: 'person' }, { value: 'cup' }, { value: 'car' }],
        },
        {
          name: 'alignment',
          type: 'choices',
          field: 'caption',
          labels: [{ value: 'match' }, { value: 'mismatch' }],
        },
      ],
    };
    const objs = ['dog', 'person', 'cup', 'car'];
    const capsEn = [
      'a dog running on grass',
      'a man walking in the street',
      'a cup of coffee on a table',
      'a red car parked outside',
    ];
    const capsZh = ['一只小狗在草地上', '一个男人在街上走', '桌上有一杯咖啡', '路边停着一辆汽车'];
    const recs = Array.from({ length: 24 }, (_, i) => ({
      image: `https://example.org/img/${i}.png`,
      caption: (i % 2 ? capsZh : capsEn)[i % 4]!,
    }));
    const { pid, ids } = await project('align', schema, recs);
    const m = s.api(manager.token);
    // A detector's boxes: right object for i % 3 != 0, a wrong one otherwise.
    const shown = (i: number) => (i % 3 === 0 ? objs[(i + 1) % 4]! : objs[i % 4]!);
    for (const [i, id] of ids.entries()) {
      const res = await m.post(`/api/projects/${pid}/tasks/${id}/predictions`, {
        model: 'detector',
        model_version: '1',
        score: 0.9,
        regions: [
          {
            id: 'b1',
            control: 'objects',
            type: 'bbox',
            value: { x: 1, y: 1, width: 10, height: 10, labels: [shown(i)] },
          },
        ],
      });
      expect(res.status).toBe(201);
    }
    const model = await m.post(`/api/projects/${pid}/models`, {
      name: 'align',
      kind: 'text-image-alignment',
      controls: ['alignment'],
      settings: {
        caption_field: 'caption',
        objects_control: 'objects',
        match_label: 'match',
        retrain_every: 0,
        holdout: 0.2,
      },
    });
    expect(model.status).toBe(201);
    const expected = (i: number) => (i % 3 === 0 ? 'mismatch' : 'match');
    const run = async () => {
      await waitJob(
        m,
        pid,
        (await m.post(`/api/projects/${pid}/prelabel`, { model: 'align', task_ids: ids })).body.id,
      );
      const rows = (
        await sql<any>`SELECT task_id, regions, score, model_version FROM predictions WHERE model = 'align'`.execute(
          s.store.db,
        )
      ).rows;
      return ids.map((id) => rows.find((r: any) => r.task_id === id));
    };
    const before = await run();
    before.forEach((p, i) =>
      expect(JSON.parse(p.regions)[0].value.choices[0], recs[i]!.caption).toBe(expected(i)),
    );
    expect(before[0].model_version).toBe('dict+0');
    for (const [i, id] of ids.entries()) {
      const ann = await s
        .api(annotator.token)
        .post(`/api/projects/${pid}/tasks/${id}/annotations`, {
          regions: [
            { id: 'a', control: 'alignment', type: 'choice', value: { choices: [expected(i)] } },
          ],
        });
      await s.api(reviewer.token).post(`/api/projects/${pid}/annotations/${ann.body.id}/review`, {
        decision: 'accept',
        version: ann.body.version,
      });
    }
    const trained = await waitJob(
      m,
      pid,
      (await m.post(`/api/projects/${pid}/models/${model.body.id}/train`)).body.id,
    );
    expect(trained.result.labels).toBeGreaterThanOrEqual(10);
    const after = await run();
    expect(after[0].model_version).toBe('dict+1');
    const right = after.filter(
      (p, i) => JSON.parse(p.regions)[0].value.choices[0] === expected(i),
    ).length;
    expect(right / after.length).toBeGreaterThanOrEqual(0.9);
  });
});
