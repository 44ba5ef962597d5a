import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowList, isPublicAddress } from './address-policy.ts';
import { FetchRefused, SafeFetcher } from './safe-fetch.ts';

let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/redirect-private') {
      res.writeHead(302, { location: `http://127.0.0.2:${port}/secret` }).end();
    } else if (req.url === '/redirect-metadata') {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (req.url === '/redirect-ok') {
      res.writeHead(302, { location: '/data' }).end();
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise((r) => server.close(r)));

async function refusal(f: SafeFetcher, url: string): Promise<FetchRefused> {
  const err = await f.fetch(url).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, url).toBeInstanceOf(FetchRefused);
  return err as FetchRefused;
}

describe('SafeFetcher', () => {
  it('refuses loopback, private, link-local and metadata addresses in every spelling, at no cost to the target', async () => {
    const f = new SafeFetcher();
    const before = hits;
    const urls = [
      `http://127.0.0.1:${port}/`,
      `http://[::1]:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      `http://0x7f000001:${port}/`,
      `http://2130706433:${port}/`,
      `http://0177.0.0.1:${port}/`,
      `http://127.1:${port}/`,
      `http://localhost.:${port}/`,
      `http://localhost:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      'http://10.0.0.1/',
      'http://192.168.1.1/',
      'http://0.0.0.0/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
    ];
    const messages = new Set<string>();
    for (const url of urls) messages.add((await refusal(f, url)).message);
    expect(hits).toBe(before); // nothing ever reached the server
    expect(messages.size).toBe(1); // one generic message: no port-scan oracle
    await f.close();
  });

  it('allows only http and https', async () => {
    const f = new SafeFetcher();
    for (const url of [
      'file:///etc/passwd',
      'gopher://127.0.0.1:70/',
      'ftp://example.org/x',
      'data:text/plain,hi',
      'javascript:alert(1)',
    ]) {
      expect((await refusal(f, url)).reason).toMatch(/scheme/);
    }
    expect((await refusal(f, 'http://user:pw@example.org/')).reason).toMatch(/credentials/);
    await f.close();
  });

  it('re-checks every redirect, including one to a private or metadata address', async () => {
    const f = new SafeFetcher(new AllowList(['localhost']));
    const ok = await f.fetch(`http://localhost:${port}/redirect-ok`);
    expect(await ok.text()).toBe('hello');
    expect((await refusal(f, `http://localhost:${port}/redirect-private`)).reason).toMatch(
      /127\.0\.0\.2/,
    );
    expect((await refusal(f, `http://localhost:${port}/redirect-metadata`)).reason).toMatch(
      /169\.254/,
    );
    await f.close();
  });

  it('an admin allow-list opens a deliberate internal address, and only that', async () => {
    const f = new SafeFetcher(new AllowList(['127.0.0.1/32']));
    expect(await (await f.fetch(`http://127.0.0.1:${port}/data`)).text()).toBe('hello');
    await refusal(f, `http://127.0.0.2:${port}/data`);
    await f.close();
  });

  it('classifies addresses', () => {
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    expect(isPublicAddress('2001:4860:4860::8888')).toBe(true);
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      '::',
      'fc00::1',
      '::ffff:10.0.0.1',
      '0.0.0.0',
      '224.0.0.1',
      'not-an-ip',
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });
});
