import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeDoc } from './write-doc.ts';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Region } from '@tessera/core/format';
import type { AdapterTask } from '@tessera/core/learn';
import { createContext, type AppContext } from '../../packages/server/src/context.ts';
import type { JobRow } from '../../packages/server/src/jobs/runner.ts';
import { OnlineTextAdapter } from '../../packages/server/src/ml/adapters/online-text.ts';
import { registryOf } from '../../packages/server/src/ml/model-registry.ts';
import { SETTINGS_SCHEMAS } from '../../packages/server/src/ml/model-settings.ts';
import { prelabelJob } from '../../packages/server/src/ml/prelabel.job.ts';
import { trainModel } from '../../packages/server/src/ml/training.service.ts';
import type { MlAdapter, MlPrediction } from '../../packages/server/src/ml/types.ts';
import { createUser } from '../../packages/server/src/services/auth.service.ts';
import { openStore } from '../../packages/server/src/store/db.ts';
import { freshDatabase, testConfig } from '../../packages/server/test/harness.ts';

const SMS = new URL(
  '../../../shared/datasets/sms-spam-collection/SMSSpamCollection.tsv',
  import.meta.url,
);
const DOC = new URL('../../docs/prelabel.md', import.meta.url);
const SCHEMA = {
  version: 1,
  fields: [{ name: 'text', type: 'text' as const }],
  controls: [
    {
      name: 'label',
      type: 'choices' as const,
      field: 'text',
      labels: [{ value: 'ham' }, { value: 'spam' }],
    },
  ],
};

/** SMS texts and labels (or generated ones when the shared dataset is absent). */
function corpus(): { text: string; label: string }[] {
  if (!existsSync(SMS)) {
    process.stderr.write('notice: SMS spam dataset absent; generated texts are used\n');
    return Array.from({ length: 5000 }, (_, i) => ({
      text: i % 7 === 0 ? `WIN a free prize ${i} call now` : `see you at ${i % 12} for lunch`,
      label: i % 7 === 0 ? 'spam' : 'ham',
    }));
  }
  return readFileSync(SMS, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ label: l.slice(0, l.indexOf('\t')), text: l.slice(l.indexOf('\t') + 1) }));
}

/** A store, a context, a project with `n` tasks (texts cycled), and a manager. */
async function setup(n: number, texts: string[]) {
  const fresh = await freshDatabase('sqlite');
  const store = await openStore({ dataDir: fresh.dataDir });
  const ctx = createContext(testConfig(fresh.dataDir, undefined), store);
  const user = await createUser(
    ctx,
    { username: 'bench', password: 'bench-password-1', is_admin: true },
    null,
  );
  const project = await ctx.projects.create({
    name: 'bench',
    description: '',
    schema: JSON.stringify(SCHEMA),
    settings: '{}',
    created_by: user.id,
  });
  const ts = new Date().toISOString();
  for (let i = 0; i < n; i += 500) {
    const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
      project_id: project.id,
      data: JSON.stringify({ text: texts[(i + k) % texts.length]! }),
      meta: null,
      provenance: null,
      content_hash: randomBytes(32).toString('hex'),
      hash_key: i + k,
      status: 'new' as const,
      difficulty: null,
      priority: 0,
      annotation_count: 0,
      prediction_count: 0,
      import_id: null,
      created_at: ts,
      updated_at: ts,
    }));
    await store.db.insertInto('tasks').values(rows).execute();
  }
  const close = async () => {
    await store.close();
    await fresh.drop();
  };
  return { ctx, store, project, user, close };
}

/** Runs a prelabel job's handler directly (no runner polling) and returns its result. */
async function runPrelabel(ctx: AppContext, projectId: number, modelId: number) {
  const job = await ctx.jobs.enqueue({
    project_id: projectId,
    kind: 'prelabel',
    params: { model_id: modelId },
    created_by: null,
  });
  const t0 = performance.now();
  const result = (await prelabelJob(ctx)({
    job: { ...job, checkpoint: null } as JobRow,
    progress: async (f) => (await ctx.jobs.heartbeat(job.id, f, 60_000)) === 'cancelled',
  })) as { tasks: number; stored: number; model_ms: number; wall_ms: number };
  return { ...result, totalMs: performance.now() - t0 };
}

/**
 * A stand-in for a vision model in a worker thread: `msPerTask` of CPU per image in the
 * worker, one bbox per image. The main thread only waits, as with the shipped vision models.
 */
class WorkerModel implements MlAdapter {
  readonly name = 'worker-model';
  readonly version = 'w1';
  readonly controls = ['label'];
  readonly inProcess = false;
  private readonly worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.on('message', ({ id, ms }) => { const end = Date.now() + ms; let x = 0; while (Date.now() < end) x++; parentPort.postMessage({ id, x }); });`,
    { eval: true },
  );
  private seq = 0;
  constructor(private readonly msPerTask: number) {}
  private run(ms: number): Promise<void> {
    const id = ++this.seq;
    return new Promise((ok) => {
      const on = (m: { id: number }) => {
        if (m.id !== id) return;
        this.worker.off('message', on);
        ok();
      };
      this.worker.on('message', on);
      this.worker.postMessage({ id, ms });
    });
  }
  async predict(tasks: readonly AdapterTask[]): Promise<MlPrediction[]> {
    await this.run(this.msPerTask * tasks.length);
    return tasks.map((t) => {
      const region: Region = {
        id: 'label-1',
        control: 'label',
        type: 'choice',
        value: { choices: ['ham'] },
        score: 0.7,
      };
      return { task_id: t.id, regions: [region], score: 0.7, probs: [0.7, 0.3] };
    });
  }
  close() {
    return this.worker.terminate();
  }
}

/** Platform overhead around a worker-thread model: (job wall time − model time) / model time. */
async function overheadAroundWorkerModel(texts: string[], n: number, msPerTask: number) {
  const env = await setup(n, texts);
  const reg = registryOf(env.ctx);
  const row = await reg.repo.createModel({
    project_id: env.project.id,
    name: 'worker-model',
    kind: 'ls-ml-backend',
    version: 'w1',
    controls: '["label"]',
    settings: JSON.stringify({
      url: 'https://93.184.215.14',
      batch_size: 20,
      tasks_per_call: 20,
      concurrency: 1,
    }),
    secret_sealed: null,
    state: null,
    state_version: 0,
    labels_trained: 0,
    active: 1,
    created_by: env.user.id,
    trained_at: null,
  });
  const model = new WorkerModel(msPerTask);
  const settings = SETTINGS_SCHEMAS['ls-ml-backend'].parse(JSON.parse(row.settings));
  // The bench swaps the adapter in: the job, storage, validation and queue code are the real ones.
  reg.load = async () => ({ row, settings, adapter: model });
  const r = await runPrelabel(env.ctx, env.project.id, row.id);
  await model.close();
  await env.close();
  return {
    tasks: r.tasks,
    modelMs: r.model_ms,
    totalMs: r.totalMs,
    overhead: (r.totalMs - r.model_ms) / r.model_ms,
  };
}

/** The online text classifier: adapter throughput, and the whole job over `n` tasks. */
async function onlineText(data: { text: string; label: string }[], n: number) {
  const env = await setup(
    n,
    data.map((d) => d.text),
  );
  const reg = registryOf(env.ctx);
  const settings = { tokenizer: 'default', retrain_every: 0, batch_size: 200 };
  const row = await reg.repo.createModel({
    project_id: env.project.id,
    name: 'text',
    kind: 'text-classifier',
    version: '0',
    controls: '["label"]',
    settings: JSON.stringify(settings),
    secret_sealed: null,
    state: null,
    state_version: 0,
    labels_trained: 0,
    active: 1,
    created_by: env.user.id,
    trained_at: null,
  });
  const adapter = OnlineTextAdapter.load(
    'text',
    SCHEMA,
    'label',
    SETTINGS_SCHEMAS['text-classifier'].parse(settings),
    null,
  );
  const labeled = (i: number) => ({
    task: { id: i, data: { text: data[i]!.text } },
    regions: [
      { id: 'c', control: 'label', type: 'choice' as const, value: { choices: [data[i]!.label] } },
    ],
  });
  await adapter.fit(Array.from({ length: 500 }, (_, i) => labeled(i)));
  await reg.repo.saveTraining(row.id, {
    state: adapter.saveState(),
    version: adapter.version,
    labels_trained: 500,
  });
  const tasks = data.slice(0, 2000).map((d, i) => ({ id: i, data: { text: d.text } }));
  await adapter.predict(tasks); // warm-up: the first call pays for JIT compilation
  const t0 = performance.now();
  await adapter.predict(tasks);
  const adapterPerSec = tasks.length / ((performance.now() - t0) / 1000);
  const job = await runPrelabel(env.ctx, env.project.id, row.id);
  // Retraining through the platform on 10,000 accepted labels (reads, fit, evaluation, save).
  const taskRows = await env.store.db
    .selectFrom('tasks')
    .select(['id', 'data'])
    .where('project_id', '=', env.project.id)
    .orderBy('id')
    .limit(10_000)
    .execute();
  const ts = new Date().toISOString();
  for (let i = 0; i < taskRows.length; i += 500) {
    await env.store.db
      .insertInto('annotations')
      .values(
        taskRows.slice(i, i + 500).map((t, k) => ({
          project_id: env.project.id,
          task_id: t.id,
          created_by: env.user.id,
          origin: 'human' as const,
          status: 'accepted' as const,
          regions: JSON.stringify([
            {
              id: 'c',
              control: 'label',
              type: 'choice',
              value: { choices: [data[(i + k) % data.length]!.label] },
            },
          ]),
          version: 1,
          lead_time_ms: null,
          schema_version: 1,
          guideline_version: null,
          idempotency_key: null,
          created_at: ts,
          updated_at: ts,
        })),
      )
      .execute();
  }
  // Right after the pre-label job: its vectors are in the model's feature cache.
  // Wall time, and the process's CPU time (on a shared machine, the work itself).
  const timed = async <T>(fn: () => Promise<T>) => {
    const c0 = process.cpuUsage();
    const t1 = performance.now();
    const value = await fn();
    const c = process.cpuUsage(c0);
    return { value, ms: performance.now() - t1, cpuMs: (c.user + c.system) / 1000 };
  };
  const warm: { ms: number; cpuMs: number }[] = [];
  let trained!: Awaited<ReturnType<typeof trainModel>>;
  for (let k = 0; k < 3; k++) {
    const r = await timed(() => trainModel(env.ctx, env.project.id, row.id));
    trained = r.value;
    warm.push(r);
  }
  // Cold: a fresh context (another process, or after a restart) has no cached vectors.
  const cold: { ms: number; cpuMs: number }[] = [];
  for (let k = 0; k < 3; k++) {
    const fresh = createContext(env.ctx.config, env.store);
    cold.push(await timed(() => trainModel(fresh, env.project.id, row.id)));
  }
  await env.close();
  const mid = (xs: { ms: number; cpuMs: number }[]) => ({
    ms: median(xs.map((x) => x.ms)),
    cpuMs: median(xs.map((x) => x.cpuMs)),
  });
  return { adapterPerSec, job, retrain: mid(warm), cold: mid(cold), trained };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Platform benchmark of pre-labeling (docs/prelabel.md, "Measured"): the overhead of our job,
 * storage, validation and queue code around a model running in a worker thread (target ≤ 10 %
 * of model time), the online text classifier's throughput in its adapter and through a whole
 * pre-label job (SQLite), and a platform retrain on 10,000 accepted labels (with the texts'
 * vectors cached, and cold). Prints markdown, rewrites the `ml-bench` section of
 * docs/prelabel.md, sets exit code 1 when a target is missed.
 *
 * @example
 * ```sh
 * npx tsx -e "import('./bench/src/ml.ts').then(m=>m.runMlBench())"
 * ```
 */
export async function runMlBench(): Promise<void> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const data = corpus();
  const w = await overheadAroundWorkerModel(
    data.map((d) => d.text),
    400,
    10,
  );
  const t = await onlineText(data, 10_000);
  const rows = [
    [
      'overhead around a worker-thread model (400 tasks, 10 ms/task, batches of 20)',
      `${(w.overhead * 100).toFixed(1)} % (${fmt(w.totalMs - w.modelMs)} ms of ${fmt(w.modelMs)} ms)`,
      '≤ 10 %',
    ],
    [
      'online text classifier, in its adapter (featurise + predict, 2,000 SMS)',
      `${fmt(t.adapterPerSec)} tasks/s`,
      '≥ 5,000 tasks/s',
    ],
    [
      'pre-label job, online text classifier, 10,000 tasks (SQLite, batches of 200)',
      `${fmt(t.job.tasks / (t.job.totalMs / 1000))} tasks/s (model ${fmt(t.job.model_ms)} ms of ${fmt(t.job.totalMs)} ms)`,
      '—',
    ],
    [
      'platform retrain on 10,000 accepted labels (read, fit, evaluate, save), texts already featurised (after a pre-label job or retrain), median of 3',
      `${secs(t.retrain.ms)} (CPU ${secs(t.retrain.cpuMs)}; held-out accuracy ${t.trained.accuracy?.toFixed(3) ?? 'n/a'})`,
      '< 2 s',
    ],
    [
      'the same, cold (a fresh process: every text tokenised), median of 3',
      `${secs(t.cold.ms)} (CPU ${secs(t.cold.cpuMs)})`,
      '< 2 s',
    ],
  ];
  const md = [
    '| measure | result | target |',
    '| --- | --: | --: |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Node ${process.version}, ${cpus().length} cores, ${new Date().toISOString().slice(0, 10)}, load average ${loadavg()[0]!.toFixed(1)} at the end (a shared machine: wall times grow with it, CPU times much less).`,
  ].join('\n');
  out(`# Pre-labeling platform benchmark\n\n${md}\n`);
  const checks = [
    [w.overhead <= 0.1, `overhead ${(w.overhead * 100).toFixed(1)} % <= 10 %`],
    [t.adapterPerSec >= 5000, `adapter ${fmt(t.adapterPerSec)} tasks/s >= 5,000`],
    [t.retrain.ms < 2000, `platform retrain ${secs(t.retrain.ms)} < 2 s`],
    [t.cold.ms < 2000, `cold platform retrain ${secs(t.cold.ms)} < 2 s`],
  ] as const;
  for (const [ok, what] of checks) out(`${ok ? 'PASS' : 'FAIL'}: ${what}`);
  if (checks.some(([ok]) => !ok)) process.exitCode = 1;
  const path = fileURLToPath(DOC);
  const doc = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const a = doc.indexOf('<!-- ml-bench:start -->');
  const b = doc.indexOf('<!-- ml-bench:end -->');
  if (a >= 0 && b > a) {
    await writeDoc(path, `${doc.slice(0, a)}<!-- ml-bench:start -->\n\n${md}\n\n${doc.slice(b)}`);
    out(`updated ${path}`);
  }
}
