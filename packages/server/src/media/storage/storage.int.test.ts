import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowList } from '../address-policy.ts';
import { SafeFetcher } from '../safe-fetch.ts';
import { LocalStorage } from './local-storage.ts';
import { S3Storage } from './s3-storage.ts';
import type { Storage } from './storage.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'tessera-storage-'));
  dirs.push(d);
  return d;
};

let s3: S3rver;
let endpoint: string;
beforeAll(async () => {
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: tmp(),
    configureBuckets: [{ name: 'tessera-test', configs: [] }],
  });
  const addr = await s3.run();
  endpoint = `http://127.0.0.1:${addr.port}`;
});
afterAll(async () => {
  await s3.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const adapters: Array<[string, () => Storage]> = [
  ['local disk', () => new LocalStorage(tmp())],
  [
    'S3 (s3rver)',
    () =>
      new S3Storage({
        bucket: 'tessera-test',
        prefix: 'run/',
        endpoint,
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        // the test server is on loopback: an admin allow-list opens exactly that address
        lookup: new SafeFetcher(new AllowList(['127.0.0.1/32'])).lookup,
      }),
  ],
];

describe.each(adapters)('storage on %s', (_name, make) => {
  it('puts, reads, lists, sizes and deletes objects', async () => {
    const st = make();
    await st.put('media/ab/cd.png', Buffer.from('png-bytes'), 'image/png');
    const file = join(tmp(), 'export.jsonl');
    writeFileSync(file, '{"id":1}\n{"id":2}\n');
    await st.putFile('exports/1.jsonl', file, 'application/x-ndjson');
    expect(await text(await st.get('media/ab/cd.png'))).toBe('png-bytes');
    expect(await st.head('exports/1.jsonl')).toEqual({ size: 18 });
    expect(await st.head('exports/none.jsonl')).toBeUndefined();
    const keys: string[] = [];
    for await (const o of st.list('')) keys.push(o.key);
    expect(keys).toEqual(['exports/1.jsonl', 'media/ab/cd.png']);
    await st.delete('media/ab/cd.png');
    await expect(st.get('media/ab/cd.png')).rejects.toMatchObject({ status: 404 });
  });

  it('refuses keys that could leave the storage root', async () => {
    const st = make();
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '.hidden', 'a/./b', 'a\\b']) {
      await expect(st.put(key, Buffer.from('x')), key).rejects.toMatchObject({
        code: 'bad_storage_key',
      });
    }
  });
});

describe('S3 endpoint guard', () => {
  it('a custom endpoint on a private address is refused without the allow-list', async () => {
    const st = new S3Storage({
      bucket: 'tessera-test',
      endpoint: endpoint.replace('127.0.0.1', 'localhost'),
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      lookup: new SafeFetcher().lookup,
    });
    await expect(st.put('x', Buffer.from('x'))).rejects.toThrow(/refused address/);
  });
});
