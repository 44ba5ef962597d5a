import type { Command } from 'commander';
import { TesseraClient } from '../client.ts';
import { actionExit, CliError } from '../errors.ts';
import { progress } from '../progress.ts';

interface PrelabelFlags {
  server: string;
  token?: string;
  project: string;
  model?: string;
  tasks?: string;
  resume?: string;
  interval: string;
  wait: boolean;
  json?: boolean;
}

interface Job {
  id: number;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: number;
  result: {
    tasks?: number;
    stored?: number;
    rejected?: number;
    failed?: number;
    empty?: number;
    skipped?: number;
    model_ms?: number;
    rejections?: { task_id: number; reason: string }[];
  } | null;
  error: string | null;
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new CliError(`${flag} must be a positive whole number, not "${v}".`);
  return n;
}

function taskIds(v: string): number[] {
  const ids = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0)
    throw new CliError('--tasks needs at least one task id (e.g. --tasks 3,4,9).');
  return ids.map((s) => positiveInt(s, '--tasks'));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `tessera prelabel --project ID --model NAME [--tasks 1,2,3]`: starts a pre-label job over
 * HTTP and follows it with a progress bar until it ends (Ctrl-C cancels the job; `--resume
 * JOB` continues a cancelled or failed one from its checkpoint). Exit code 0 when every task
 * got a usable prediction or none was due, 2 when some were rejected or failed, 1 when the job
 * failed or was cancelled.
 *
 * @example
 * registerPrelabelCommands(program);
 * // tessera prelabel --project 3 --model spam --token $TESSERA_TOKEN
 */
export function registerPrelabelCommands(program: Command): void {
  program
    .command('prelabel')
    .description("run a project's model over its open tasks (or a selection) as a background job")
    .requiredOption('--project <id>', 'project id')
    .option('--model <name>', 'model name (see the project settings, models)')
    .option('--tasks <ids>', 'only these task ids, comma-separated')
    .option('--resume <jobId>', 'resume a cancelled or failed pre-label job from its checkpoint')
    .option('--interval <ms>', 'how often to poll the job', '500')
    .option('--no-wait', 'start the job and print its id without following it')
    .option('--json', 'print the final job as JSON')
    .option(
      '--server <url>',
      'Tessera server (env TESSERA_URL)',
      process.env.TESSERA_URL ?? 'http://127.0.0.1:8080',
    )
    .option('--token <token>', 'API token (env TESSERA_TOKEN)')
    .action(async (f: PrelabelFlags) => {
      const pid = positiveInt(f.project, '--project');
      const interval = positiveInt(f.interval, '--interval');
      if (!f.model && !f.resume) throw new CliError('Give --model NAME (or --resume JOB).');
      const client = new TesseraClient({
        server: f.server,
        token: f.token ?? process.env.TESSERA_TOKEN,
      });
      let jobId: number;
      if (f.resume) {
        jobId = positiveInt(f.resume, '--resume');
        await client.request('POST', `/api/projects/${pid}/jobs/${jobId}/resume`);
      } else {
        const body = { model: f.model, ...(f.tasks ? { task_ids: taskIds(f.tasks) } : {}) };
        jobId = (
          await client.request<{ id: number }>('POST', `/api/projects/${pid}/prelabel`, {
            json: body,
          })
        ).id;
      }
      if (!f.wait) {
        process.stdout.write(`Started pre-label job ${jobId}.\n`);
        return;
      }
      const job = await follow(client, pid, jobId, interval);
      report(job, pid, f.json === true);
    });
}

/** Polls the job with a progress bar; Ctrl-C asks the server to cancel it. */
async function follow(
  client: TesseraClient,
  pid: number,
  jobId: number,
  interval: number,
): Promise<Job> {
  const bar = progress(`Pre-labeling (job ${jobId})`, 100, '%');
  let interrupted = false;
  const onInt = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    void client.request('POST', `/api/projects/${pid}/jobs/${jobId}/cancel`).catch(() => {});
  };
  process.on('SIGINT', onInt);
  try {
    for (;;) {
      const job = await client.request<Job>('GET', `/api/projects/${pid}/jobs/${jobId}`);
      bar.update(Math.floor(job.progress * 100), job.status);
      if (job.status === 'done' || job.status === 'failed' || job.status === 'cancelled') {
        bar.stop();
        return job;
      }
      await sleep(interval);
    }
  } finally {
    process.off('SIGINT', onInt);
  }
}

function report(job: Job, pid: number, json: boolean): void {
  if (json) process.stdout.write(JSON.stringify(job, null, 2) + '\n');
  const r = job.result ?? {};
  if (job.status === 'failed') {
    if (!json)
      process.stdout.write(`Pre-label job ${job.id} failed: ${job.error ?? 'unknown error'}\n`);
    actionExit.code = 1;
    return;
  }
  if (!json) {
    const head =
      job.status === 'cancelled'
        ? `Pre-label job ${job.id} was cancelled after ${r.tasks ?? 0} task(s); resume with \`tessera prelabel --project ${pid} --resume ${job.id}\`.`
        : `Pre-labeled ${r.tasks ?? 0} task(s) in job ${job.id}:`;
    process.stdout.write(
      `${head} ${r.stored ?? 0} stored, ${r.rejected ?? 0} rejected, ${r.failed ?? 0} failed, ${r.empty ?? 0} without a suggestion, ${r.skipped ?? 0} skipped (model time ${((r.model_ms ?? 0) / 1000).toFixed(1)} s).\n`,
    );
    for (const x of (r.rejections ?? []).slice(0, 10))
      process.stdout.write(`  task ${x.task_id}: ${x.reason}\n`);
  }
  actionExit.code =
    job.status === 'cancelled' ? 1 : (r.rejected ?? 0) + (r.failed ?? 0) > 0 ? 2 : 0;
}
