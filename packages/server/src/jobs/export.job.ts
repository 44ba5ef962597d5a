import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseLabelingSchema } from '@tessera/core/format';
import type { Storage } from '../media/storage/storage.ts';
import type { Store } from '../store/db.ts';
import { writeExport, type ExportFormat } from '../services/export.service.ts';
import type { JobHandler } from './runner.ts';

/** Parameters of an `export` job. */
export interface ExportJobParams {
  format: ExportFormat;
}

/**
 * Writes a project export to a temporary file, then stores it as `exports/<job>.<ext>` in the
 * configured storage (local disk or S3), so a download never sees a half-written file.
 */
export function exportJob(store: Store, dataDir: string, storage: Storage): JobHandler {
  return async ({ job, progress }) => {
    const params = JSON.parse(job.params) as ExportJobParams;
    const project = await store.db
      .selectFrom('projects')
      .select(['schema', 'task_count'])
      .where('id', '=', job.project_id!)
      .executeTakeFirst();
    if (!project) throw new Error('the project was deleted');
    const schema = parseLabelingSchema(JSON.parse(project.schema));
    if (!schema.ok) throw new Error('the project schema is invalid');
    const dir = join(dataDir, 'tmp');
    await mkdir(dir, { recursive: true });
    const key = `exports/${job.id}.${params.format}`;
    const tmp = join(dir, `export-${job.id}.${params.format}.partial`);
    const out = createWriteStream(tmp);
    let stop = false;
    try {
      const total = Math.max(1, project.task_count);
      const n = await writeExport({
        store,
        projectId: job.project_id!,
        schema: schema.value,
        format: params.format,
        out,
        onProgress: (written) => {
          void progress(written / total).then((c) => (stop = c));
        },
        shouldStop: () => stop,
      });
      out.end();
      await finished(out);
      if (stop) {
        await rm(tmp, { force: true });
        return { cancelled: true };
      }
      await storage.putFile(key, tmp);
      await rm(tmp, { force: true });
      return { key, format: params.format, tasks: n };
    } catch (err) {
      out.destroy();
      await rm(tmp, { force: true });
      throw err;
    }
  };
}
