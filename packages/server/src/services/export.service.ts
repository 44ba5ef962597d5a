import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import type { LabelingSchema, Task } from '@tessera/core/format';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors.ts';
import type { Store } from '../store/db.ts';
import { textPages } from '../store/export.repository.ts';
import { Utf8Builder } from '../store/utf8.ts';
import { taskPages, type ExportSource } from './formats/sources.ts';
import { writerFor, type ExportFormatName } from './formats/writers.ts';

export type ExportFormat = ExportFormatName;

export interface ExportOptions {
  store: Store;
  /** Needed to read dataset versions from storage. */
  ctx?: AppContext;
  projectId: number;
  schema: LabelingSchema;
  format: ExportFormat;
  source?: ExportSource;
  out: Writable;
  pageSize?: number;
  /** Resume after this task id (the text of earlier tasks is already written). */
  afterId?: number;
  /** Skip the format's opening (resuming a line format). */
  skipBegin?: boolean;
  onProgress?: (tasksWritten: number) => void;
  /** After each page: the last task id written, for a resume checkpoint. */
  onPage?: (lastId: number) => Promise<void> | void;
  /** Stops between pages when it returns true (job cancelled, client gone). */
  shouldStop?: () => boolean;
}

/**
 * The live JSONL export is the interchange format exactly (docs/FORMAT.md), so it imports back
 * unchanged: every key it writes is one the Task schema knows.
 *
 * Streams a project (or a dataset version) in a text format, page by page, honouring
 * back-pressure. The live JSONL export copies stored JSON as text, never re-parsing it, which is
 * what makes it fast; the other formats go through core's converters one task at a time.
 * Returns the number of tasks written.
 */
export async function writeExport(opts: ExportOptions): Promise<number> {
  const source = opts.source ?? { kind: 'live' };
  if (opts.format === 'jsonl' && source.kind === 'live') return writeLiveJsonl(opts);
  const writer = writerFor(opts.format, opts.schema);
  if (writer.kind !== 'text')
    throw badRequest(
      `The ${opts.format} export is a zip archive: start an export job (POST /api/projects/:id/exports).`,
    );
  const { out } = opts;
  if (!opts.skipBegin) out.write(writer.begin());
  let written = 0;
  const spill = writer.spill && (await SpillFile.open(opts.ctx?.config.dataDir));
  try {
    for await (const tasks of taskPages(
      { store: opts.store, ...(opts.ctx ? { storage: opts.ctx.storage } : {}) },
      opts.projectId,
      source,
      opts.afterId ?? 0,
      opts.pageSize ?? (writer.spill ? 2000 : undefined),
    )) {
      if (opts.shouldStop?.()) return written;
      // The page's pieces encoded one by one (store/utf8.ts: one large string costs ten times).
      const chunk = new Utf8Builder(tasks.length * 256);
      for (const t of tasks) chunk.add(writer.task(t));
      if (!out.write(chunk.bytes())) await once(out, 'drain');
      if (spill) await spill.write(writer.spill!.take());
      written += tasks.length;
      opts.onProgress?.(written);
      await opts.onPage?.(Number(tasks[tasks.length - 1]!.id));
    }
    if (!spill) {
      out.write(writer.end());
      return written;
    }
    const end = writer.spill!.end();
    out.write(end.before);
    await spill.copyTo(out);
    out.write(end.rest + end.after);
    return written;
  } finally {
    await spill?.remove();
  }
}

/**
 * A temporary file for the text a format holds until its end (COCO's images): a million-image
 * export keeps it on disk, not in memory, and copies it into the output at the end.
 */
class SpillFile {
  private constructor(
    private readonly file: string,
    private readonly stream: WriteStream,
  ) {}

  static async open(dataDir: string | undefined): Promise<SpillFile> {
    const dir = dataDir ? join(dataDir, 'tmp') : tmpdir();
    await mkdir(dir, { recursive: true });
    const file = join(dir, `spill-${process.pid}-${randomUUID()}.part`);
    return new SpillFile(file, createWriteStream(file));
  }

  async write(text: string): Promise<void> {
    if (text && !this.stream.write(text)) await once(this.stream, 'drain');
  }

  async copyTo(out: Writable): Promise<void> {
    this.stream.end();
    await finished(this.stream);
    for await (const chunk of createReadStream(this.file, { highWaterMark: 1 << 20 }))
      if (!out.write(chunk)) await once(out, 'drain');
  }

  async remove(): Promise<void> {
    this.stream.destroy();
    await rm(this.file, { force: true });
  }
}

async function writeLiveJsonl(opts: ExportOptions): Promise<number> {
  const { out } = opts;
  let written = 0;
  for await (const page of textPages(
    opts.store,
    'jsonl',
    opts.projectId,
    opts.afterId ?? 0,
    opts.pageSize,
  )) {
    if (opts.shouldStop?.()) break;
    if (!out.write(page.text)) await once(out, 'drain');
    written += page.count;
    opts.onProgress?.(written);
    await opts.onPage?.(page.lastId);
  }
  return written;
}

/** Writes a zip-archive format (YOLO, VOC) to a file; returns the number of tasks. */
export async function writeZipExport(
  opts: Omit<ExportOptions, 'out'>,
  file: string,
): Promise<number> {
  const writer = writerFor(opts.format, opts.schema);
  if (writer.kind !== 'zip') throw badRequest(`${opts.format} is not an archive format.`);
  const zip = new yazl.ZipFile();
  const out = createWriteStream(file);
  zip.outputStream.pipe(out);
  let written = 0;
  const add = (files: { name: string; content: string }[]) =>
    files.forEach((f) => zip.addBuffer(Buffer.from(f.content), f.name));
  for await (const tasks of taskPages(
    { store: opts.store, ...(opts.ctx ? { storage: opts.ctx.storage } : {}) },
    opts.projectId,
    opts.source ?? { kind: 'live' },
    0,
    opts.pageSize,
  )) {
    if (opts.shouldStop?.()) break;
    for (const t of tasks) add(writer.task(t as Task));
    written += tasks.length;
    opts.onProgress?.(written);
  }
  add(writer.end());
  zip.end();
  await finished(out);
  return written;
}
