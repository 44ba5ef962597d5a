import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImageSchema } from '@tessera/core/format';
import { DIALECTS, startTestServer, type TestServer } from './harness.ts';
import { zipBuffer, type ZipEntry } from './zip.ts';

const PNG = readFileSync(fileURLToPath(new URL('../demo/images/horse.png', import.meta.url)));

/** Builds a zip in memory; `rename` swaps same-length placeholder names for hostile ones. */
async function zip(entries: ZipEntry[], rename: [string, string][] = []): Promise<Buffer> {
  let buf = await zipBuffer(entries);
  for (const [from, to] of rename) {
    expect(from.length).toBe(to.length);
    buf = Buffer.from(buf.toString('latin1').split(from).join(to), 'latin1');
  }
  return buf;
}

describe.each(DIALECTS)('archive and URL import on %s', (dialect) => {
  let s: TestServer;
  let token: string;
  let pid: number;
  let web: Server;
  let webUrl: string;

  beforeAll(async () => {
    s = await startTestServer(dialect, { fetchAllow: [] });
    token = (await s.buildUser()).token;
    pid = (await s.api(token).post('/api/projects', { name: 'A', schema: buildImageSchema() })).body
      .id;
    web = createServer((req, res) => {
      if (req.url === '/horse.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      else if (req.url === '/tasks.jsonl')
        res
          .writeHead(200, { 'content-type': 'application/x-ndjson' })
          .end('{"image":"https://example.org/a.png"}\n');
      else if (req.url === '/evil')
        res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    webUrl = `http://localhost:${(web.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => web.close(r));
    await s?.close();
  });

  const upload = (body: Buffer, q = '') =>
    s.api(token).raw('POST', `/api/projects/${pid}/import/archive${q}`, body, {
      'content-type': 'application/zip',
    });
  const count = async () =>
    (await s.api(token).get(`/api/projects/${pid}`)).body.task_count as number;

  it('imports images and a task file that names them by path', async () => {
    const body = await zip([
      { name: 'images/horse.png', data: PNG, compress: false },
      {
        name: 'tasks.jsonl',
        data: Buffer.from('{"image":"images/horse.png","caption":"a horse"}\n'),
      },
      { name: 'notes/readme.txt', data: Buffer.from('not an image') },
    ]);
    const res = await upload(body);
    expect(res.status).toBe(200);
    expect(res.body.media).toMatchObject({ stored: 1, refused: [{ entry: 'notes/readme.txt' }] });
    expect(res.body.files[0].report).toMatchObject({ stored: 1 });
    const task = (await s.api(token).get(`/api/projects/${pid}/tasks`)).body.items[0];
    expect(task.data.image).toMatch(/^\/api\/projects\/\d+\/media\/\d+$/);
    const img = await s.api(token).get(task.data.image);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(img.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses zip-slip, absolute paths, symlinks, bombs and HTML posing as PNG, storing nothing', async () => {
    const before = await count();
    const slip = await zip(
      [{ name: 'xx/xx/evil.txt', data: Buffer.from('x') }],
      [['xx/xx/evil.txt', '../../evil.txt']],
    );
    const abs = await zip(
      [{ name: 'xetc/passwd', data: Buffer.from('x') }],
      [['xetc/passwd', '/etc/passwd']],
    );
    const link = await zip([
      { name: 'link.png', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
    ]);
    const bomb = await zip([{ name: 'zeros.jsonl', data: Buffer.alloc(64 * 1024 * 1024) }]);
    for (const [body, pattern] of [
      [slip, /zip-slip|outside the archive/],
      [abs, /absolute path|zip-slip/],
      [link, /symbolic link/],
      [bomb, /zip bomb/],
    ] as const) {
      const res = await upload(body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error.message).toMatch(pattern);
    }
    const html = await zip([
      { name: 'photo.png', data: Buffer.from('<html><script>alert(1)</script></html>') },
    ]);
    const res = await upload(html);
    expect(res.body.media).toMatchObject({ stored: 0, refused: [{ entry: 'photo.png' }] });
    expect(res.body.media.refused[0].reason).toMatch(/checked by content/);
    const notZip = await upload(Buffer.from('hello'));
    expect(notZip.status).toBe(422);
    expect(notZip.body.error.code).toBe('archive_invalid');
    expect(await count()).toBe(before);
    expect((await s.api(token).get('/api/health')).body.status).toBe('ok');
  });

  it('imports from URLs through the safe fetcher and refuses internal ones', async () => {
    const res = await s.api(token).post(`/api/projects/${pid}/import/urls`, {
      urls: [
        `${webUrl}/horse.png`,
        'http://127.0.0.1:1/',
        'http://169.254.169.254/latest/meta-data/',
        'file:///etc/passwd',
        `${webUrl}/evil`,
      ],
    });
    expect(res.status).toBe(200);
    // localhost is not allow-listed on this server: every one is refused with the same words
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
    expect(new Set(res.body.results.map((r: { detail: string }) => r.detail)).size).toBe(1);
  });
});

describe('URL import with an allow-listed internal server', () => {
  it('stores images as tasks and imports task documents', async () => {
    const s = await startTestServer('sqlite', { fetchAllow: ['localhost'] });
    const web = createServer((req, res) => {
      if (req.url === '/horse.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      else
        res
          .writeHead(200, { 'content-type': 'application/x-ndjson' })
          .end('{"image":"https://example.org/a.png"}\n');
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    const url = `http://localhost:${(web.address() as { port: number }).port}`;
    try {
      const token = (await s.buildUser()).token;
      const pid = (
        await s.api(token).post('/api/projects', { name: 'U', schema: buildImageSchema() })
      ).body.id;
      const res = await s.api(token).post(`/api/projects/${pid}/import/urls`, {
        urls: [`${url}/horse.png`, `${url}/tasks.jsonl`],
      });
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['image', 'tasks']);
      expect((await s.api(token).get(`/api/projects/${pid}`)).body.task_count).toBe(2);
    } finally {
      await new Promise((r) => web.close(r));
      await s.close();
    }
  });
});
