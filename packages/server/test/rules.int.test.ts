import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { DIALECTS, startTestServer, type TestServer } from './harness.ts';

const choice = (label: string) => ({
  id: 'c1',
  control: 'sentiment',
  type: 'choice',
  value: { choices: [label] },
});
const span = (id: string, start: number, end: number, label: string) => ({
  id,
  control: 'entities',
  type: 'span',
  value: { start, end, labels: [label] },
});

describe.each(DIALECTS)('quality rules on submit on %s', (dialect) => {
  let s: TestServer;
  let mgr: string;
  let ann: Awaited<ReturnType<TestServer['buildUser']>>;
  let pid: number;
  let tid: number;

  beforeAll(async () => {
    s = await startTestServer(dialect);
    mgr = (await s.buildUser()).token;
    ann = await s.buildUser();
    const schema = buildSchema();
    schema.controls[0] = { ...schema.controls[0]!, required: true } as never;
    const qc_rules = [
      { kind: 'required', severity: 'block' },
      { kind: 'span_token_boundary', severity: 'warn' },
      { id: 'too-fast', kind: 'min_lead_time', severity: 'block', min_ms: 1000 },
      { kind: 'mutually_exclusive', severity: 'warn', labels: ['PER', 'ORG'] },
    ];
    const bad = await s.api(mgr).post('/api/projects', {
      name: 'R',
      schema,
      settings: {
        qc_rules: [{ kind: 'text_regex', severity: 'warn', pattern: '(a+)+', mode: 'must_match' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toMatch(/^settings\.qc_rules\[0\]/);
    pid = (await s.api(mgr).post('/api/projects', { name: 'R', schema, settings: { qc_rules } }))
      .body.id;
    await s.api(mgr).put(`/api/projects/${pid}/members/${ann.id}`, { role: 'annotator' });
    await s
      .api(mgr)
      .raw('POST', `/api/projects/${pid}/import`, JSON.stringify({ text: '😀张伟在北京工作' }));
    tid = (await s.api(mgr).get(`/api/projects/${pid}/tasks`)).body.items[0].id;
  });
  afterAll(() => s?.close());

  it('blocks a submission that breaks a block rule, with every finding', async () => {
    const api = s.api(ann.token);
    const missing = await api.post(`/api/projects/${pid}/tasks/${tid}/annotations`, {
      regions: [],
      lead_time_ms: 5000,
    });
    expect(missing.status).toBe(400); // the schema's own required check comes first
    const fast = await api.post(`/api/projects/${pid}/tasks/${tid}/annotations`, {
      regions: [choice('positive')],
      lead_time_ms: 200,
    });
    expect(fast.status).toBe(422);
    expect(fast.body.error.code).toBe('qc_blocked');
    expect(fast.body.error.findings.map((f: { rule: string }) => f.rule)).toContain('too-fast');
    expect(fast.body.error.issues[0].path).toBe('lead_time_ms');
    // a draft is never blocked: work in progress may break rules
    expect(
      (
        await api.post(`/api/projects/${pid}/tasks/${tid}/annotations`, {
          regions: [choice('positive')],
          status: 'draft',
          lead_time_ms: 200,
        })
      ).status,
    ).toBe(201);
  });

  it('stores warnings (Chinese token boundaries by jieba, code points after an emoji) and lists them', async () => {
    const api = s.api(ann.token);
    const draft = (await api.get(`/api/projects/${pid}/tasks/${tid}`)).body.annotations[0];
    // "😀张伟在北京工作": 张伟 = [1,3), 北京 = [4,6), 工作 = [6,8); 京工 = [5,7) cuts two words
    const res = await api.patch(`/api/projects/${pid}/annotations/${draft.id}`, {
      regions: [choice('positive'), span('s1', 1, 3, 'PER'), span('s2', 5, 7, 'ORG')],
      status: 'submitted',
      lead_time_ms: 4000,
      version: draft.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rules = res.body.qc_findings.map(
      (f: { kind: string; region_id?: string }) => `${f.kind}:${f.region_id ?? ''}`,
    );
    expect(rules).toContain('span_token_boundary:s2');
    expect(rules).not.toContain('span_token_boundary:s1');
    expect(rules.some((r: string) => r.startsWith('mutually_exclusive'))).toBe(true);
    const stored = (await s.api(mgr).get(`/api/projects/${pid}/qc/findings`)).body.items;
    expect(stored.length).toBe(res.body.qc_findings.length);
    expect(stored[0]).toMatchObject({ task_id: tid, annotation_id: draft.id, severity: 'warn' });
    const summary = (await s.api(mgr).get(`/api/projects/${pid}/qc/summary`)).body;
    const boundary = res.body.qc_findings.filter(
      (f: { kind: string }) => f.kind === 'span_token_boundary',
    ).length;
    expect(boundary).toBeGreaterThan(0);
    expect(
      summary.findings.find((f: { rule: string }) => f.rule === 'span_token_boundary').count,
    ).toBe(boundary);
  });
});
