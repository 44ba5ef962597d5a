import { Readable } from 'node:stream';
import type { AppContext } from '../context.ts';
import { complianceOf } from '../compliance/compliance-settings.ts';
import { AppError } from '../errors.ts';
import { MAX_MEDIA_BYTES, storeMedia } from '../media/media.service.ts';
import { sniff } from '../media/magic.ts';
import type { ProjectAccess } from './access.service.ts';
import { sizeMeta } from './archive-import.service.ts';
import { importTasks, type ImportReport, type OnError } from './import.service.ts';

export interface UrlImportReport {
  results: { url: string; status: 'image' | 'tasks' | 'refused'; detail: string }[];
  tasks: ImportReport | null;
  message: string;
}

/**
 * Fetches a list of URLs through the SSRF-safe fetcher: an image (typed by its bytes) becomes
 * a media asset and a task; a JSONL/JSON/CSV document is imported as tasks. A refused URL is
 * reported with the fetcher's generic reason and does not stop the others.
 */
export async function importUrls(
  ctx: AppContext,
  a: ProjectAccess,
  urls: string[],
  onError: OnError,
): Promise<UrlImportReport> {
  const field = a.schema.fields.find((f) => f.type === 'image')?.name;
  const results: UrlImportReport['results'] = [];
  const imageTasks: string[] = [];
  const base = {
    store: ctx.store,
    projectId: a.project.id,
    schema: a.schema,
    userId: a.user.id,
    onError,
    maxRecordBytes: ctx.config.maxRecordBytes,
    licences: complianceOf(a.project.settings).licences,
  };
  let stored = 0;
  for (const url of urls) {
    try {
      const res = await ctx.fetcher.fetch(url);
      if (!res.ok) {
        await res.body?.cancel();
        results.push({ url, status: 'refused', detail: `the server answered ${res.status}` });
        continue;
      }
      const bytes = await ctx.fetcher.readBody(res, MAX_MEDIA_BYTES);
      if (sniff(bytes)) {
        if (!field)
          throw new AppError(422, 'no_image_field', 'The project has no image field for images.');
        const asset = await storeMedia(ctx, a.project.id, bytes, { source: url });
        imageTasks.push(
          JSON.stringify({
            data: { [field]: `/api/projects/${a.project.id}/media/${asset.id}` },
            ...sizeMeta(asset),
            provenance: { source: url, sha256: asset.sha256 },
          }),
        );
        results.push({ url, status: 'image', detail: asset.mime });
        continue;
      }
      const type = res.headers.get('content-type') ?? '';
      const format =
        /csv/.test(type) || /\.csv(\?|$)/i.test(url)
          ? 'csv'
          : /\.json(\?|$)/i.test(url) || /application\/json/.test(type)
            ? 'json'
            : 'jsonl';
      const r = await importTasks({ ...base, input: Readable.from([bytes]), format, source: url });
      stored += r.stored;
      results.push({ url, status: 'tasks', detail: r.message });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      results.push({ url, status: 'refused', detail: err.message });
    }
  }
  const tasks = imageTasks.length
    ? await importTasks({
        ...base,
        input: Readable.from([Buffer.from(imageTasks.join('\n'))]),
        format: 'jsonl',
        source: 'url images',
      })
    : null;
  const refused = results.filter((r) => r.status === 'refused').length;
  return {
    results,
    tasks,
    message: `Stored ${stored + (tasks?.stored ?? 0)} task(s) from ${urls.length - refused} URL(s); ${refused} refused.`,
  };
}
