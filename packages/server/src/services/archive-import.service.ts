import { Readable, Transform } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { AppContext } from '../context.ts';
import { complianceOf } from '../compliance/compliance-settings.ts';
import { AppError } from '../errors.ts';
import { parseYoloDataYaml, vocXmlToTask, yoloToTask } from '@tessera/core/convert';
import {
  byteBudget,
  DEFAULT_ARCHIVE_LIMITS,
  openArchive,
  type ArchiveEntry,
  type ArchiveLimits,
} from '../import/zip-archive.ts';
import { MAX_MEDIA_BYTES, storeMedia } from '../media/media.service.ts';
import type { ProjectAccess } from './access.service.ts';
import { importTasks, type ImportReport, type OnError } from './import.service.ts';

/** What an archive import did, file by file. */
export interface ArchiveReport {
  media: { stored: number; refused: { entry: string; reason: string }[] };
  files: { entry: string; report: ImportReport }[];
  /** Tasks made from images when the archive holds no task file. */
  image_tasks: ImportReport | null;
  message: string;
}

const TASK_FILE = /\.(jsonl|ndjson|json|csv)$/i;

/**
 * Imports a zip: images (typed by their bytes) become media; JSONL/JSON/CSV files become tasks,
 * and a task field that names an image in the archive by its path is rewritten to the stored
 * image's URL; without task files every image becomes a task. Every entry is vetted before
 * anything is stored (see openArchive), and inflated bytes are counted against one budget.
 */
export async function importArchive(
  ctx: AppContext,
  a: ProjectAccess,
  file: string,
  onError: OnError,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ArchiveReport> {
  const { entries, close } = await openArchive(file, limits);
  const budget = byteBudget(limits.maxTotalBytes);
  const counted = (s: Readable) =>
    s.pipe(
      new Transform({
        transform(chunk: Buffer, _e, cb) {
          try {
            budget.take(chunk.length);
            cb(null, chunk);
          } catch (err) {
            cb(err as Error);
          }
        },
      }),
    );
  const report: ArchiveReport = {
    media: { stored: 0, refused: [] },
    files: [],
    image_tasks: null,
    message: '',
  };
  try {
    const urls = new Map<
      string,
      { url: string; sha256: string; width?: number | undefined; height?: number | undefined }
    >();
    for (const e of entries.filter((x) => !TASK_FILE.test(x.name))) {
      if (e.size > MAX_MEDIA_BYTES) {
        report.media.refused.push({
          entry: e.name,
          reason: `larger than ${MAX_MEDIA_BYTES / 1024 / 1024} MiB`,
        });
        continue;
      }
      const bytes = await buffer(counted(await e.open()));
      try {
        const asset = await storeMedia(ctx, a.project.id, bytes, { source: `archive:${e.name}` });
        urls.set(e.name, {
          url: `/api/projects/${a.project.id}/media/${asset.id}`,
          sha256: asset.sha256,
          width: asset.width,
          height: asset.height,
        });
        report.media.stored++;
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        report.media.refused.push({ entry: e.name, reason: err.message });
      }
    }
    // A task field naming an archive image, by path or (COCO, VOC) by file name, becomes its URL.
    const byBase = new Map([...urls].map(([name, m]) => [name.split('/').pop()!, m]));
    const lookup = (v: string) =>
      urls.get(v.replace(/^\.\//, '')) ?? byBase.get(v.split('/').pop()!);
    const rewrite = (data: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(data))
        if (typeof v === 'string' && lookup(v)) data[k] = lookup(v)!.url;
    };
    const base = {
      store: ctx.store,
      projectId: a.project.id,
      schema: a.schema,
      userId: a.user.id,
      onError,
      maxRecordBytes: ctx.config.maxRecordBytes,
      licences: complianceOf(a.project.settings).licences,
    };
    const layout = await datasetLayout(entries);
    if (layout === 'yolo' || layout === 'voc') {
      const input = await labelFilesAsTasks(layout, entries, urls, a, counted);
      report.files.push({
        entry: layout === 'yolo' ? 'labels/' : 'Annotations/',
        report: await importTasks({ ...base, input, format: 'jsonl', source: `archive:${layout}` }),
      });
    }
    for (const e of entries.filter(
      (x) => TASK_FILE.test(x.name) && layout !== 'yolo' && layout !== 'voc',
    )) {
      const format = /\.csv$/i.test(e.name)
        ? 'csv'
        : /\.json$/i.test(e.name)
          ? layout === 'coco'
            ? 'coco'
            : 'json'
          : 'jsonl';
      const r = await importTasks({
        ...base,
        input: counted(await e.open()),
        format,
        source: `archive:${e.name}`,
        mapData: rewrite,
      });
      report.files.push({ entry: e.name, report: r });
      if (r.status === 'aborted' && onError === 'abort') break;
    }
    if (report.files.length === 0 && urls.size > 0) {
      const field = a.schema.fields.find((f) => f.type === 'image')?.name;
      if (!field)
        throw new AppError(
          422,
          'no_image_field',
          'The archive holds only images, but the project has no image field to put them in.',
        );
      const lines = [...urls]
        .map(([name, m]) =>
          JSON.stringify({
            data: { [field]: m.url },
            ...sizeMeta(m),
            provenance: { source: `archive:${name}`, sha256: m.sha256 },
          }),
        )
        .join('\n');
      report.image_tasks = await importTasks({
        ...base,
        input: Readable.from([Buffer.from(lines)]),
        format: 'jsonl',
        source: 'archive images',
      });
    }
  } finally {
    close();
  }
  const tasks =
    report.files.reduce((n, f) => n + f.report.stored, 0) + (report.image_tasks?.stored ?? 0);
  report.message = `Stored ${report.media.stored} image(s) and ${tasks} task(s)${report.media.refused.length ? `; ${report.media.refused.length} entr${report.media.refused.length === 1 ? 'y was' : 'ies were'} refused (see media.refused)` : ''}.`;
  return report;
}

/** Image size as task meta, when the image header declared it. */
export function sizeMeta(m: { width?: number | undefined; height?: number | undefined }) {
  return m.width && m.height ? { meta: { width: m.width, height: m.height } } : {};
}

/**
 * How a dataset archive is laid out: YOLO (`data.yaml` + `labels/*.txt`), Pascal VOC
 * (`Annotations/*.xml`), COCO (a `.json` with `images` and `annotations`), or plain task files.
 */
async function datasetLayout(entries: ArchiveEntry[]): Promise<'yolo' | 'voc' | 'coco' | 'tasks'> {
  if (entries.some((e) => /(^|\/)data\.ya?ml$/i.test(e.name))) return 'yolo';
  if (entries.some((e) => /(^|\/)Annotations\/[^/]+\.xml$/i.test(e.name))) return 'voc';
  const json = entries.find((e) => /\.json$/i.test(e.name) && e.size < 512 * 1024 * 1024);
  if (json) {
    const head = (await buffer(await json.open())).subarray(0, 1 << 20).toString('utf8');
    if (/^\s*\{/.test(head) && /"annotations"\s*:/.test(head) && /"images"\s*:/.test(head))
      return 'coco';
  }
  return 'tasks';
}

/** YOLO label files or VOC XML files, joined with the archive's stored images, as JSONL tasks. */
async function labelFilesAsTasks(
  layout: 'yolo' | 'voc',
  entries: ArchiveEntry[],
  urls: Map<string, { url: string; width?: number | undefined; height?: number | undefined }>,
  a: ProjectAccess,
  counted: (s: Readable) => Readable,
): Promise<Readable> {
  const field = a.schema.fields.find((f) => f.type === 'image')?.name;
  if (!field)
    throw new AppError(
      422,
      'no_image_field',
      `A ${layout.toUpperCase()} dataset needs an image field in the project.`,
    );
  const boxes = a.schema.controls.find((c) => c.type === 'bbox');
  const polygons = a.schema.controls.find((c) => c.type === 'polygon');
  const stem = (n: string) =>
    n
      .split('/')
      .pop()!
      .replace(/\.[^.]+$/, '');
  const images = new Map([...urls].map(([name, m]) => [stem(name), m]));
  const lines: string[] = [];
  if (layout === 'yolo') {
    const yaml = entries.find((e) => /(^|\/)data\.ya?ml$/i.test(e.name))!;
    const { names } = parseYoloDataYaml(
      (await buffer(counted(await yaml.open()))).toString('utf8'),
    );
    for (const e of entries.filter(
      (x) => /\.txt$/i.test(x.name) && /(^|\/)labels\//.test(x.name),
    )) {
      const img = images.get(stem(e.name));
      if (!img?.width || !img.height)
        throw new AppError(
          422,
          'archive_refused',
          `YOLO labels "${e.name}" have no image of the same name (with a readable size) in the archive.`,
        );
      const task = yoloToTask(
        {
          image: img.url,
          labels: (await buffer(counted(await e.open()))).toString('utf8'),
          size: { width: img.width, height: img.height },
        },
        { names, field, controls: { bbox: boxes?.name, polygon: polygons?.name }, source: e.name },
      );
      lines.push(JSON.stringify(task));
    }
  } else {
    for (const e of entries.filter((x) => /(^|\/)Annotations\/[^/]+\.xml$/i.test(x.name))) {
      const task = vocXmlToTask((await buffer(counted(await e.open()))).toString('utf8'), {
        field,
        control: boxes?.name,
        source: e.name,
      });
      const img = images.get(stem(String(task.data[field] ?? e.name))) ?? images.get(stem(e.name));
      if (!img)
        throw new AppError(
          422,
          'archive_refused',
          `VOC annotation "${e.name}" names an image that is not in the archive.`,
        );
      task.data[field] = img.url;
      lines.push(JSON.stringify(task));
    }
  }
  return Readable.from([Buffer.from(lines.join('\n'))]);
}
