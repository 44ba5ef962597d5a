/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/harness.ts';
import { startMlServer, waitJob, type MlTestServer } from '../../test/ml-harness.ts';

const DIR = fileURLToPath(new URL('../../../../../shared/datasets/images/', import.meta.url));
const have = existsSync(DIR);
if (!have) console.warn(`notice: ${DIR} is absent: the vision model-registry tests are skipped.`);

const SCHEMA = {
  version: 1,
  fields: [{ name: 'image', type: 'image' }],
  controls: [
    {
      name: 'objects',
      type: 'bbox',
      field: 'image',
      labels: [{ value: 'Mug' }, { value: 'person' }, { value: 'cat' }],
    },
    { name: 'faces', type: 'bbox', field: 'image', labels: [{ value: 'face' }] },
    { name: 'things', type: 'bbox', field: 'image', labels: [{ value: 'cup' }] },
  ],
};

const IMAGES = ['coffee.png', 'chelsea.png', 'astronaut.png', 'horse.png', 'camera.png'];

describe.each(DIALECTS)('shipped vision models as registry kinds on %s', (dialect) => {
  let s: MlTestServer;
  let manager: { id: number; token: string };
  let pid: number;
  const taskOf = new Map<string, number>();

  beforeAll(async () => {
    s = await startMlServer(dialect);
    manager = await s.buildUser();
    const m = s.api(manager.token);
    pid = (await m.post('/api/projects', { name: 'photos', schema: SCHEMA })).body.id;
    if (!have) return;
    const lines: string[] = [];
    for (const f of IMAGES) {
      const up = await m.raw('POST', `/api/projects/${pid}/media`, readFileSync(DIR + f), {
        'content-type': 'application/octet-stream',
      });
      expect(up.status).toBe(201);
      lines.push(JSON.stringify({ data: { image: up.body.url }, meta: { file: f } }));
    }
    expect((await m.raw('POST', `/api/projects/${pid}/import`, lines.join('\n'))).body.stored).toBe(
      IMAGES.length,
    );
    const page = (await m.get(`/api/projects/${pid}/tasks?limit=50`)).body;
    for (const t of page.items) taskOf.set(t.meta?.file ?? '', t.id);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('refuses bad settings with a 400 naming the field', async () => {
    const m = s.api(manager.token);
    const reg = (settings: unknown, controls = ['objects'], kind = 'vision-objects') =>
      m.post(`/api/projects/${pid}/models`, { name: 'bad', kind, controls, settings });
    const cases: [Awaited<ReturnType<typeof reg>>, string][] = [
      [await reg({ label_map: { cupp: 'Mug' } }), 'settings.label_map.cupp'],
      [await reg({ label_map: { cup: 'Teacup' } }), 'settings.label_map.cup'],
      [await reg({ min_score: 1.5 }), 'settings.min_score'],
      [await reg({ label_map: { cup: 'Mug' }, colour: 'red' }), 'settings'],
      [
        await reg({ label_map: { person: 'face' } }, ['faces'], 'vision-faces'),
        'settings.label_map.person',
      ],
      [await reg({}, ['objects', 'faces']), 'controls'],
    ];
    for (const [res, path] of cases) {
      expect(res.status).toBe(400);
      expect(res.body.error.issues[0].path).toBe(path);
      if (path !== 'controls') expect(res.body.error.message).toContain(path);
    }
    expect((await m.get(`/api/projects/${pid}/models`)).body.items ?? []).toHaveLength(0);
  });

  it.skipIf(!have)(
    'pre-labels with vision-objects: coffee.png gets a Mug (cup) suggestion with model, version and score, never accepted; the job cancels and resumes',
    async () => {
      const m = s.api(manager.token);
      const created = await m.post(`/api/projects/${pid}/models`, {
        name: 'coco',
        kind: 'vision-objects',
        controls: ['objects'],
        settings: { label_map: { cup: 'Mug' }, min_score: 0.3, batch_size: 1 },
      });
      expect(created.status).toBe(201);
      expect(created.body.version).toMatch(/^human\/centernet-coco80@\d+\.\d+\.\d+$/);
      expect(created.body.settings).toMatchObject({ label_map: { cup: 'Mug' }, batch_size: 1 });

      const job = (await m.post(`/api/projects/${pid}/prelabel`, { model: 'coco' })).body;
      // Cancel once the first image is through (the model has loaded), then resume.
      for (let i = 0; i < 2000; i++) {
        const j = (await m.get(`/api/projects/${pid}/jobs/${job.id}`)).body;
        if (j.progress > 0 || ['done', 'failed'].includes(j.status)) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect((await m.post(`/api/projects/${pid}/jobs/${job.id}/cancel`)).status).toBe(200);
      const stopped = await waitJob(m, pid, job.id, 120_000);
      expect(stopped.status).toBe('cancelled');
      const before = await count(s, pid);
      expect(before).toBeLessThan(IMAGES.length);
      expect((await m.post(`/api/projects/${pid}/jobs/${job.id}/resume`)).status).toBe(202);
      const done = await waitJob(m, pid, job.id, 120_000);
      expect(done.status).toBe('done');
      expect(done.result).toMatchObject({ tasks: IMAGES.length, failed: 0, rejected: 0 });

      const coffee = taskOf.get('coffee.png')!;
      const detail = (await m.get(`/api/projects/${pid}/tasks/${coffee}`)).body;
      const p = detail.predictions.find((x: any) => x.model === 'coco');
      expect(p.model_version).toMatch(/^human\/centernet-coco80@\d+\.\d+\.\d+$/);
      expect(p.score).toBeGreaterThan(0.3);
      expect(p.score).toBeLessThanOrEqual(1);
      const mugs = p.regions.filter((r: any) => r.type === 'bbox' && r.value.labels[0] === 'Mug');
      expect(mugs.length).toBeGreaterThan(0);
      expect(mugs[0].score).toBeGreaterThanOrEqual(0.3);
      // Suggestions only: nobody's annotation, the task is not accepted.
      expect(detail.annotations).toEqual([]);
      expect(detail.task.status).not.toBe('accepted');
      // One prediction per task for this model, even across cancel and resume.
      const dup = await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM (SELECT task_id FROM predictions WHERE project_id = ${pid} AND model = 'coco' GROUP BY task_id HAVING count(*) > 1) d`.execute(
        s.store.db,
      );
      expect(Number(dup.rows[0]!.n)).toBe(0);
    },
    240_000,
  );

  it.skipIf(!have)(
    'a vision-faces model suggests the astronaut’s face and nothing on coffee.png',
    async () => {
      const m = s.api(manager.token);
      expect(
        (
          await m.post(`/api/projects/${pid}/models`, {
            name: 'faces',
            kind: 'vision-faces',
            controls: ['faces'],
          })
        ).status,
      ).toBe(201);
      const ids = [taskOf.get('astronaut.png')!, taskOf.get('coffee.png')!];
      const job = (await m.post(`/api/projects/${pid}/prelabel`, { model: 'faces', task_ids: ids }))
        .body;
      const done = await waitJob(m, pid, job.id, 120_000);
      expect(done.status).toBe('done');
      const rows =
        await sql<any>`SELECT task_id, regions, model_version FROM predictions WHERE project_id = ${pid} AND model = 'faces'`.execute(
          s.store.db,
        );
      expect(rows.rows.map((r) => Number(r.task_id))).toEqual([ids[0]]);
      expect(JSON.parse(rows.rows[0].regions)).toHaveLength(1);
      expect(rows.rows[0].model_version).toMatch(/^face-api\/tiny_face_detector@/);
    },
    240_000,
  );
});

describe.each(DIALECTS)('COCO class names without a label map on %s', (dialect) => {
  let s: MlTestServer;
  afterAll(async () => {
    await s?.close();
  });

  it.skipIf(!have)(
    'stores a `cup` box for coffee.png when the control has a label of that name',
    async () => {
      s = await startMlServer(dialect);
      const m = s.api((await s.buildUser()).token);
      const pid = (await m.post('/api/projects', { name: 'cups', schema: SCHEMA })).body.id;
      const up = await m.raw(
        'POST',
        `/api/projects/${pid}/media`,
        readFileSync(DIR + 'coffee.png'),
      );
      await m.raw('POST', `/api/projects/${pid}/import`, JSON.stringify({ image: up.body.url }));
      const model = await m.post(`/api/projects/${pid}/models`, {
        name: 'plain',
        kind: 'vision-objects',
        controls: ['things'],
      });
      expect(model.status).toBe(201);
      const job = (await m.post(`/api/projects/${pid}/prelabel`, { model: 'plain' })).body;
      expect((await waitJob(m, pid, job.id, 120_000)).result).toMatchObject({ stored: 1 });
      const rows =
        await sql<any>`SELECT model, model_version, score, regions FROM predictions WHERE project_id = ${pid}`.execute(
          s.store.db,
        );
      expect(rows.rows).toHaveLength(1);
      const p = rows.rows[0];
      expect(p.model).toBe('plain');
      expect(p.model_version).toMatch(/^human\/centernet-coco80@/);
      expect(Number(p.score)).toBeGreaterThan(0);
      const labels = JSON.parse(p.regions).map((r: any) => [r.control, r.value.labels[0]]);
      expect(labels).toContainEqual(['things', 'cup']);
    },
    240_000,
  );
});

async function count(s: MlTestServer, pid: number): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(DISTINCT task_id) AS n FROM predictions WHERE project_id = ${pid} AND model = 'coco'`.execute(
    s.store.db,
  );
  return Number(r.rows[0]!.n);
}
