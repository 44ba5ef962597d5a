import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import type { Task } from '@tessera/core/format';
import { taskPages } from '../src/services/formats/sources.ts';
import { exportOracle } from './export-oracle.ts';
import { DIALECTS, startTestServer, type TestServer } from './harness.ts';

describe.each(DIALECTS)('import and export on %s', (dialect) => {
  let s: TestServer;
  let token: string;
  const project = async (name: string) =>
    (await s.api(token).post('/api/projects', { name, schema: buildSchema() })).body.id as number;
  const count = async (pid: number) =>
    (await s.api(token).get(`/api/projects/${pid}`)).body.task_count as number;

  beforeAll(async () => {
    s = await startTestServer(dialect, { maxRecordBytes: 1024 * 1024 });
    token = (await s.buildUser()).token;
  });
  afterAll(() => s?.close());

  const lines = [
    '{"text":"one"}',
    '{"text":"two"}',
    '{"text": "three", oops}',
    '{"text":"four"}',
    '[1,2]',
    '{"text":"six"}',
  ].join('\n');

  it('abort: stores the valid records before the bad line, nothing after, and says so', async () => {
    const pid = await project('abort');
    const res = await s
      .api(token)
      .raw('POST', `/api/projects/${pid}/import?format=jsonl&on_error=abort`, lines);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'aborted', stored: 2, failed: 1, stopped_at_line: 3 });
    expect(res.body.errors[0]).toMatchObject({ line: 3 });
    expect(res.body.errors[0].message).toMatch(/not valid JSON/);
    expect(res.body.message).toMatch(
      /Stopped at line 3.*Stored 2 task.*nothing from line 3 on was stored/,
    );
    expect(await count(pid)).toBe(2);
  });

  it('skip: stores every valid record and lists each refused line', async () => {
    const pid = await project('skip');
    const res = await s
      .api(token)
      .raw('POST', `/api/projects/${pid}/import?format=jsonl&on_error=skip`, lines);
    expect(res.body).toMatchObject({ status: 'completed', stored: 4, failed: 2, duplicates: 0 });
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([3, 5]);
    expect(res.body.errors[1].message).toMatch(/must be a JSON object/);
    expect(await count(pid)).toBe(4);
    // re-running the same file stores nothing twice
    const again = await s
      .api(token)
      .raw('POST', `/api/projects/${pid}/import?format=jsonl&on_error=skip`, lines);
    expect(again.body).toMatchObject({ stored: 0, duplicates: 4 });
    expect(await count(pid)).toBe(4);
    // the same content with another key order is the same task
    const reordered = await s
      .api(token)
      .raw(
        'POST',
        `/api/projects/${pid}/import`,
        '{"text":"one","extra":null}\n{"extra":null,"text":"one"}',
      );
    expect(reordered.body).toMatchObject({ stored: 1, duplicates: 1 });
  });

  it('reads a file that opens with a byte-order mark, and refuses bytes that are not UTF-8 by line', async () => {
    const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]); // "你好" saved as GBK
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const pid = await project('encodings');
    const jsonl = await s
      .api(token)
      .raw(
        'POST',
        `/api/projects/${pid}/import?format=jsonl&on_error=skip`,
        Buffer.concat([
          bom,
          Buffer.from('{"text":"bom"}\n{"text":"'),
          gbk,
          Buffer.from('"}\n{"text":"后"}\n'),
        ]),
      );
    expect(jsonl.body).toMatchObject({ status: 'completed', stored: 2, failed: 1 });
    expect(jsonl.body.errors).toEqual([
      {
        line: 2,
        message:
          'not valid UTF-8: byte 0xC4 at byte 10 of the line. Save the file as UTF-8 (it may be in GBK, GB 18030 or Latin-1) and import it again',
      },
    ]);
    const texts = (await s.api(token).get(`/api/projects/${pid}/tasks?limit=10`)).body.items.map(
      (t: Task) => t.data.text,
    );
    expect(texts).toEqual(['bom', '后']);
    // CSV stops at the line: the parser cannot tell where a row with broken bytes ends.
    const csv = await s
      .api(token)
      .raw(
        'POST',
        `/api/projects/${pid}/import?format=csv&on_error=skip`,
        Buffer.concat([bom, Buffer.from('text\nfirst\n'), gbk, Buffer.from('\nlater\n')]),
        { 'content-type': 'text/csv' },
      );
    expect(csv.body).toMatchObject({ status: 'aborted', stored: 1, failed: 1, stopped_at_line: 3 });
    expect(csv.body.errors[0].message).toMatch(/^not valid UTF-8: byte 0xC4 at byte 1 of the line/);
    expect(await count(pid)).toBe(3);
    // A CSV line over the record limit (1 MiB here) stops the import there, whatever follows.
    const long = await s
      .api(token)
      .raw(
        'POST',
        `/api/projects/${pid}/import?format=csv&on_error=skip`,
        `text\nshort\n${'x'.repeat(1_200_000)}\nlater\n`,
        { 'content-type': 'text/csv' },
      );
    expect(long.body).toMatchObject({ status: 'aborted', stored: 1, stopped_at_line: 3 });
    expect(long.body.errors[0].message).toBe(
      'line is longer than the limit of 1 MiB (TESSERA_MAX_RECORD_BYTES)',
    );
    expect(await count(pid)).toBe(4);
  });

  it('refuses a 20 MB single line, a 10,000-deep document and a ragged CSV while serving on', async () => {
    const pid = await project('hostile');
    const huge = '{"text":"' + 'x'.repeat(20 * 1024 * 1024) + '"}\n{"text":"after"}\n';
    const r1 = await s.api(token).raw('POST', `/api/projects/${pid}/import?on_error=skip`, huge);
    expect(r1.body).toMatchObject({ stored: 1, failed: 1 });
    expect(r1.body.errors[0]).toMatchObject({ line: 1 });
    expect(r1.body.errors[0].message).toMatch(/longer than the limit/);
    const deep = '{"a":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}';
    const r2 = await s.api(token).raw('POST', `/api/projects/${pid}/import`, deep);
    expect(r2.body.errors[0].message).toMatch(/nested deeper than 64/);
    const r2b = await s
      .api(token)
      .raw('POST', `/api/projects/${pid}/import?format=json`, '[' + deep + ']');
    expect(r2b.body.errors[0].message).toMatch(/nested deeper than 64/);
    const r2c = await s
      .api(token)
      .raw('POST', '/api/projects', deep, { 'content-type': 'application/json' });
    expect(r2c.status).toBe(400);
    expect(r2c.body.error.code).toBe('too_deep');
    const csv = 'text,source\nhello,web\nragged\n"quoted, ok",mail\n';
    const r3 = await s
      .api(token)
      .raw('POST', `/api/projects/${pid}/import?format=csv&on_error=skip`, csv);
    expect(r3.body, JSON.stringify(r3.body)).toMatchObject({ stored: 2, failed: 1 });
    expect(r3.body.errors[0].line).toBe(3);
    expect(r3.body.errors[0].message).toMatch(/number of columns/);
    const r4 = await s
      .api(token)
      .raw(
        'POST',
        `/api/projects/${pid}/import?format=csv&on_error=abort`,
        'text,source\nhello2,web\nragged\nlater,x\n',
      );
    expect(r4.body, JSON.stringify(r4.body)).toMatchObject({
      status: 'aborted',
      stored: 1,
      stopped_at_line: 3,
    });
    expect((await s.api(token).get('/api/health')).body.status).toBe('ok');
  });

  it('imports a JSON array with interchange tasks, predictions and annotations', async () => {
    const pid = await project('json');
    const tasks = [
      {
        data: { text: 'Alice in Paris' },
        meta: { lang: 'en' },
        predictions: [
          {
            model: 'm',
            model_version: '1',
            score: 0.9,
            regions: [
              { id: 'p', control: 'sentiment', type: 'choice', value: { choices: ['positive'] } },
            ],
          },
        ],
      },
      {
        data: { text: 'Bob' },
        annotations: [
          {
            regions: [
              { id: 'a', control: 'sentiment', type: 'choice', value: { choices: ['negative'] } },
            ],
          },
        ],
      },
      {
        data: { text: 'bad' },
        annotations: [
          { regions: [{ id: 'a', control: 'nope', type: 'choice', value: { choices: ['x'] } }] },
        ],
      },
    ];
    const res = await s
      .api(token)
      .raw(
        'POST',
        `/api/projects/${pid}/import?format=json&on_error=skip`,
        JSON.stringify(tasks, null, 2),
      );
    expect(res.body).toMatchObject({ stored: 2, failed: 1 });
    expect(res.body.errors[0].message).toMatch(/annotations\[0\]\.regions\[0\]\.control/);
    const list = (await s.api(token).get(`/api/projects/${pid}/tasks`)).body.items;
    expect(list.map((t: { status: string }) => t.status)).toEqual(['prelabeled', 'annotated']);
    expect(
      (await s.api(token).get(`/api/projects/${pid}/tasks?label=negative`)).body.items,
    ).toHaveLength(1);
    // What was stored comes back whole: the prediction and the annotation with their regions.
    const exported = (await s.api(token).get(`/api/projects/${pid}/export?format=jsonl`)).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(exported[0].predictions).toMatchObject([
      { model: 'm', model_version: '1', score: 0.9, regions: tasks[0]!.predictions![0]!.regions },
    ]);
    expect(exported[1].annotations).toMatchObject([
      { regions: tasks[1]!.annotations![0]!.regions },
    ]);
  });

  it('stores a batch of pre-annotated tasks with every annotation, label and prediction', async () => {
    const pid = await project('children');
    const lines = Array.from({ length: 1500 }, (_, i) =>
      JSON.stringify({
        data: { text: `pre ${i}` },
        predictions: [
          {
            model: 'm',
            model_version: String(i % 3),
            score: i / 1500,
            regions: [
              { id: 'p', control: 'sentiment', type: 'choice', value: { choices: ['positive'] } },
            ],
          },
        ],
        annotations: [
          {
            lead_time_ms: i,
            regions: [
              { id: 'a', control: 'sentiment', type: 'choice', value: { choices: ['negative'] } },
              {
                id: 's',
                control: 'entities',
                type: 'span',
                value: { start: 0, end: 3, text: 'pre', labels: ['PER'] },
              },
            ],
          },
          ...(i % 2
            ? [
                {
                  regions: [
                    {
                      id: 'b',
                      control: 'sentiment',
                      type: 'choice',
                      value: { choices: ['positive'] },
                    },
                  ],
                },
              ]
            : []),
        ],
      }),
    ).join('\n');
    const res = await s.api(token).raw('POST', `/api/projects/${pid}/import`, lines);
    expect(res.body).toMatchObject({ stored: 1500, failed: 0 });
    const matching = async (q: string) => {
      let n = 0;
      let cursor: string | null = null;
      do {
        const page: { items: unknown[]; next_cursor: string | null } = (
          await s
            .api(token)
            .get(`/api/projects/${pid}/tasks?limit=500${q}${cursor ? `&cursor=${cursor}` : ''}`)
        ).body;
        n += page.items.length;
        cursor = page.next_cursor;
      } while (cursor);
      return n;
    };
    expect(await matching('&label=PER')).toBe(1500);
    expect(await matching('&label=negative')).toBe(1500);
    expect(await matching('&label=positive')).toBe(750);
    const exported = (await s.api(token).get(`/api/projects/${pid}/export?format=jsonl`)).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(exported).toHaveLength(1500);
    expect(exported[7].annotations).toHaveLength(2);
    expect(exported[7].annotations[0]).toMatchObject({ lead_time_ms: 7 });
    expect(exported[7].annotations[0].regions[1].value).toMatchObject({ labels: ['PER'] });
    expect(exported[8].annotations).toHaveLength(1);
    expect(exported[1499].predictions).toMatchObject([{ model_version: '2', score: 1499 / 1500 }]);
  });

  it('the live JSONL export and the tasks other formats read are the ones the rows give (the database builds them)', async () => {
    const pid = await project('same-text');
    const region = (id: string, choice: string) => ({
      id,
      control: 'sentiment',
      type: 'choice',
      value: { choices: [choice] },
    });
    const tasks = [
      { data: { text: 'plain' } },
      { data: { text: 'meta, "quoted" \\ 中文 😀' }, meta: { lang: 'zh', n: 1.5 } },
      {
        data: { text: 'predicted' },
        predictions: [
          {
            model: 'm "q"',
            model_version: 'v\\1',
            score: 0.25,
            regions: [region('p', 'positive')],
          },
          { model: 'm', model_version: '2', score: 1, regions: [region('q', 'negative')] },
          { model: 'm', model_version: '3', regions: [region('r', 'negative')] },
        ],
      },
      {
        data: { text: 'annotated' },
        annotations: [
          { lead_time_ms: 1234, regions: [region('a', 'negative')] },
          { regions: [region('b', 'positive')] },
        ],
        predictions: [{ model: 'm', model_version: '1', score: 0.5, regions: [] }],
      },
    ];
    const res = await s
      .api(token)
      .raw('POST', `/api/projects/${pid}/import?format=json`, JSON.stringify(tasks));
    expect(res.body).toMatchObject({ stored: 4, failed: 0 });
    // A submitted annotation by a user, and a draft, which the export leaves out.
    const user = await s.buildUser();
    await s.api(token).put(`/api/projects/${pid}/members/${user.id}`, { role: 'annotator' });
    const taskIds = (await s.api(token).get(`/api/projects/${pid}/tasks`)).body.items.map(
      (t: { id: number }) => t.id,
    );
    for (const [i, status] of [
      [0, 'submitted'],
      [1, 'draft'],
    ] as const) {
      const r = await s
        .api(user.token)
        .post(`/api/projects/${pid}/tasks/${taskIds[i]}/annotations`, {
          status,
          regions: [region('u', 'positive')],
        });
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    }
    const exported = (await s.api(token).get(`/api/projects/${pid}/export?format=jsonl`)).text;
    // The reference built in JavaScript from the rows (test/export-oracle.ts).
    const oracle = await exportOracle(s.store, pid);
    expect(exported).toBe(oracle.jsonl);
    // The other formats read the same project as interchange tasks, a task a page here (so
    // some pages have no annotation and some do): the database builds them, and they must be
    // the reference's, key for key.
    const viaPages: Task[] = [];
    for await (const tasks of taskPages({ store: s.store }, pid, { kind: 'live' }, 0, 1))
      viaPages.push(...tasks);
    expect(viaPages).toHaveLength(4);
    expect(JSON.stringify(viaPages)).toBe(JSON.stringify(oracle.tasks));
    const lines = exported
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    // The user's submission, and the consensus that the submit updates.
    expect(lines[0].annotations[0]).toMatchObject({
      annotator: String(user.id),
      status: 'submitted',
    });
    expect(lines[0].annotations[1]).toMatchObject({ origin: 'consensus' });
    expect(lines[1]).not.toHaveProperty('annotations');
    expect(lines[1].data.text).toBe(tasks[1]!.data.text);
    expect(lines[2].predictions.map((p: { score?: number }) => p.score)).toEqual([
      0.25,
      1,
      undefined,
    ]);
    expect(lines[2].predictions[0]).toMatchObject({ model: 'm "q"', model_version: 'v\\1' });
    expect(lines[3].annotations.map((a: { lead_time_ms?: number }) => a.lead_time_ms)).toEqual([
      1234,
      undefined,
    ]);
  });

  it('streams JSONL and CSV exports; CSV cells that would run as formulas are neutralised', async () => {
    const pid = await project('export');
    const rows = Array.from({ length: 12_000 }, (_, i) =>
      JSON.stringify({ text: i === 0 ? '=HYPERLINK("http://evil")' : `task ${i}` }),
    ).join('\n');
    expect((await s.api(token).raw('POST', `/api/projects/${pid}/import`, rows)).body.stored).toBe(
      12_000,
    );
    const jsonl = await s.api(token).get(`/api/projects/${pid}/export?format=jsonl`);
    expect(jsonl.headers.get('content-type')).toMatch(/ndjson/);
    const out = jsonl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(12_000);
    expect(out[5].data.text).toBe('task 5');
    const csv = await s.api(token).get(`/api/projects/${pid}/export?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const csvLines = csv.text.trim().split(/\r?\n/);
    expect(csvLines[0]).toBe('id,text,sentiment,entities,rel');
    expect(csvLines).toHaveLength(12_001);
    expect(csvLines[1]).toContain(`'=HYPERLINK(`);
  });

  it('a large export runs as a job and yields a download', async () => {
    const pid = await project('job');
    await s
      .api(token)
      .raw(
        'POST',
        `/api/projects/${pid}/import`,
        Array.from({ length: 3000 }, (_, i) => `{"text":"j${i}"}`).join('\n'),
      );
    const job = await s.api(token).post(`/api/projects/${pid}/exports`, { format: 'jsonl' });
    expect(job.status).toBe(202);
    let status = job.body;
    for (let i = 0; i < 100 && status.status !== 'done' && status.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await s.api(token).get(`/api/projects/${pid}/exports/${job.body.id}`)).body;
    }
    expect(status).toMatchObject({ status: 'done', progress: 1, result: { tasks: 3000 } });
    const file = await s.api(token).get(`/api/projects/${pid}/exports/${job.body.id}/download`);
    expect(file.headers.get('content-disposition')).toMatch(/attachment/);
    expect(file.text.trim().split('\n')).toHaveLength(3000);
  });

  it('pages the task list with keysets and filters by status', async () => {
    const pid = await project('pages');
    await s
      .api(token)
      .raw(
        'POST',
        `/api/projects/${pid}/import`,
        Array.from({ length: 120 }, (_, i) => `{"text":"p${i}"}`).join('\n'),
      );
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: number }[]; next_cursor: string | null } } = await s
        .api(token)
        .get(`/api/projects/${pid}/tasks?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(
      (await s.api(token).get(`/api/projects/${pid}/tasks?status=accepted`)).body.items,
    ).toHaveLength(0);
    const bad = await s.api(token).get(`/api/projects/${pid}/tasks?limit=100000`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('limit');
  });
});
