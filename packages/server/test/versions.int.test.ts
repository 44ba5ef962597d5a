import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { DIALECTS, startTestServer, type TestServer } from './harness.ts';

const choice = (label: string) => ({
  id: 'c1',
  control: 'sentiment',
  type: 'choice',
  value: { choices: [label] },
});

describe.each(DIALECTS)('dataset versions on %s', (dialect) => {
  let s: TestServer;
  let mgr: string;
  let ann: Awaited<ReturnType<TestServer['buildUser']>>;
  let rev: Awaited<ReturnType<TestServer['buildUser']>>;
  let pid: number;

  const job = async (id: number) => {
    for (let i = 0; i < 200; i++) {
      const j = (await s.api(mgr).get(`/api/projects/${pid}/jobs/${id}`)).body;
      if (j.status === 'done' || j.status === 'failed') return j;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('job timed out');
  };
  const label = async (taskId: number, l: string) => {
    const a = (
      await s
        .api(ann.token)
        .post(`/api/projects/${pid}/tasks/${taskId}/annotations`, { regions: [choice(l)] })
    ).body;
    expect(
      (
        await s.api(rev.token).post(`/api/projects/${pid}/annotations/${a.id}/review`, {
          decision: 'accept',
          version: a.version,
        })
      ).status,
    ).toBe(200);
  };
  const version = async (name: string) => {
    const j = await job((await s.api(mgr).post(`/api/projects/${pid}/versions`, { name })).body.id);
    expect(j.status, j.error).toBe('done');
    return j.result.version_id as number;
  };

  beforeAll(async () => {
    s = await startTestServer(dialect);
    mgr = (await s.buildUser()).token;
    ann = await s.buildUser();
    rev = await s.buildUser();
    pid = (await s.api(mgr).post('/api/projects', { name: 'V', schema: buildSchema() })).body.id;
    for (const [u, role] of [
      [ann, 'annotator'],
      [rev, 'reviewer'],
    ] as const)
      await s.api(mgr).put(`/api/projects/${pid}/members/${u.id}`, { role });
    await s
      .api(mgr)
      .raw(
        'POST',
        `/api/projects/${pid}/import`,
        Array.from({ length: 6 }, (_, i) => `{"text":"t${i}"}`).join('\n'),
      );
  });
  afterAll(() => s?.close());

  it('snapshots are immutable, hashed, and diff by task and by label', async () => {
    const ids = (await s.api(mgr).get(`/api/projects/${pid}/tasks`)).body.items.map(
      (t: { id: number }) => t.id,
    );
    await label(ids[0], 'positive');
    await label(ids[1], 'negative');
    const v1 = await version('first');
    const meta1 = (await s.api(mgr).get(`/api/projects/${pid}/versions/${v1}`)).body;
    expect(meta1).toMatchObject({
      name: 'first',
      task_count: 6,
      annotation_count: 2,
      schema_version: 1,
      manifest: { label_counts: { positive: 1, negative: 1 } },
    });
    const file1 = (await s.api(mgr).get(`/api/projects/${pid}/versions/${v1}/download`)).text;
    expect(createHash('sha256').update(file1).digest('hex')).toBe(meta1.content_hash);

    // change the project: a new task, a deleted task, a new accepted label, a predicted model version
    await s.api(mgr).raw('POST', `/api/projects/${pid}/import`, '{"text":"new one"}');
    expect((await s.api(mgr).delete(`/api/projects/${pid}/tasks/${ids[5]}`)).status).toBe(200);
    await label(ids[2], 'positive');
    await s.api(mgr).post(`/api/projects/${pid}/tasks/${ids[3]}/predictions`, {
      model: 'lr',
      model_version: '7',
      regions: [],
    });
    const v2 = await version('second');

    expect((await s.api(mgr).get(`/api/projects/${pid}/versions/${v1}/download`)).text).toBe(file1);
    const list = (await s.api(mgr).get(`/api/projects/${pid}/versions`)).body.items;
    expect(list.map((v: { name: string }) => v.name)).toEqual(['second', 'first']);
    expect(list[0].manifest.model_versions).toEqual(['lr@7']);

    const diff = (await s.api(mgr).get(`/api/projects/${pid}/versions/diff?from=${v1}&to=${v2}`))
      .body;
    expect(diff).toMatchObject({
      tasks_added: 1,
      tasks_removed: 1,
      tasks_changed: 1,
      tasks_unchanged: 4,
    });
    expect(diff.examples.removed).toEqual([ids[5]]);
    expect(diff.examples.changed).toEqual([ids[2]]);
    expect(diff.labels).toEqual([{ label: 'positive', added: 1, removed: 0, examples: [ids[2]] }]);
    expect(
      (await s.api(mgr).get(`/api/projects/${pid}/versions/diff?from=${v1}&to=${v1}`)).status,
    ).toBe(400);
    expect(
      (await s.api(mgr).get(`/api/projects/${pid}/versions/diff?from=${v1}&to=99999`)).status,
    ).toBe(404);
  });
});
