/**
 * Hashes an export line by line as it streams past: each item of a JSONL export is one line,
 * and its manifest hash is the SHA-256 of the line's UTF-8 bytes without the line break. The
 * item id is read from the line's leading `{"id":…` (Tessera exports start every line with
 * it), so no line is ever held in memory whole.
 */

import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

/** One hashed line. */
export interface HashedLine {
  /** The task id (`"12"`), or `line:N` when the line does not start with an id. */
  id: string;
  sha256: string;
  /** 1-based line number in the file. */
  line: number;
  /** The line ended with a carriage return (a CRLF conversion changes every hash). */
  cr: boolean;
}

const HEAD_BYTES = 256;
const ID = /^\s*\{\s*"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.){1,200}")/;

/**
 * Incremental line hasher.
 * @example
 * const h = new LineHasher();
 * h.update(Buffer.from('{"id":1}\n{"id":2}\n'));
 * h.finish().map((l) => l.id); // ['1', '2']
 */
export class LineHasher {
  private readonly lines: HashedLine[] = [];
  private hash: Hash = createHash('sha256');
  private head: Buffer[] = [];
  private headBytes = 0;
  private bytes = 0;
  private lineNo = 0;
  private lastByte = -1;

  /** Feeds the next chunk of the file. */
  update(chunk: Buffer | string): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      const end = nl === -1 ? buf.length : nl;
      if (end > start) this.add(buf.subarray(start, end));
      if (nl === -1) break;
      this.endLine();
      start = nl + 1;
    }
  }

  private add(part: Buffer): void {
    this.hash.update(part);
    this.bytes += part.length;
    this.lastByte = part[part.length - 1]!;
    if (this.headBytes < HEAD_BYTES) {
      const take = part.subarray(0, HEAD_BYTES - this.headBytes);
      this.head.push(take);
      this.headBytes += take.length;
    }
  }

  private endLine(): void {
    this.lineNo++;
    if (this.bytes > 0 && !(this.bytes === 1 && this.lastByte === 13)) {
      const m = ID.exec(Buffer.concat(this.head).toString('utf8'));
      const raw = m?.[1];
      const id =
        raw === undefined
          ? `line:${this.lineNo}`
          : raw.startsWith('"')
            ? (JSON.parse(raw) as string)
            : raw;
      this.lines.push({
        id,
        sha256: this.hash.digest('hex'),
        line: this.lineNo,
        cr: this.lastByte === 13,
      });
    }
    this.hash = createHash('sha256');
    this.head = [];
    this.headBytes = 0;
    this.bytes = 0;
    this.lastByte = -1;
  }

  /** Ends the input (a last line without a line break counts) and returns every line. */
  finish(): HashedLine[] {
    if (this.bytes > 0) this.endLine();
    return this.lines;
  }
}

/**
 * A pass-through stream that hashes what flows through it, to put between an export writer
 * and its file.
 * @example
 * const tap = hashingTap(); tap.pipe(file);
 * await writeExport({ ..., out: tap }); tap.end();
 * const items = tap.items(); // after 'finish'
 */
export function hashingTap(): Transform & { items(): HashedLine[] } {
  const hasher = new LineHasher();
  let done: HashedLine[] | undefined;
  const t = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      hasher.update(chunk);
      cb(null, chunk);
    },
    flush(cb: TransformCallback) {
      done = hasher.finish();
      cb();
    },
  });
  return Object.assign(t, {
    items: () => {
      if (!done) throw new Error('the export stream has not finished yet');
      return done;
    },
  });
}

/**
 * Hashes the lines of a finished export file (a resumed export was written in parts, so the
 * file is hashed once it is whole).
 * @example const sidecar = await buildExportManifest(ctx, projectId, await hashFileLines(tmp));
 */
export async function hashFileLines(path: string): Promise<HashedLine[]> {
  const hasher = new LineHasher();
  for await (const chunk of createReadStream(path)) hasher.update(chunk as Buffer);
  return hasher.finish();
}
