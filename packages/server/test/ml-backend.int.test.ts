/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from './harness.ts';
import {
  fakeServer,
  startMlServer,
  waitJob,
  type MlTestServer,
  type Received,
} from './ml-harness.ts';

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

type Mode = 'ok' | 'slow' | '500' | 'malformed' | 'schema' | 'count';

/** A Label Studio ML backend following the published protocol, with failure modes. */
function lsHandler(state: { mode: Mode }) {
  return async (req: Received) => {
    if (req.path === '/health') return { json: { status: 'UP', model_class: 'Fake' } };
    if (req.path === '/setup') return { json: { model_version: 'fake-1' } };
    if (req.path === '/train') return { status: 201, json: { job: 'j-1' } };
    if (req.path !== '/predict') return { status: 404, json: {} };
    const m = state.mode;
    if (m === 'slow') return { delayMs: 600, json: {} };
    if (m === '500') return { status: 500, raw: 'Internal Server Error' };
    if (m === 'malformed') return { raw: '{"results": [oops' };
    const tasks = req.body.tasks as { id: number; data: { text: string } }[];
    const results = tasks.map((t, i) => {
      const bad = m === 'schema' && i === 0;
      const label = bad ? 'eggs' : t.data.text.includes('WIN') ? 'spam' : 'ham';
      return {
        result: [
          {
            id: 'r1',
            from_name: 'label',
            to_name: 'text',
            type: 'choices',
            value: { choices: [label] },
            score: 0.8,
          },
        ],
        score: 0.8,
        model_version: 'fake-1',
      };
    });
    return {
      json: { results: m === 'count' ? results.slice(1) : results, model_version: 'fake-1' },
    };
  };
}

describe.each(DIALECTS)('external models on %s', (dialect) => {
  let s: MlTestServer;
  let manager: { id: number; token: string };
  let annotator: { id: number; token: string };
  let pid: number;
  let tasks: number[];
  const state = { mode: 'ok' as Mode };
  let fake: Awaited<ReturnType<typeof fakeServer>>;
  let nextName = 0;

  const predictCalls = () => fake.received.filter((r) => r.path === '/predict').length;
  async function lsModel(settings: Record<string, unknown>) {
    const res = await s.api(manager.token).post(`/api/projects/${pid}/models`, {
      name: `ls-${++nextName}`,
      kind: 'ls-ml-backend',
      controls: ['label'],
      settings: { url: fake.url, tasks_per_call: 4, ...settings },
      secret: 'backend-key',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  async function prelabel(model: string, ids = tasks.slice(0, 8)) {
    const job = await s
      .api(manager.token)
      .post(`/api/projects/${pid}/prelabel`, { model, task_ids: ids });
    expect(job.status).toBe(202);
    return waitJob(s.api(manager.token), pid, job.body.id);
  }
  const predsOf = async (model: string) =>
    (
      await sql<any>`SELECT task_id, score, model_version, regions FROM predictions WHERE model = ${model} ORDER BY task_id`.execute(
        s.store.db,
      )
    ).rows;

  beforeAll(async () => {
    fake = await fakeServer(lsHandler(state));
    s = await startMlServer(dialect, { fetchAllow: ['127.0.0.1'] });
    manager = await s.buildUser();
    annotator = await s.buildUser();
    const m = s.api(manager.token);
    pid = (await m.post('/api/projects', { name: 'ext', schema: SCHEMA })).body.id;
    await m.put(`/api/projects/${pid}/members/${annotator.id}`, { role: 'annotator' });
    const body = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({ text: i % 2 ? `WIN cash ${i}` : `Meet Alice in Paris ${i}` }),
    ).join('\n');
    await m.raw('POST', `/api/projects/${pid}/import`, body);
    tasks = (await m.get(`/api/projects/${pid}/tasks`)).body.items.map((t: any) => t.id);
  });
  afterAll(async () => {
    await s?.close();
    await fake?.close();
  });

  it('contract: health, setup, predict and train follow the Label Studio ML-backend protocol', async () => {
    state.mode = 'ok';
    const model = await lsModel({});
    const health = await s
      .api(manager.token)
      .post(`/api/projects/${pid}/models/${model.id}/health`);
    expect(health.body).toMatchObject({ ok: true, status: 'UP', version: 'fake-1' });
    const setup = fake.received.find((r) => r.path === '/setup')!;
    expect(setup.body.project).toMatch(/^\d+\.\d+$/);
    expect(setup.body.schema).toContain(
      '<Choices name="label" toName="text" choice="single"><Choice value="ham"/>',
    );
    expect(setup.headers.authorization).toBe('Bearer backend-key');
    const r = await prelabel(model.name);
    expect(r.result).toMatchObject({ tasks: 8, stored: 8, rejected: 0, failed: 0 });
    const predict = fake.received.find((x) => x.path === '/predict')!;
    expect(predict.body.tasks).toHaveLength(4);
    expect(predict.body.tasks[0]).toEqual({
      id: tasks[0],
      data: { text: 'Meet Alice in Paris 0' },
    });
    expect(predict.body.label_config).toContain('<Text name="text" value="$text"/>');
    expect(predict.body.model_version).toBe('fake-1');
    const row = (await s.api(manager.token).get(`/api/projects/${pid}/models/${model.id}`)).body;
    expect(row.version).toBe('fake-1');
    const preds = await predsOf(model.name);
    expect(preds).toHaveLength(8);
    for (const p of preds) {
      expect(p.model_version).toBe('fake-1');
      expect(p.score).toBeCloseTo(0.8);
      expect(JSON.parse(p.regions)[0]).toMatchObject({
        control: 'label',
        type: 'choice',
        score: 0.8,
      });
    }
    // Train: accepted labels go to /train as Label Studio annotations.
    const rv = await s.buildUser();
    await s.api(manager.token).put(`/api/projects/${pid}/members/${rv.id}`, { role: 'reviewer' });
    const ann = await s
      .api(annotator.token)
      .post(`/api/projects/${pid}/tasks/${tasks[1]}/annotations`, {
        regions: [{ id: 'a', control: 'label', type: 'choice', value: { choices: ['spam'] } }],
      });
    const rev = await s
      .api(rv.token)
      .post(`/api/projects/${pid}/annotations/${ann.body.id}/review`, {
        decision: 'accept',
        version: ann.body.version,
      });
    expect(rev.status).toBe(200);
    const job = await s.api(manager.token).post(`/api/projects/${pid}/models/${model.id}/train`);
    const trained = await waitJob(s.api(manager.token), pid, job.body.id);
    expect(trained.status, JSON.stringify(trained)).toBe('done');
    expect(trained.result).toMatchObject({ labels: 1 });
    const train = fake.received.find((x) => x.path === '/train')!;
    expect(train.body.annotations[0]).toMatchObject({
      result: [
        { from_name: 'label', to_name: 'text', type: 'choices', value: { choices: ['spam'] } },
      ],
      task: { id: tasks[1], data: { text: 'WIN cash 1' } },
    });
    expect(train.body.label_config).toContain('<Choices name="label"');
  });

  it('a timeout, a 500 and malformed JSON leave tasks untouched and usable, and are logged', async () => {
    for (const [mode, attemptsPerCall, reason] of [
      ['slow', 2, /did not answer in time/],
      ['500', 3, /HTTP 500/],
      ['malformed', 1, /not JSON/],
    ] as const) {
      state.mode = mode;
      const model = await lsModel({
        timeout_ms: 150,
        retries: mode === '500' ? 2 : 1,
        backoff_ms: 10,
        breaker_failures: 100,
      });
      const before = predictCalls();
      const logsBefore = s.logs.length;
      const ids = tasks.slice(8, 12);
      const r = await prelabel(model.name, ids);
      expect(r.status, mode).toBe('done');
      expect(r.result, mode).toMatchObject({ tasks: 4, stored: 0, failed: 4 });
      expect(predictCalls() - before, mode).toBe(attemptsPerCall);
      expect(await predsOf(model.name)).toHaveLength(0);
      const line = s.logs.slice(logsBefore).find((l) => l.msg === 'model call failed');
      expect(line?.obj.reason, mode).toMatch(reason);
      expect(JSON.stringify(s.logs)).not.toContain('backend-key');
      const t = (await s.api(manager.token).get(`/api/projects/${pid}/tasks/${ids[0]}`)).body.task;
      expect(t.status).toBe('new');
    }
    const next = await s.api(annotator.token).post(`/api/projects/${pid}/next`);
    expect(next.status).toBe(200);
  });

  it('rejects an out-of-schema answer for its task only, and a wrong result count for the call', async () => {
    state.mode = 'schema';
    const model = await lsModel({});
    const logsBefore = s.logs.length;
    const r = await prelabel(model.name, tasks.slice(0, 4));
    expect(r.result).toMatchObject({ tasks: 4, stored: 3, rejected: 1, failed: 0 });
    expect(r.result.rejections[0]).toMatchObject({ task_id: tasks[0] });
    expect(r.result.rejections[0].reason).toMatch(/regions\[0\]\.value\.choices\[0\]/);
    const line = s.logs.slice(logsBefore).find((l) => l.msg === 'prediction rejected');
    expect(line?.obj).toMatchObject({ model: model.name, task_id: tasks[0] });
    expect((await predsOf(model.name)).map((p: any) => p.task_id)).toEqual(tasks.slice(1, 4));
    state.mode = 'count';
    const m2 = await lsModel({ breaker_failures: 100 });
    const r2 = await prelabel(m2.name, tasks.slice(0, 4));
    expect(r2.result).toMatchObject({ stored: 0, failed: 4 });
  });

  it('opens the circuit after K consecutive failures and half-opens after the cool-down', async () => {
    state.mode = '500';
    const model = await lsModel({
      tasks_per_call: 1,
      concurrency: 1,
      retries: 0,
      breaker_failures: 2,
      breaker_cooldown_ms: 400,
    });
    const before = predictCalls();
    const r = await prelabel(model.name, tasks.slice(0, 6));
    expect(r.result).toMatchObject({ tasks: 6, stored: 0, failed: 6 });
    expect(predictCalls() - before).toBe(2); // the other 4 calls failed fast
    expect(s.logs.some((l) => /calls resume in/.test(String(l.obj.reason)))).toBe(true);
    await new Promise((ok) => setTimeout(ok, 450));
    state.mode = 'ok';
    const again = await prelabel(model.name, tasks.slice(0, 6));
    expect(again.result).toMatchObject({ stored: 6, failed: 0 });
  });

  it('labels through an OpenAI-compatible endpoint with a JSON-schema response and few-shot examples', async () => {
    const seen: Received[] = [];
    const llm = await fakeServer(async (req) => {
      seen.push(req);
      const user = req.body.messages.at(-1).content as string;
      const text = user.replace(/^text: /, '');
      const answer = text.includes('Paris')
        ? {
            label: 'ham',
            entities: [
              { text: 'Alice', label: 'PER' },
              { text: 'Paris', label: 'LOC' },
            ],
            confidence: 0.9,
          }
        : text.includes('cash 3')
          ? { label: 'eggs', entities: [], confidence: 0.5 }
          : { label: 'spam', entities: [], confidence: 0.7 };
      return {
        json: {
          id: 'c1',
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: JSON.stringify(answer) },
              finish_reason: 'stop',
            },
          ],
        },
      };
    });
    try {
      const res = await s.api(manager.token).post(`/api/projects/${pid}/models`, {
        name: 'gpt',
        kind: 'openai-chat',
        controls: ['label', 'entities'],
        settings: { url: `${llm.url}/v1`, model: 'test-model', few_shot: 3 },
        secret: 'sk-test',
      });
      expect(res.status).toBe(201);
      const r = await prelabel('gpt', tasks.slice(0, 4));
      expect(r.result).toMatchObject({ tasks: 4, stored: 3, rejected: 1 });
      const req = seen[0]!;
      expect(req.path).toBe('/v1/chat/completions');
      expect(req.headers.authorization).toBe('Bearer sk-test');
      expect(req.body.model).toBe('test-model');
      expect(req.body.response_format.type).toBe('json_schema');
      expect(req.body.response_format.json_schema.strict).toBe(true);
      const schema = req.body.response_format.json_schema.schema;
      expect(schema.properties.label.enum).toEqual(['ham', 'spam']);
      expect(schema.required).toEqual(['label', 'entities', 'confidence']);
      expect(schema.additionalProperties).toBe(false);
      const shots = req.body.messages.filter((x: any) => x.role === 'assistant');
      expect(shots.length).toBeGreaterThanOrEqual(1); // the accepted label of the contract test
      expect(JSON.parse(shots[0].content)).toMatchObject({ label: 'spam' });
      const preds = await predsOf('gpt');
      const paris = JSON.parse(preds.find((p: any) => p.task_id === tasks[0]).regions);
      expect(
        paris.find((x: any) => x.type === 'span' && x.value.labels[0] === 'LOC').value,
      ).toMatchObject({ start: 14, end: 19, text: 'Paris' });
      expect(preds.find((p: any) => p.task_id === tasks[0]).score).toBeCloseTo(0.9);
      expect(preds.find((p: any) => p.task_id === tasks[3])).toBeUndefined(); // 'eggs' is no label
    } finally {
      await llm.close();
    }
  });
});
