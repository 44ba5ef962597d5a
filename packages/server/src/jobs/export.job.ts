import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseLabelingSchema } from '@tessera/core/format';
import type { AppContext } from '../context.ts';
import { writeExport, writeZipExport, type ExportFormat } from '../services/export.service.ts';
import { writerFor } from '../services/formats/writers.ts';
import { JobsRepository } from '../store/jobs.repository.ts';
import type { JobHandler } from './runner.ts';
import { buildExportManifest, writeSidecar } from '../compliance/export-manifest.service.ts';
import { hashFileLines } from '../compliance/line-hasher.ts';

/** Exports up to this many tasks get a provenance manifest beside them. */
export const MANIFEST_MAX_TASKS = 100_000;

/** Parameters of an `export` job. */
export interface ExportJobParams {
  format: ExportFormat;
  /** Export this dataset version instead of the live project. */
  version?: number;
}

/** Formats that can continue a partial file: no opening or closing that depends on the tasks. */
const RESUMABLE = new Set<ExportFormat>(['jsonl', 'csv', 'conll', 'hf']);

/**
 * Writes an export to a temporary file, then stores it as `exports/<job>.<ext>` (local disk or
 * S3), so a download never sees a half-written file. Line formats keep a checkpoint (last task
 * id, bytes written) after every page: a job taken over after a crash truncates the partial
 * file to the checkpoint and carries on from there.
 */
export function exportJob(ctx: AppContext): JobHandler {
  const jobs = new JobsRepository(ctx.store.db, ctx.store.dialect);
  return async ({ job, progress }) => {
    const params = JSON.parse(job.params) as ExportJobParams;
    const project = await ctx.projects.byId(job.project_id!);
    if (!project) throw new Error('the project was deleted');
    const schema = parseLabelingSchema(JSON.parse(project.schema));
    if (!schema.ok) throw new Error('the project schema is invalid');
    const writer = writerFor(params.format, schema.value);
    const ext = writer.ext;
    const dir = join(ctx.config.dataDir, 'tmp');
    await mkdir(dir, { recursive: true });
    const key = `exports/${job.id}.${ext}`;
    const tmp = join(dir, `export-${job.id}.${ext}.partial`);
    const source = params.version
      ? { kind: 'version' as const, versionId: params.version }
      : { kind: 'live' as const };
    const total = Math.max(1, project.task_count);
    let stop = false;
    const onProgress = (written: number) => void progress(written / total).then((c) => (stop = c));
    let n: number;
    if (writer.kind === 'zip') {
      n = await writeZipExport(
        {
          store: ctx.store,
          ctx,
          projectId: project.id,
          schema: schema.value,
          format: params.format,
          source,
          onProgress,
          shouldStop: () => stop,
        },
        tmp,
      );
    } else {
      const checkpoint = job.checkpoint
        ? (JSON.parse(job.checkpoint) as { after: number; bytes: number })
        : undefined;
      const size = (await stat(tmp).catch(() => undefined))?.size;
      const resume =
        RESUMABLE.has(params.format) &&
        checkpoint !== undefined &&
        size !== undefined &&
        size >= checkpoint.bytes;
      if (resume) await truncate(tmp, checkpoint.bytes);
      // A few MB of buffer: the next page is read while the last one is on its way to the disk.
      const out = createWriteStream(tmp, { flags: resume ? 'a' : 'w', highWaterMark: 4 << 20 });
      let bytes = resume ? checkpoint.bytes : 0;
      const count = out.write.bind(out);
      out.write = ((chunk: string | Buffer, ...rest: never[]) => {
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        return count(chunk, ...rest);
      }) as typeof out.write;
      try {
        n = await writeExport({
          store: ctx.store,
          ctx,
          projectId: project.id,
          schema: schema.value,
          format: params.format,
          source,
          out,
          afterId: resume ? checkpoint.after : 0,
          skipBegin: resume,
          onProgress,
          onPage: RESUMABLE.has(params.format)
            ? (after) => jobs.checkpoint(job.id, { after, bytes })
            : undefined,
          shouldStop: () => stop,
        });
        out.end();
        await finished(out);
      } catch (err) {
        out.destroy();
        throw err; // the partial file stays for a resume; a cancelled or finished job removes it
      }
    }
    if (stop) {
      await rm(tmp, { force: true });
      return { cancelled: true };
    }
    // A JSONL export carries a provenance manifest (item hashes, Merkle proofs, a signed tree
    // head) that `tessera ledger verify` checks offline. One proof per item makes it grow as
    // n·log n, so it is written up to MANIFEST_MAX_TASKS.
    let manifest: string | undefined;
    if (params.format === 'jsonl' && n <= MANIFEST_MAX_TASKS) {
      const sidecar = await buildExportManifest(ctx, project.id, await hashFileLines(tmp));
      await writeSidecar(`${tmp}.manifest.json`, sidecar);
      manifest = `${key}.manifest.json`;
      await ctx.storage.putFile(manifest, `${tmp}.manifest.json`, 'application/json');
      await rm(`${tmp}.manifest.json`, { force: true });
    }
    await ctx.storage.putFile(key, tmp, writer.contentType);
    await rm(tmp, { force: true });
    return {
      key,
      format: params.format,
      ext,
      content_type: writer.contentType,
      tasks: n,
      ...(manifest ? { manifest } : {}),
      ...(params.version ? { version: params.version } : {}),
    };
  };
}
