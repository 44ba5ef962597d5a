import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { notFound } from '../../errors.ts';
import { checkKey, type Storage } from './storage.ts';

/** Objects as files under a root folder; writes go to a temporary name and are renamed. */
export class LocalStorage implements Storage {
  readonly kind = 'local' as const;

  constructor(private readonly root: string) {}

  private path(key: string): string {
    return join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, body: Buffer): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, body);
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async putFile(key: string, path: string): Promise<void> {
    const target = this.path(key);
    if (target === path) return;
    await mkdir(dirname(target), { recursive: true });
    // The caller hands the file over: on the same file system a rename stores it at once and
    // atomically (an export of a million tasks is hundreds of MB, a copy took a second of it).
    try {
      await rename(path, target);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    }
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await pipeline(createReadStream(path), createWriteStream(tmp));
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    const p = this.path(key);
    if (!(await stat(p).catch(() => undefined))) throw notFound('Stored object');
    return createReadStream(p);
  }

  async head(key: string) {
    const s = await stat(this.path(key)).catch(() => undefined);
    return s?.isFile() ? { size: s.size } : undefined;
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number }> {
    const base = join(this.root, ...prefix.split('/').filter(Boolean));
    const walk = async function* (
      dir: string,
      root: string,
    ): AsyncGenerator<{ key: string; size: number }> {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const p = join(dir, e.name);
        if (e.isDirectory()) yield* walk(p, root);
        else if (e.isFile() && !e.name.endsWith('.tmp'))
          yield { key: relative(root, p).split(sep).join('/'), size: (await stat(p)).size };
      }
    };
    yield* walk(base, this.root);
  }
}
