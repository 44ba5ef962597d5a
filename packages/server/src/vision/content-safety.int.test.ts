/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLabelingSchema } from '@tessera/core/format';
import { safetyOf } from '../compliance/safety-policy.ts';
import { scanSafety } from '../compliance/safety.service.ts';
import { DIALECTS, startTestServer, type Api, type TestServer } from '../../test/harness.ts';
import { waitJob } from '../../test/ml-harness.ts';
import { visionOf } from './task-images.ts';

const DIR = fileURLToPath(new URL('../../../../../shared/datasets/images/', import.meta.url));
const have = existsSync(DIR);
if (!have) console.warn(`notice: ${DIR} is absent: the content-safety image tests are skipped.`);

const IMAGE_SCHEMA = {
  version: 1,
  fields: [{ name: 'image', type: 'image' }],
  controls: [{ name: 'tags', type: 'choices', field: 'image', labels: [{ value: 'ok' }] }],
};
const TEXT_SCHEMA = {
  version: 1,
  fields: [{ name: 'text', type: 'text' }],
  controls: [{ name: 'label', type: 'choices', field: 'text', labels: [{ value: 'ok' }] }],
};
const PHOTOS = ['chelsea.png', 'coffee.png', 'astronaut.png'];

async function importRecords(m: Api, pid: number, records: unknown[]): Promise<number[]> {
  const imp = await m.raw(
    'POST',
    `/api/projects/${pid}/import`,
    records.map((r) => JSON.stringify(r)).join('\n'),
  );
  expect(imp.body.stored).toBe(records.length);
  const page = (await m.get(`/api/projects/${pid}/tasks?limit=100`)).body;
  return page.items.map((t: any) => t.id).sort((a: number, b: number) => a - b);
}

describe.each(DIALECTS)('content-safety flags on %s', (dialect) => {
  let s: TestServer;
  let m: Api;

  beforeAll(async () => {
    s = await startTestServer(dialect);
    m = s.api((await s.buildUser({ admin: true })).token);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('refuses a bad policy with a 400 naming the field, and a scan with no policy', async () => {
    const pid = (await m.post('/api/projects', { name: 'p', schema: TEXT_SCHEMA })).body.id;
    const bad = await m.put(`/api/projects/${pid}/safety`, { images: { threshold: 1.5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toMatch(/images\.threshold$/);
    const empty = await m.put(`/api/projects/${pid}/safety`, { lexicon: { terms: [' '] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues[0].path).toBe('lexicon.terms[0]');
    const scan = await m.post(`/api/projects/${pid}/safety/scan`, {});
    expect(scan.status).toBe(400);
    expect(scan.body.error.message).toMatch(/no content-safety policy/);
  });

  it('flags lexicon terms in text with the term and its code-point position', async () => {
    const pid = (await m.post('/api/projects', { name: 'texts', schema: TEXT_SCHEMA })).body.id;
    const ids = await importRecords(m, pid, [
      { text: '线上ＣＡＳＩＮＯ和赌博' },
      { text: 'see you at six' },
    ]);
    const put = await m.put(`/api/projects/${pid}/safety`, {
      lexicon: { terms: ['赌博', { term: 'casino', category: 'gambling', severity: 3 }] },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ images: null, lexicon: { case_sensitive: false } });
    const job = await m.post(`/api/projects/${pid}/safety/scan`, {});
    expect(job.status).toBe(202);
    const done = await waitJob(m, pid, job.body.id);
    expect(done.status).toBe('done');
    expect(done.result).toMatchObject({ tasks: 2, text_flags: 2, flagged_tasks: 1, images: 0 });

    const detail = (await m.get(`/api/projects/${pid}/tasks/${ids[0]}`)).body;
    expect(
      detail.safety_flags.map((f: any) => [
        f.source,
        f.path,
        f.term,
        f.category,
        f.start_cp,
        f.end_cp,
      ]),
    ).toEqual([
      ['text', 'text', 'casino', 'gambling', 2, 8],
      ['text', 'text', '赌博', 'lexicon', 9, 11],
    ]);
    expect((await m.get(`/api/projects/${pid}/tasks/${ids[1]}`)).body.safety_flags).toEqual([]);
    const gambling = (await m.get(`/api/projects/${pid}/safety/flags?category=gambling`)).body;
    expect(gambling.items.map((f: any) => [f.task_id, f.term, f.severity])).toEqual([
      [ids[0], 'casino', 3],
    ]);
    expect(gambling.counts).toEqual([
      { source: 'text', category: 'gambling', flags: 1, tasks: 1 },
      { source: 'text', category: 'lexicon', flags: 1, tasks: 1 },
    ]);
    // A rescan after the policy changes replaces the flags.
    await m.put(`/api/projects/${pid}/safety`, { lexicon: { terms: ['six'] } });
    const rescan = await m.post(`/api/projects/${pid}/safety/scan`);
    expect(rescan.body).toMatchObject({ kind: 'safety.scan' });
    await waitJob(m, pid, rescan.body.id);
    const after = (await m.get(`/api/projects/${pid}/safety/flags`)).body.items;
    expect(after.map((f: any) => [f.task_id, f.term, f.start_cp])).toEqual([[ids[1], 'six', 11]]);
  });

  it.skipIf(!have)(
    'classifies chelsea, coffee and astronaut as Neutral and flags none of them; an injected Porn score is flagged',
    async () => {
      const pid = (await m.post('/api/projects', { name: 'photos', schema: IMAGE_SCHEMA })).body.id;
      const records = [];
      for (const f of PHOTOS) {
        const bytes = readFileSync(DIR + f);
        const c = await visionOf(s.ctx).classifySafety(bytes);
        expect(c.top, f).toBe('Neutral');
        expect(Math.max(c.classes.Porn, c.classes.Hentai, c.classes.Sexy), f).toBeLessThan(0.3);
        expect(c.model.name).toBe('nsfwjs/mobilenetv2');
        const up = await m.raw('POST', `/api/projects/${pid}/media`, bytes, {
          'content-type': 'application/octet-stream',
        });
        records.push({ image: up.body.url });
      }
      const ids = await importRecords(m, pid, records);
      await m.put(`/api/projects/${pid}/safety`, { images: { threshold: 0.5 } });
      const job = (await m.post(`/api/projects/${pid}/safety/scan`, {})).body;
      const done = await waitJob(m, pid, job.id, 120_000);
      expect(done.status).toBe('done');
      expect(done.result).toMatchObject({
        tasks: 3,
        images: 3,
        image_failures: 0,
        image_flags: 0,
        flagged_tasks: 0,
      });
      expect((await m.get(`/api/projects/${pid}/safety/flags`)).body.items).toEqual([]);

      // The positive path, with the classifier's output injected: the same scan and storage.
      const project = (await s.ctx.projects.byId(pid))!;
      const schema = parseLabelingSchema(JSON.parse(project.schema));
      if (!schema.ok) throw new Error('schema');
      const r = await scanSafety(s.ctx, pid, schema.value, safetyOf(project.settings), {
        taskIds: [ids[1]!],
        classify: async () => ({
          classes: { Drawing: 0.01, Hentai: 0.02, Neutral: 0.05, Porn: 0.85, Sexy: 0.07 },
          model: 'fake@1',
        }),
      });
      expect(r).toMatchObject({ tasks: 1, images: 1, image_flags: 1, flagged_tasks: 1 });
      const detail = (await m.get(`/api/projects/${pid}/tasks/${ids[1]}`)).body;
      expect(detail.safety_flags).toMatchObject([
        { source: 'image', path: 'image', category: 'Porn', score: 0.85, model: 'fake@1' },
      ]);
      const porn = (await m.get(`/api/projects/${pid}/safety/flags?source=image&category=Porn`))
        .body;
      expect(porn.items.map((f: any) => f.task_id)).toEqual([ids[1]]);
      expect(porn.counts).toEqual([{ source: 'image', category: 'Porn', flags: 1, tasks: 1 }]);
    },
    180_000,
  );
});
