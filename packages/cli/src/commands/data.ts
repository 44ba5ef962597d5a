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
      .description('stream tasks from a file into a project')
      .argument('<file>', 'JSONL, JSON or CSV file')
      .requiredOption('--project <id>', 'project id')
      .option('--format <format>', 'jsonl | json | csv (default: from the file extension)')
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
      const format =
        f.format ?? (file.endsWith('.csv') ? 'csv' : file.endsWith('.json') ? 'json' : 'jsonl');
      if (!['jsonl', 'json', 'csv'].includes(format))
        throw new CliError(`--format must be jsonl, json or csv, not "${format}".`);
      if (!['abort', 'skip'].includes(f.onError))
        throw new CliError(`--on-error must be abort or skip, not "${f.onError}".`);
      const info = await stat(file).catch(() => {
        throw new CliError(`Cannot read ${file}: no such file.`);
      });
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
      const report = await client(f).request<{
        status: string;
        stored: number;
        duplicates: number;
        failed: number;
        message: string;
        errors: { line: number; message: string }[];
        errors_truncated: boolean;
      }>(
        'POST',
        `/api/projects/${id}/import?format=${format}&on_error=${f.onError}&source=${encodeURIComponent(file)}`,
        { body, headers: { 'content-type': 'application/octet-stream' } },
      );
      bar.stop();
      if (f.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else {
        process.stdout.write(report.message + '\n');
        for (const e of report.errors.slice(0, 50))
          process.stdout.write(`  line ${e.line}: ${e.message}\n`);
        if (report.errors.length > 50 || report.errors_truncated)
          process.stdout.write(
            `  … ${report.failed - Math.min(50, report.errors.length)} more (use --json for the full list)\n`,
          );
      }
      actionExit.code = report.status !== 'completed' ? 1 : report.failed > 0 ? 2 : 0;
    },
  );

  serverOptions(
    program
      .command('export')
      .description('download a project as JSONL or CSV')
      .requiredOption('--project <id>', 'project id')
      .option('--format <format>', 'jsonl | csv', 'jsonl')
      .requiredOption(
        '--out <path>',
        'file to write (written to a temporary name, renamed when complete)',
      ),
  ).action(async (f: ServerFlags & { project: string; format: string; out: string }) => {
    const id = projectId(f.project);
    if (!['jsonl', 'csv'].includes(f.format))
      throw new CliError(`--format must be jsonl or csv, not "${f.format}".`);
    const res = await client(f).fetch('GET', `/api/projects/${id}/export?format=${f.format}`);
    const total = Number(res.headers.get('x-total-tasks') ?? 0);
    const bar = progress('Exporting', total, 'tasks');
    let lines = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        bar.update(f.format === 'csv' ? Math.max(0, lines - 1) : lines);
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
    const n = f.format === 'csv' ? Math.max(0, lines - 1) : lines;
    bar.stop(`Wrote ${n} task(s) to ${f.out}.`);
  });
}
