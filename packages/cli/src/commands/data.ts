import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import { TesseraClient } from '../client.ts';
import { actionExit, CliError } from '../errors.ts';
import { progress } from '../progress.ts';

interface ServerFlags {
  server: string;
  token?: string;
}

const serverOptions = (c: Command) =>
  c
    .option(
      '--server <url>',
      'Tessera server (env TESSERA_URL)',
      process.env.TESSERA_URL ?? 'http://127.0.0.1:8080',
    )
    .option('--token <token>', 'API token (env TESSERA_TOKEN)');

const client = (f: ServerFlags) =>
  new TesseraClient({ server: f.server, token: f.token ?? process.env.TESSERA_TOKEN });

function projectId(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new CliError(`--project must be a project id (a positive whole number), not "${v}".`);
  return n;
}

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(
      `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${path} is not valid JSON: ${(err as Error).message}.`);
  }
}

/** Commands that talk to a running server over HTTP: project, import, export. */
export function registerDataCommands(program: Command): void {
  const project = program.command('project').description('manage projects on a server');
  serverOptions(
    project
      .command('create')
      .description('create a project from a labeling schema file')
      .requiredOption('--name <name>', 'project name')
      .requiredOption('--schema <file>', 'labeling schema (JSON, see docs/FORMAT.md)')
      .option('--description <text>', 'description'),
  ).action(async (f: ServerFlags & { name: string; schema: string; description?: string }) => {
    const schema = await readJsonFile(f.schema);
    const p = await client(f).request<{ id: number; name: string }>('POST', '/api/projects', {
      json: { name: f.name, schema, description: f.description },
    });
    process.stdout.write(`Created project ${p.id}: ${p.name}\n`);
  });

  serverOptions(
    program
      .command('import')
      .description('stream tasks from a file (or a zip dataset) into a project')
      .argument('<file>', 'JSONL, JSON, CSV, Label Studio JSON, COCO, CoNLL, HF JSONL, or a zip')
      .requiredOption('--project <id>', 'project id')
      .option(
        '--format <format>',
        `${IMPORT_FORMATS.join(' | ')} (default: from the file extension)`,
      )
      .option(
        '--on-error <mode>',
        'abort: stop at the first bad record; skip: store the good ones and report the bad',
        'abort',
      )
      .option('--json', 'print the report as JSON'),
  ).action(
    async (
      file: string,
      f: ServerFlags & { project: string; format?: string; onError: string; json?: boolean },
    ) => {
      const id = projectId(f.project);
      const format = f.format ?? guessFormat(file);
      if (!IMPORT_FORMATS.includes(format as never))
        throw new CliError(
          `--format must be one of ${IMPORT_FORMATS.join(', ')}, not "${format}".`,
        );
      if (!['abort', 'skip'].includes(f.onError))
        throw new CliError(`--on-error must be abort or skip, not "${f.onError}".`);
      const info = await stat(file).catch(() => {
        throw new CliError(`Cannot read ${file}: no such file.`);
      });
      const archive =
        format === 'zip' ||
        format === 'yolo' ||
        format === 'voc' ||
        (format === 'coco' && file.endsWith('.zip'));
      const bar = progress('Uploading', info.size, 'bytes');
      let sent = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          sent += chunk.length;
          bar.update(sent);
          cb(null, chunk);
        },
      });
      const body = Readable.toWeb(
        createReadStream(file).pipe(counter),
      ) as unknown as RequestInit['body'];
      const path = archive
        ? `/api/projects/${id}/import/archive?on_error=${f.onError}`
        : `/api/projects/${id}/import?format=${format}&on_error=${f.onError}&source=${encodeURIComponent(file)}`;
      const report = await client(f).request<ImportReport & ArchiveReport>('POST', path, {
        body,
        headers: { 'content-type': 'application/octet-stream' },
      });
      bar.stop();
      if (f.json) {
        process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      } else if (archive) {
        process.stdout.write(report.message + '\n');
        for (const r of report.media.refused.slice(0, 50))
          process.stdout.write(`  ${r.entry}: ${r.reason}\n`);
        for (const x of report.files) printReport(x.report, `${x.entry}: `);
      } else printReport(report, '');
      const reports = archive
        ? [
            ...report.files.map((x) => x.report),
            ...(report.image_tasks ? [report.image_tasks] : []),
          ]
        : [report];
      actionExit.code = reports.some((r) => r.status !== 'completed')
        ? 1
        : reports.some((r) => r.failed > 0)
          ? 2
          : 0;
    },
  );

  serverOptions(
    program
      .command('export')
      .description('download a project (or a dataset version) in any format')
      .requiredOption('--project <id>', 'project id')
      .option('--format <format>', EXPORT_FORMATS.join(' | '), 'jsonl')
      .option('--version <id>', 'export this dataset version instead of the live project')
      .requiredOption(
        '--out <path>',
        'file to write (written to a temporary name, renamed when complete)',
      ),
  ).action(
    async (f: ServerFlags & { project: string; format: string; out: string; version?: string }) => {
      const id = projectId(f.project);
      if (!EXPORT_FORMATS.includes(f.format as never))
        throw new CliError(
          `--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${f.format}".`,
        );
      const api = client(f);
      let res: Response;
      let total: number;
      if (f.version !== undefined || f.format === 'yolo' || f.format === 'voc') {
        // Archives and versions are written by an export job on the server, then downloaded.
        const job = await api.request<{ id: number }>('POST', `/api/projects/${id}/exports`, {
          json: {
            format: f.format,
            ...(f.version ? { version: positive(f.version, '--version') } : {}),
          },
        });
        const done = await waitJob(api, `/api/projects/${id}/exports/${job.id}`, 'Exporting');
        total = (done.result as { tasks?: number } | null)?.tasks ?? 0;
        res = await api.fetch('GET', `/api/projects/${id}/exports/${job.id}/download`);
      } else {
        res = await api.fetch('GET', `/api/projects/${id}/export?format=${f.format}`);
        total = Number(res.headers.get('x-total-tasks') ?? 0);
      }
      const bar = progress('Downloading', Number(res.headers.get('content-length') ?? 0), 'bytes');
      let bytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          bar.update(bytes);
          cb(null, chunk);
        },
      });
      const tmp = `${f.out}.partial`;
      try {
        await pipeline(
          Readable.fromWeb(res.body as WebReadableStream),
          counter,
          createWriteStream(tmp),
        );
        await rename(tmp, f.out);
      } catch (err) {
        await rm(tmp, { force: true });
        throw new CliError(
          `The export did not complete: ${(err as Error).message}. Nothing was written to ${f.out}.`,
        );
      }
      bar.stop(
        `Wrote ${f.out} (${bytes} bytes${total ? `, ${total} task(s) in the project` : ''}).`,
      );
    },
  );

  const version = program
    .command('version')
    .description('dataset versions: immutable snapshots with diffs');
  serverOptions(
    version
      .command('create')
      .description('freeze the project into a new version')
      .requiredOption('--project <id>', 'project id')
      .requiredOption('--name <name>', 'version name'),
  ).action(async (f: ServerFlags & { project: string; name: string }) => {
    const id = projectId(f.project);
    const api = client(f);
    const job = await api.request<{ id: number }>('POST', `/api/projects/${id}/versions`, {
      json: { name: f.name },
    });
    const done = await waitJob(api, `/api/projects/${id}/jobs/${job.id}`, 'Snapshotting');
    const r = done.result as { version_id: number; content_hash: string; tasks: number };
    process.stdout.write(
      `Created version ${r.version_id} (${r.tasks} tasks, sha256 ${r.content_hash}).\n`,
    );
  });
  serverOptions(
    version
      .command('list')
      .description('list the versions of a project')
      .requiredOption('--project <id>', 'project id')
      .option('--json', 'print JSON'),
  ).action(async (f: ServerFlags & { project: string; json?: boolean }) => {
    const { items } = await client(f).request<{
      items: {
        id: number;
        name: string;
        task_count: number;
        annotation_count: number;
        content_hash: string;
        created_at: string;
      }[];
    }>('GET', `/api/projects/${projectId(f.project)}/versions`);
    if (f.json) return void process.stdout.write(JSON.stringify(items, null, 2) + '\n');
    for (const v of items)
      process.stdout.write(
        `${v.id}\t${v.created_at}\t${v.task_count} tasks\t${v.annotation_count} annotations\t${v.content_hash.slice(0, 12)}\t${v.name}\n`,
      );
  });
  serverOptions(
    version
      .command('diff')
      .description('what changed between two versions')
      .argument('<from>', 'older version id')
      .argument('<to>', 'newer version id')
      .requiredOption('--project <id>', 'project id')
      .option('--json', 'print JSON'),
  ).action(
    async (from: string, to: string, f: ServerFlags & { project: string; json?: boolean }) => {
      const d = await client(f).request<{
        tasks_added: number;
        tasks_removed: number;
        tasks_changed: number;
        tasks_unchanged: number;
        labels: { label: string; added: number; removed: number; examples: number[] }[];
      }>(
        'GET',
        `/api/projects/${projectId(f.project)}/versions/diff?from=${positive(from, 'from')}&to=${positive(to, 'to')}`,
      );
      if (f.json) return void process.stdout.write(JSON.stringify(d, null, 2) + '\n');
      process.stdout.write(
        `tasks: +${d.tasks_added} −${d.tasks_removed} changed ${d.tasks_changed} unchanged ${d.tasks_unchanged}\n`,
      );
      for (const l of d.labels)
        process.stdout.write(
          `  ${l.label}: +${l.added} −${l.removed} (e.g. tasks ${l.examples.join(', ')})\n`,
        );
    },
  );
}

const IMPORT_FORMATS = [
  'jsonl',
  'json',
  'csv',
  'ls',
  'coco',
  'conll',
  'hf',
  'yolo',
  'voc',
  'zip',
] as const;
const EXPORT_FORMATS = ['jsonl', 'csv', 'ls', 'coco', 'yolo', 'voc', 'conll', 'hf'] as const;

interface ImportReport {
  status: string;
  stored: number;
  failed: number;
  message: string;
  errors: { line: number; message: string }[];
  errors_truncated: boolean;
}
interface ArchiveReport {
  media: { stored: number; refused: { entry: string; reason: string }[] };
  files: { entry: string; report: ImportReport }[];
  image_tasks: ImportReport | null;
}

function guessFormat(file: string): string {
  if (/\.zip$/i.test(file)) return 'zip';
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(conll|bio|iob)$/i.test(file)) return 'conll';
  if (/\.json$/i.test(file)) return 'json';
  return 'jsonl';
}

function positive(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new CliError(`${name} must be a positive whole number, not "${v}".`);
  return n;
}

function printReport(r: ImportReport, prefix: string) {
  process.stdout.write(prefix + r.message + '\n');
  for (const e of r.errors.slice(0, 50)) process.stdout.write(`  line ${e.line}: ${e.message}\n`);
  if (r.errors.length > 50 || r.errors_truncated)
    process.stdout.write(
      `  … ${r.failed - Math.min(50, r.errors.length)} more (use --json for the full list)\n`,
    );
}

/** Polls a job with a progress bar until it is done; a failed or cancelled job is an error. */
async function waitJob(api: TesseraClient, path: string, label: string) {
  const bar = progress(label, 100, '%');
  for (;;) {
    const j = await api.request<{
      status: string;
      progress: number;
      error: string | null;
      result: unknown;
    }>('GET', path);
    bar.update(Math.round(j.progress * 100));
    if (j.status === 'done') {
      bar.stop();
      return j;
    }
    if (j.status === 'failed' || j.status === 'cancelled') {
      bar.stop();
      throw new CliError(`The job ${j.status}${j.error ? `: ${j.error}` : ''}.`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
