import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { DIALECTS, startTestServer, type TestServer } from './harness.ts';

const LABELS = ['positive', 'negative', 'neutral'];
const choice = (label: string) => ({
  id: 'c1',
  control: 'sentiment',
  type: 'choice',
  value: { choices: [label] },
});

async function waitJob(s: TestServer, token: string, pid: number, jobId: number) {
  for (let i = 0; i < 200; i++) {
    const j = (await s.api(token).get(`/api/projects/${pid}/jobs/${jobId}`)).body;
    if (j.status === 'done' || j.status === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

describe.each(DIALECTS)('quality control on %s', (dialect) => {
  let s: TestServer;
  let manager: Awaited<ReturnType<TestServer['buildUser']>>;
  let users: Awaited<ReturnType<TestServer['buildUser']>>[];
  let reviewer: Awaited<ReturnType<TestServer['buildUser']>>;
  let pid: number;
  let tasks: number[];
  const truth = (i: number) => LABELS[i % 3]!;

  beforeAll(async () => {
    s = await startTestServer(dialect);
    manager = await s.buildUser();
    users = [await s.buildUser(), await s.buildUser(), await s.buildUser()];
    reviewer = await s.buildUser();
    const m = s.api(manager.token);
    pid = (
      await m.post('/api/projects', { name: 'QC', schema: buildSchema(), settings: { overlap: 3 } })
    ).body.id;
    for (const [i, u] of users.entries())
      await m.put(`/api/projects/${pid}/members/${u.id}`, {
        role: 'annotator',
        group: i < 2 ? 'vendor-a' : 'vendor-b',
      });
    await m.put(`/api/projects/${pid}/members/${reviewer.id}`, { role: 'reviewer' });
    await m.raw(
      'POST',
      `/api/projects/${pid}/import`,
      Array.from({ length: 30 }, (_, i) => JSON.stringify({ text: `item ${i}` })).join('\n'),
    );
    tasks = (await m.get(`/api/projects/${pid}/tasks`)).body.items.map((t: { id: number }) => t.id);
    // gold on the first six tasks
    for (let i = 0; i < 6; i++)
      expect(
        (
          await m.put(`/api/projects/${pid}/tasks/${tasks[i]}/gold`, {
            regions: [choice(truth(i))],
          })
        ).status,
      ).toBe(200);
  });
  afterAll(() => s?.close());

  it('keeps a consensus annotation per task up to date on every submit', async () => {
    const [a, b, c] = users.map((u) => s.api(u.token));
    const t0 = tasks[0]!;
    await a!.post(`/api/projects/${pid}/tasks/${t0}/annotations`, {
      regions: [choice('positive')],
    });
    await b!.post(`/api/projects/${pid}/tasks/${t0}/annotations`, {
      regions: [choice('negative')],
    });
    await c!.post(`/api/projects/${pid}/tasks/${t0}/annotations`, {
      regions: [choice('negative')],
    });
    const anns = (await s.api(manager.token).get(`/api/projects/${pid}/tasks/${t0}`)).body
      .annotations;
    const consensus = anns.filter((x: { origin: string }) => x.origin === 'consensus');
    expect(consensus).toHaveLength(1);
    expect(consensus[0].regions[0].value.choices).toEqual(['negative']);
    expect(consensus[0].regions[0].score).toBeCloseTo(2 / 3, 5);
    // consensus never counts as an annotator's work
    expect(
      (await s.api(manager.token).get(`/api/projects/${pid}/tasks/${t0}`)).body.task
        .annotation_count,
    ).toBe(3);
  });

  it('a full recompute gives agreement, per-annotator gold accuracy and an error distribution', async () => {
    const [a, b, c] = users.map((u) => s.api(u.token));
    // a is always right, b is right except on "neutral" items, c answers "positive" always
    for (const [i, t] of tasks.slice(1).entries()) {
      const k = i + 1;
      await a!.post(`/api/projects/${pid}/tasks/${t}/annotations`, { regions: [choice(truth(k))] });
      await b!.post(`/api/projects/${pid}/tasks/${t}/annotations`, {
        regions: [choice(truth(k) === 'neutral' ? 'negative' : truth(k))],
      });
      await c!.post(`/api/projects/${pid}/tasks/${t}/annotations`, {
        regions: [choice('positive')],
      });
    }
    const job = (await s.api(manager.token).post(`/api/projects/${pid}/qc/recompute`)).body;
    const done = await waitJob(s, manager.token, pid, job.id);
    expect(done).toMatchObject({ status: 'done', result: { controls: 1, tasks: 30, labels: 90 } });

    const history = (await s.api(manager.token).get(`/api/projects/${pid}/qc/agreement`)).body
      .controls[0];
    expect(history.control).toBe('sentiment');
    expect(history.points.at(-1)).toMatchObject({
      day: new Date().toISOString().slice(0, 10),
      labels: 90,
    });
    expect(history.points.at(-1).alpha.value).toBeGreaterThan(0);
    const summary = (await s.api(manager.token).get(`/api/projects/${pid}/qc/summary`)).body;
    expect(summary.controls[0]).toMatchObject({
      control: 'sentiment',
      method: 'ds',
      items: 30,
      labels: 90,
    });
    expect(summary.controls[0].alpha.value).toBeGreaterThan(0);
    expect(summary.controls[0].alpha.value).toBeLessThan(1);

    const report = (await s.api(reviewer.token).get(`/api/projects/${pid}/qc/annotators`)).body
      .items;
    const of = (u: { id: number }) => report.find((r: { user_id: number }) => r.user_id === u.id);
    expect(of(users[0]!).gold).toMatchObject({ value: 1, successes: 6, trials: 6 });
    expect(of(users[0]!).gold.lower).toBeGreaterThan(0.5);
    expect(of(users[2]!).gold).toMatchObject({ successes: 1, trials: 6 }); // said "negative" on task 0, "positive" (right only on task 3) after
    expect(of(users[2]!).agreement_with_consensus.value).toBeLessThan(
      of(users[0]!).agreement_with_consensus.value,
    );
    expect(of(users[2]!).group).toBe('vendor-b');

    const errors = (await s.api(reviewer.token).get(`/api/projects/${pid}/qc/errors`)).body
      .controls[0];
    const neutral = errors.by_label.find((l: { label: string }) => l.label === 'neutral');
    expect(neutral.errors).toBeGreaterThan(0);
    expect(neutral.confused_with).toHaveProperty('negative');
    expect(errors.by_group.map((g: { group: string }) => g.group).sort()).toEqual([
      'vendor-a',
      'vendor-b',
    ]);
    expect(errors.heat_map).toHaveLength(3);
    expect(errors.heat_map[0].labels).toHaveLength(3);

    // with the model fitted, the next submit's consensus weighs annotators by their confusion
    const extra = (
      await s.api(manager.token).raw('POST', `/api/projects/${pid}/import`, '{"text":"extra"}')
    ).body;
    expect(extra.stored).toBe(1);
    const t = (await s.api(manager.token).get(`/api/projects/${pid}/tasks?cursor=${tasks[29]}`))
      .body.items[0].id;
    await a!.post(`/api/projects/${pid}/tasks/${t}/annotations`, { regions: [choice('negative')] });
    await c!.post(`/api/projects/${pid}/tasks/${t}/annotations`, { regions: [choice('positive')] });
    const cons = (
      await s.api(manager.token).get(`/api/projects/${pid}/tasks/${t}`)
    ).body.annotations.find((x: { origin: string }) => x.origin === 'consensus');
    expect(cons.regions[0].value.choices).toEqual(['negative']); // the reliable annotator wins a 1–1 tie
  });

  it('acceptance sampling draws a reproducible sample and reports the pass rate with an interval', async () => {
    const rv = s.api(reviewer.token);
    // accept ten tasks
    for (const t of tasks.slice(0, 10)) {
      const ann = (await rv.get(`/api/projects/${pid}/tasks/${t}`)).body.annotations.find(
        (x: { created_by: number }) => x.created_by === users[0]!.id,
      );
      expect(
        (
          await rv.post(`/api/projects/${pid}/annotations/${ann.id}/review`, {
            decision: 'accept',
            version: ann.version,
          })
        ).status,
      ).toBe(200);
    }
    const bad = await rv.post(`/api/projects/${pid}/qc/samples`, { plan: 'custom', n: 4 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('pass_rate');
    const sample = (
      await rv.post(`/api/projects/${pid}/qc/samples`, {
        plan: 'custom',
        n: 4,
        pass_rate: 0.75,
        seed: 42,
      })
    ).body;
    expect(sample).toMatchObject({
      batch_size: 10,
      size: 4,
      inspected: 0,
      result: { verdict: 'insufficient_sample' },
    });
    const again = (
      await rv.post(`/api/projects/${pid}/qc/samples`, {
        plan: 'custom',
        n: 4,
        pass_rate: 0.75,
        seed: 42,
      })
    ).body;
    expect(again.items.map((i: { task_id: number }) => i.task_id)).toEqual(
      sample.items.map((i: { task_id: number }) => i.task_id),
    );
    for (const [i, item] of sample.items.entries()) {
      expect(
        (
          await rv.put(`/api/projects/${pid}/qc/samples/${sample.id}/items/${item.task_id}`, {
            verdict: i === 0 ? 'fail' : 'pass',
          })
        ).status,
      ).toBe(200);
    }
    const report = (await rv.get(`/api/projects/${pid}/qc/samples/${sample.id}`)).body;
    expect(report).toMatchObject({
      inspected: 4,
      passed: 3,
      result: { verdict: 'accept', passRate: { value: 0.75, successes: 3, trials: 4 } },
    });
    expect(report.result.passRate.lower).toBeLessThan(0.75);
    const tc = (
      await rv.post(`/api/projects/${pid}/qc/samples`, { plan: 'tc260-003-10pct', seed: 1 })
    ).body;
    expect(tc.plan.passRate).toBe(0.98);
    expect(tc.size).toBe(1); // 10 % of a batch of 10
  });

  it('quality reports follow the project roles', async () => {
    const an = s.api(users[0]!.token);
    expect((await an.get(`/api/projects/${pid}/qc/annotators`)).status).toBe(403);
    expect((await an.post(`/api/projects/${pid}/qc/recompute`)).status).toBe(403);
    expect(
      (
        await an.put(`/api/projects/${pid}/tasks/${tasks[0]}/gold`, {
          regions: [choice('positive')],
        })
      ).status,
    ).toBe(403);
    const stranger = await s.buildUser();
    expect((await s.api(stranger.token).get(`/api/projects/${pid}/qc/summary`)).status).toBe(404);
  });
});
