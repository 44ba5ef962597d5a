import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { buildImageSchema, buildSchema } from '@tessera/core/format';
import { DIALECTS, startTestServer, type TestServer } from './harness.ts';
import { zipBuffer } from './zip.ts';

const img = (f: string) =>
  readFileSync(fileURLToPath(new URL(`../demo/images/${f}`, import.meta.url)));

function unzip(buf: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out: Record<string, string> = {};
      zip!.on('entry', (e: yauzl.Entry) =>
        zip!.openReadStream(e, (er, s) => {
          if (er) return reject(er);
          const parts: Buffer[] = [];
          s!
            .on('data', (c: Buffer) => parts.push(c))
            .on('end', () => {
              out[e.fileName] = Buffer.concat(parts).toString();
              zip!.readEntry();
            });
        }),
      );
      zip!.on('end', () => resolve(out));
      zip!.readEntry();
    }),
  );
}

describe.each(DIALECTS)('export formats on %s', (dialect) => {
  let s: TestServer;
  let mgr: string;
  let ann: Awaited<ReturnType<TestServer['buildUser']>>;
  let rev: Awaited<ReturnType<TestServer['buildUser']>>;

  const accept = async (pid: number, taskId: number, regions: unknown[]) => {
    const a = (
      await s.api(ann.token).post(`/api/projects/${pid}/tasks/${taskId}/annotations`, { regions })
    ).body;
    expect(a.id, JSON.stringify(a)).toBeDefined();
    expect(
      (
        await s.api(rev.token).post(`/api/projects/${pid}/annotations/${a.id}/review`, {
          decision: 'accept',
          version: a.version,
        })
      ).status,
    ).toBe(200);
  };
  const project = async (name: string, schema: unknown) => {
    const pid = (await s.api(mgr).post('/api/projects', { name, schema })).body.id as number;
    await s.api(mgr).put(`/api/projects/${pid}/members/${ann.id}`, { role: 'annotator' });
    await s.api(mgr).put(`/api/projects/${pid}/members/${rev.id}`, { role: 'reviewer' });
    return pid;
  };
  const runJob = async (pid: number, body: unknown) => {
    const job = (await s.api(mgr).post(`/api/projects/${pid}/exports`, body)).body;
    for (let i = 0; i < 200; i++) {
      const j = (await s.api(mgr).get(`/api/projects/${pid}/exports/${job.id}`)).body;
      if (j.status === 'done')
        return await fetch(`${s.url}/api/projects/${pid}/exports/${job.id}/download`, {
          headers: { authorization: `Bearer ${mgr}` },
        });
      if (j.status === 'failed') throw new Error(j.error);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('export job timed out');
  };

  beforeAll(async () => {
    s = await startTestServer(dialect);
    mgr = (await s.buildUser()).token;
    ann = await s.buildUser();
    rev = await s.buildUser();
  });
  afterAll(() => s?.close());

  it('the JSONL export imports back into a new project unchanged', async () => {
    const a = await project('source', buildSchema());
    await s
      .api(mgr)
      .raw(
        'POST',
        `/api/projects/${a}/import`,
        ['张伟在北京工作。', 'Maria works at Acme.']
          .map((t) => JSON.stringify({ text: t }))
          .join('\n'),
      );
    const [t1] = (await s.api(mgr).get(`/api/projects/${a}/tasks`)).body.items;
    await accept(a, t1.id, [
      { id: 'c1', control: 'sentiment', type: 'choice', value: { choices: ['positive'] } },
      { id: 's1', control: 'entities', type: 'span', value: { start: 0, end: 2, labels: ['PER'] } },
    ]);
    const exported = (await s.api(mgr).get(`/api/projects/${a}/export`)).text;
    const b = await project('copy', buildSchema());
    const res = await s.api(mgr).raw('POST', `/api/projects/${b}/import`, exported);
    expect(res.body, JSON.stringify(res.body)).toMatchObject({ stored: 2, failed: 0 });
    const again = (await s.api(mgr).get(`/api/projects/${b}/export`)).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const before = exported
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const strip = (t: {
      data: unknown;
      annotations?: { regions: unknown; status: string; origin: string }[];
    }) => ({
      data: t.data,
      annotations: (t.annotations ?? [])
        .filter((x) => x.origin === 'human')
        .map((x) => ({ regions: x.regions, status: x.status })),
    });
    expect(again.map(strip)).toEqual(before.map(strip));
  });

  it('exports boxes as COCO (streamed), YOLO and VOC (zip jobs), with image sizes from the upload', async () => {
    const pid = await project('images', buildImageSchema());
    const up = await s.api(mgr).raw(
      'POST',
      `/api/projects/${pid}/import/archive`,
      await zipBuffer({
        'a/astronaut.png': img('astronaut.png'),
        'b/chelsea.png': img('chelsea.png'),
      }),
      { 'content-type': 'application/zip' },
    );
    expect(up.body.image_tasks.stored).toBe(2);
    const tasks = (await s.api(mgr).get(`/api/projects/${pid}/tasks`)).body.items;
    expect(tasks[0].meta).toEqual({ width: 512, height: 512 });
    await accept(pid, tasks[0].id, [
      {
        id: 'b1',
        control: 'objects',
        type: 'bbox',
        value: { x: 175, y: 68, width: 100, height: 102, labels: ['person'] },
      },
    ]);
    const coco = JSON.parse((await s.api(mgr).get(`/api/projects/${pid}/export?format=coco`)).text);
    expect(coco.images).toHaveLength(2);
    expect(coco.images[0]).toMatchObject({ width: 512, height: 512 });
    expect(coco.annotations).toHaveLength(1);
    expect(coco.annotations[0].bbox).toEqual([175, 68, 100, 102]);
    expect(coco.categories.map((c: { name: string }) => c.name)).toContain('person');

    const yolo = await unzip(
      Buffer.from(await (await runJob(pid, { format: 'yolo' })).arrayBuffer()),
    );
    expect(yolo['data.yaml']).toMatch(/names:/);
    const label = Object.entries(yolo).find(([n, c]) => n.startsWith('labels/') && c.trim());
    expect(label, JSON.stringify(yolo)).toBeDefined();
    const [cls, cx, cy, w, h] = label![1].trim().split(' ').map(Number);
    const names = buildImageSchema().controls.find((c) => c.name === 'objects')!;
    expect(cls).toBe(
      (names as { labels: { value: string }[] }).labels.findIndex((l) => l.value === 'person'),
    );
    expect(cx).toBeCloseTo((175 + 50) / 512, 5);
    expect(cy).toBeCloseTo((68 + 51) / 512, 5);
    expect(w).toBeCloseTo(100 / 512, 5);
    expect(h).toBeCloseTo(102 / 512, 5);
    const voc = await unzip(
      Buffer.from(await (await runJob(pid, { format: 'voc' })).arrayBuffer()),
    );
    const xml = Object.values(voc).find((x) => x.includes('<object>'))!;
    expect(xml).toMatch(/<name>person<\/name>/);
    expect(xml).toMatch(/<xmin>\d+<\/xmin>/);
    // an archive format cannot be streamed in a request
    expect((await s.api(mgr).get(`/api/projects/${pid}/export?format=yolo`)).status).toBe(400);
  });

  it('a COCO export larger than a page spills its image table to disk and cleans up after', async () => {
    const pid = await project('many images', buildImageSchema());
    const n = 4_500; // more than two export pages of COCO (2,000)
    const lines = Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        data: { image: `img/${i}.jpg` },
        meta: { width: 64, height: 48 },
        annotations: [
          {
            regions: [
              {
                id: 'b1',
                control: 'objects',
                type: 'bbox',
                value: { x: i % 50, y: 1, width: 10, height: 8, labels: ['car'] },
              },
            ],
          },
        ],
      }),
    ).join('\n');
    expect((await s.api(mgr).raw('POST', `/api/projects/${pid}/import`, lines)).body.stored).toBe(
      n,
    );
    for (const how of ['stream', 'job'] as const) {
      const text =
        how === 'stream'
          ? (await s.api(mgr).get(`/api/projects/${pid}/export?format=coco`)).text
          : await (await runJob(pid, { format: 'coco' })).text();
      const coco = JSON.parse(text) as {
        images: { id: number; file_name: string; width: number }[];
        annotations: { image_id: number; bbox: number[] }[];
      };
      expect(coco.images).toHaveLength(n);
      expect(new Set(coco.images.map((i) => i.id)).size).toBe(n);
      expect(coco.images[n - 1]).toMatchObject({ file_name: `img/${n - 1}.jpg`, width: 64 });
      expect(coco.annotations).toHaveLength(n);
      const ids = new Set(coco.images.map((i) => i.id));
      expect(coco.annotations.every((a) => ids.has(a.image_id))).toBe(true);
    }
    const tmp = join(s.ctx.config.dataDir, 'tmp');
    expect(existsSync(tmp) ? readdirSync(tmp).filter((f) => f.startsWith('spill-')) : []).toEqual(
      [],
    );
  });

  it('exports spans as CoNLL and Hugging Face tokens, and Label Studio JSON', async () => {
    const pid = await project('ner', buildSchema());
    await s
      .api(mgr)
      .raw('POST', `/api/projects/${pid}/import`, JSON.stringify({ text: 'Maria works at Acme' }));
    const t = (await s.api(mgr).get(`/api/projects/${pid}/tasks`)).body.items[0];
    await accept(pid, t.id, [
      { id: 'c1', control: 'sentiment', type: 'choice', value: { choices: ['neutral'] } },
      { id: 's1', control: 'entities', type: 'span', value: { start: 0, end: 5, labels: ['PER'] } },
      {
        id: 's2',
        control: 'entities',
        type: 'span',
        value: { start: 15, end: 19, labels: ['ORG'] },
      },
    ]);
    const conll = (await s.api(mgr).get(`/api/projects/${pid}/export?format=conll`)).text;
    expect(conll).toMatch(/Maria\s+B-PER/);
    expect(conll).toMatch(/Acme\s+B-ORG/);
    expect(conll).toMatch(/works\s+O/);
    const hf = JSON.parse(
      (await s.api(mgr).get(`/api/projects/${pid}/export?format=hf`)).text.trim(),
    );
    expect(hf.tokens).toEqual(['Maria', 'works', 'at', 'Acme']);
    expect(hf.ner_tags[0]).not.toBe(0);
    const ls = JSON.parse((await s.api(mgr).get(`/api/projects/${pid}/export?format=ls`)).text);
    expect(ls).toHaveLength(1);
    expect(ls[0].annotations[0].result.some((r: { type: string }) => r.type === 'labels')).toBe(
      true,
    );
  });

  it('exports a dataset version in another format', async () => {
    const pid = await project('versioned', buildSchema());
    await s.api(mgr).raw('POST', `/api/projects/${pid}/import`, '{"text":"one"}\n{"text":"two"}');
    const t = (await s.api(mgr).get(`/api/projects/${pid}/tasks`)).body.items[0];
    await accept(pid, t.id, [
      { id: 'c1', control: 'sentiment', type: 'choice', value: { choices: ['negative'] } },
    ]);
    const job = (await s.api(mgr).post(`/api/projects/${pid}/versions`, { name: 'v1' })).body;
    let v: { result?: { version_id: number }; status: string } = { status: 'queued' };
    for (let i = 0; i < 200 && v.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      v = (await s.api(mgr).get(`/api/projects/${pid}/jobs/${job.id}`)).body;
    }
    await s
      .api(mgr)
      .raw('POST', `/api/projects/${pid}/import`, '{"text":"three, added after the version"}');
    const csv = await (await runJob(pid, { format: 'csv', version: v.result!.version_id })).text();
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/negative/);
    expect(csv).not.toMatch(/added after/);
  });

  it('an export job taken over after a crash resumes from its checkpoint', async () => {
    const pid = await project('resume', buildSchema());
    await s
      .api(mgr)
      .raw(
        'POST',
        `/api/projects/${pid}/import`,
        Array.from({ length: 12_000 }, (_, i) => `{"text":"r${i}"}`).join('\n'),
      );
    const full = (await s.api(mgr).get(`/api/projects/${pid}/export`)).text;
    const lines = full.split('\n');
    const head = lines.slice(0, 5000).join('\n') + '\n';
    const after = JSON.parse(lines[4999]!).id as number;
    // a job whose worker died after the first page: partial file, checkpoint, an expired lock
    const job = await s.ctx.jobs.enqueue({
      project_id: pid,
      kind: 'export',
      params: { format: 'jsonl' },
      created_by: null,
    });
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(`${s.ctx.config.dataDir}/tmp`, { recursive: true });
    writeFileSync(
      `${s.ctx.config.dataDir}/tmp/export-${job.id}.jsonl.partial`,
      head + '{"id":"torn line',
    );
    await s.store.db
      .updateTable('jobs')
      .set({
        status: 'running',
        locked_by: 'dead-worker',
        locked_until: new Date(Date.now() - 1000).toISOString(),
        checkpoint: JSON.stringify({ after, bytes: Buffer.byteLength(head) }),
      })
      .where('id', '=', job.id)
      .execute();
    s.ctx.pokeJobs();
    let j: { status: string; result?: { tasks: number } } = { status: 'running' };
    for (let i = 0; i < 200 && j.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      j = (await s.api(mgr).get(`/api/projects/${pid}/exports/${job.id}`)).body;
    }
    expect(j.status).toBe('done');
    expect(j.result!.tasks).toBe(7000); // only the tasks after the checkpoint were read again
    const file = await (
      await fetch(`${s.url}/api/projects/${pid}/exports/${job.id}/download`, {
        headers: { authorization: `Bearer ${mgr}` },
      })
    ).text();
    expect(file).toBe(full);
  });
});
