/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { onLabelsAccepted } from '../src/ml/training.service.ts';
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
    {
      name: 'entities',
      type: 'spans',
      field: 'text',
      labels: [{ value: 'PER' }, { value: 'LOC' }],
    },
  ],
};

const SPAM = [
  'WIN a FREE prize now',
  'Claim your cash reward',
  'URGENT free entry winner',
  'Call now to win cash',
  'Free ringtone text WIN',
];
const HAM = [
  'see you at lunch',
  'are we still meeting today',
  'thanks for the notes',
  'I will call you later',
  'how was the trip',
];

/** 60 texts: even index spam-like, odd ham-like, with variety so the model is unsure of some. */
function texts(): string[] {
  return Array.from({ length: 60 }, (_, i) =>
    i % 2 === 0 ? `${SPAM[i % 5]} ${i}` : `${HAM[i % 5]} ${i}`,
  );
}
const truth = (i: number) => (i % 2 === 0 ? 'spam' : 'ham');
const choice = (label: string) => [
  { id: 'c1', control: 'label', type: 'choice', value: { choices: [label] } },
];

describe.each(DIALECTS)('model registry and online learners on %s', (dialect) => {
  let s: MlTestServer;
  let manager: { id: number; token: string };
  let annotator: { id: number; token: string };
  let reviewer: { id: number; token: string };
  let pid: number;
  let tasks: number[];

  beforeAll(async () => {
    s = await startMlServer(dialect);
    manager = await s.buildUser();
    annotator = await s.buildUser();
    reviewer = await s.buildUser();
    const m = s.api(manager.token);
    pid = (await m.post('/api/projects', { name: 'ML', schema: SCHEMA })).body.id;
    await m.put(`/api/projects/${pid}/members/${annotator.id}`, { role: 'annotator' });
    await m.put(`/api/projects/${pid}/members/${reviewer.id}`, { role: 'reviewer' });
    const body = texts()
      .map((text) => JSON.stringify({ text }))
      .join('\n');
    expect((await m.raw('POST', `/api/projects/${pid}/import`, body)).status).toBe(200);
    tasks = (await m.get(`/api/projects/${pid}/tasks?limit=100`)).body.items.map((t: any) => t.id);
  });
  afterAll(() => s?.close());

  it('registers models for managers only, validates controls and settings, names once', async () => {
    const m = s.api(manager.token);
    const bad = await m.post(`/api/projects/${pid}/models`, {
      name: 'x',
      kind: 'text-classifier',
      controls: ['entities'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/control "entities" is of type spans/);
    const badSettings = await m.post(`/api/projects/${pid}/models`, {
      name: 'x',
      kind: 'text-classifier',
      controls: ['label'],
      settings: { retrain_evry: 3 },
    });
    expect(badSettings.status).toBe(400);
    expect(badSettings.body.error.issues[0].path).toMatch(/^settings/);
    const denied = await s.api(annotator.token).post(`/api/projects/${pid}/models`, {
      name: 'x',
      kind: 'text-classifier',
      controls: ['label'],
    });
    expect(denied.status).toBe(403);
    const ok = await m.post(`/api/projects/${pid}/models`, {
      name: 'spam',
      kind: 'text-classifier',
      controls: ['label'],
      settings: {
        retrain_every: 10,
        holdout: 0.2,
        tokenizer: 'default',
        active_learning: { strategy: 'entropy', diversity: 0 },
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      name: 'spam',
      kind: 'text-classifier',
      trained: false,
      has_secret: false,
    });
    expect(ok.body.settings.batch_size).toBe(50);
    const dup = await m.post(`/api/projects/${pid}/models`, {
      name: 'spam',
      kind: 'text-classifier',
      controls: ['label'],
    });
    expect(dup.status).toBe(409);
    const list = await s.api(annotator.token).get(`/api/projects/${pid}/models`);
    expect(list.body.items.map((x: any) => x.name)).toEqual(['spam']);
  });

  it('keeps API keys write-only and sealed at rest', async () => {
    const m = s.api(manager.token);
    // A public literal address passes the registration check (no request is made).
    const res = await m.post(`/api/projects/${pid}/models`, {
      name: 'llm',
      kind: 'openai-chat',
      controls: ['label'],
      settings: { url: 'https://93.184.215.14/v1', model: 'gpt-test' },
      secret: 'sk-very-secret-123',
    });
    expect(res.status).toBe(201);
    expect(res.text).not.toContain('sk-very-secret');
    expect(res.body.has_secret).toBe(true);
    const got = await m.get(`/api/projects/${pid}/models/${res.body.id}`);
    expect(got.text).not.toContain('sk-very-secret');
    const row = await sql<{
      secret_sealed: string;
    }>`SELECT secret_sealed FROM models WHERE id = ${res.body.id}`.execute(s.store.db);
    expect(row.rows[0]!.secret_sealed).toMatch(/^v1\./);
    expect(row.rows[0]!.secret_sealed).not.toContain('sk-very');
    const cleared = await m.patch(`/api/projects/${pid}/models/${res.body.id}`, {
      secret: null,
      active: false,
    });
    expect(cleared.body).toMatchObject({ has_secret: false, active: false });
    const audit = await s
      .api((await s.buildUser({ admin: true })).token)
      .get(`/api/audit?project_id=${pid}&action=model.create`);
    expect(audit.text).not.toContain('sk-very-secret');
    expect(audit.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses model and LLM URLs on private or metadata addresses without an allow-list (SSRF)', async () => {
    const m = s.api(manager.token);
    for (const url of [
      'http://127.0.0.1:9090',
      'http://169.254.169.254/latest',
      'http://2130706433/',
      'http://[::ffff:10.0.0.1]/',
      'http://localhost:9090',
    ]) {
      for (const [kind, settings] of [
        ['ls-ml-backend', { url }],
        ['openai-chat', { url, model: 'm' }],
      ] as const) {
        const res = await m.post(`/api/projects/${pid}/models`, {
          name: `bad-${kind}`,
          kind,
          controls: ['label'],
          settings,
        });
        expect(res.status, `${kind} ${url}`).toBe(422);
        expect(res.body.error.code).toBe('fetch_refused');
      }
    }
    const scheme = await m.post(`/api/projects/${pid}/models`, {
      name: 'f',
      kind: 'ls-ml-backend',
      controls: ['label'],
      settings: { url: 'file:///etc/passwd' },
    });
    expect(scheme.status).toBe(422);
  });

  it('retrains the online text classifier every N accepted labels and records the learning curve', async () => {
    const m = s.api(manager.token);
    const model = (await m.get(`/api/projects/${pid}/models`)).body.items.find(
      (x: any) => x.name === 'spam',
    );
    const a = s.api(annotator.token);
    const rv = s.api(reviewer.token);
    for (let i = 0; i < 24; i++) {
      const ann = await a.post(`/api/projects/${pid}/tasks/${tasks[i]}/annotations`, {
        regions: choice(truth(i)),
        status: 'submitted',
        lead_time_ms: 3000,
      });
      expect(ann.status).toBe(201);
      const rev = await rv.post(`/api/projects/${pid}/annotations/${ann.body.id}/review`, {
        decision: 'accept',
        version: ann.body.version,
      });
      expect(rev.status).toBe(200);
      await onLabelsAccepted(s.ctx, pid); // the lead calls this after review / submit
      if (i === 8) {
        const jobs = await sql<{
          n: number;
        }>`SELECT count(*) AS n FROM jobs WHERE kind = 'ml.retrain'`.execute(s.store.db);
        expect(Number(jobs.rows[0]!.n)).toBe(0); // 9 labels: below retrain_every (10)
      }
    }
    const jobs = await sql<{
      id: number;
      status: string;
    }>`SELECT id, status FROM jobs WHERE kind = 'ml.retrain' ORDER BY id`.execute(s.store.db);
    expect(jobs.rows.length).toBe(2); // after 10 and after 20 accepted labels
    for (const j of jobs.rows) expect((await waitJob(m, pid, Number(j.id))).status).toBe('done');
    const after = (await m.get(`/api/projects/${pid}/models/${model.id}`)).body;
    expect(after.trained).toBe(true);
    expect(after.labels_trained).toBeGreaterThanOrEqual(20);
    expect(Number(after.version)).toBeGreaterThanOrEqual(2);
    const curve = (await m.get(`/api/projects/${pid}/models/${model.id}/curve`)).body;
    expect(curve.points.length).toBe(2);
    expect(curve.points[1].labels).toBeGreaterThan(curve.points[0].labels);
    for (const p of curve.points) {
      expect(p.metric).toBe('accuracy');
      expect(p.accuracy).toBeGreaterThanOrEqual(0);
      expect(p.eval_size).toBeGreaterThan(0);
    }
  });

  it('pre-labels with scores and versions, and the queue serves the least certain task first', async () => {
    const m = s.api(manager.token);
    const job = await m.post(`/api/projects/${pid}/prelabel`, { model: 'spam' });
    expect(job.status).toBe(202);
    const done = await waitJob(m, pid, job.body.id);
    expect(done.status).toBe('done');
    expect(done.result).toMatchObject({ tasks: 36, stored: 36, rejected: 0, failed: 0 });
    const model = (await m.get(`/api/projects/${pid}/models`)).body.items.find(
      (x: any) => x.name === 'spam',
    );
    const preds = await sql<{
      task_id: number;
      score: number;
      model: string;
      model_version: string;
    }>`
      SELECT task_id, score, model, model_version FROM predictions WHERE project_id = ${pid}`.execute(
      s.store.db,
    );
    expect(preds.rows.length).toBe(36);
    for (const p of preds.rows) {
      expect(p.model).toBe('spam');
      expect(p.model_version).toBe(model.version);
      expect(p.score).toBeGreaterThanOrEqual(0.5);
    }
    expect(new Set(preds.rows.map((p) => p.score)).size).toBeGreaterThan(5);
    // Two classes: entropy is monotone in the top score, so the least sure prediction leads.
    const least = preds.rows.reduce((x, y) => (y.score < x.score ? y : x));
    const next = await s.api(annotator.token).post(`/api/projects/${pid}/next`);
    expect(next.status).toBe(200);
    const leased = preds.rows.find((p) => p.task_id === next.body.task.id)!;
    expect(leased.score).toBeCloseTo(least.score, 9);
    const prio = await sql<{
      priority: number;
    }>`SELECT priority FROM tasks WHERE project_id = ${pid} ORDER BY priority DESC LIMIT 1`.execute(
      s.store.db,
    );
    expect(prio.rows[0]!.priority).toBeGreaterThan(0);
    // A re-run replaces the model's predictions instead of adding more.
    await waitJob(
      m,
      pid,
      (await m.post(`/api/projects/${pid}/prelabel`, { model: 'spam' })).body.id,
    );
    const count = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM predictions WHERE project_id = ${pid}`.execute(s.store.db);
    expect(Number(count.rows[0]!.n)).toBe(36);
    const t = (await m.get(`/api/projects/${pid}/tasks/${tasks[40]}`)).body;
    expect(t.task.prediction_count).toBe(1);
    expect(t.task.status).toBe('prelabeled');
  });

  it('trains a span tagger from accepted spans and predicts valid span regions', async () => {
    const m = s.api(manager.token);
    const res = await m.post(`/api/projects/${pid}/models`, {
      name: 'ner',
      kind: 'span-tagger',
      controls: ['entities'],
      settings: { retrain_every: 0 },
    });
    expect(res.status).toBe(201);
    const a = s.api(annotator.token);
    const rv = s.api(reviewer.token);
    const names = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank'];
    const body = names
      .map((n, i) => JSON.stringify({ text: `${n} flew to Paris on day ${i}` }))
      .join('\n');
    await m.raw('POST', `/api/projects/${pid}/import`, body);
    const ids = (await m.get(`/api/projects/${pid}/tasks?limit=200`)).body.items
      .slice(-6)
      .map((t: any) => t.id);
    for (const [i, id] of ids.entries()) {
      const n = names[i]!;
      const at = n.length + ' flew to '.length;
      const regions = [
        {
          id: 's1',
          control: 'entities',
          type: 'span',
          value: { start: 0, end: n.length, labels: ['PER'], text: n },
        },
        {
          id: 's2',
          control: 'entities',
          type: 'span',
          value: { start: at, end: at + 5, labels: ['LOC'], text: 'Paris' },
        },
      ];
      const ann = await a.post(`/api/projects/${pid}/tasks/${id}/annotations`, {
        regions,
        status: 'submitted',
      });
      expect(ann.status).toBe(201);
      await rv.post(`/api/projects/${pid}/annotations/${ann.body.id}/review`, {
        decision: 'accept',
        version: ann.body.version,
      });
    }
    const train = await m.post(`/api/projects/${pid}/models/${res.body.id}/train`);
    expect(train.status).toBe(202);
    const done = await waitJob(m, pid, train.body.id);
    expect(done.status).toBe('done');
    expect(done.result.metric).toBe('span_f1');
    const job = await m.post(`/api/projects/${pid}/prelabel`, {
      model: 'ner',
      task_ids: [tasks[50]],
    });
    const r = await waitJob(m, pid, job.body.id);
    expect(r.result).toMatchObject({ tasks: 1, rejected: 0 });
    const detail = (await m.get(`/api/projects/${pid}/tasks/${tasks[50]}`)).body;
    const ner = detail.predictions.find((p: any) => p.model === 'ner');
    expect(ner).toBeDefined();
    for (const r of ner.regions) expect(r.type).toBe('span');
  });
});
