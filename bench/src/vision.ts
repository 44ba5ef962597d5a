/**
 * `node --import tsx bench/src/vision.ts`: the vision service's figures (docs/compliance.md,
 * "Vision"):
 * - cold start: the lazy load of each shipped model in the worker;
 * - overhead: for each model, the caller's wall-clock time minus the time inside the model
 *   call, over the sample images (target: at most 10% of model time);
 * - latency: the p99 of a real Fastify route hammered on loopback while a vision job runs over
 *   20 images (target: under 100 ms), next to the same route with no job running.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { VisionService, type VisionTimings } from '../../packages/server/src/vision/index.ts';

const IMAGES = fileURLToPath(new URL('../../../shared/datasets/images/', import.meta.url));

/** The models measured. */
export type VisionKind = 'faces' | 'objects' | 'ocr';
const KINDS: VisionKind[] = ['faces', 'objects', 'ocr'];

/** One model's overhead: sums over every call, in milliseconds. */
export interface OverheadRow {
  kind: VisionKind;
  /** Calls awaited one by one, or submitted together as a batch. */
  mode: 'one-by-one' | 'batch';
  calls: number;
  /** Time inside the model calls (reported by the worker). */
  modelMs: number;
  /** Decoding the image in the worker (sharp), part of the overhead. */
  decodeMs: number;
  /** The whole job in the worker (decode, tensor, model, result). */
  workerMs: number;
  /** The caller's wall clock around `VisionService` calls. */
  totalMs: number;
  /** (total − model) / model. */
  overheadRatio: number;
}

/** Latency of the probe route, in milliseconds. */
export interface LatencyStats {
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  seconds: number;
}

/** Everything {@link runVisionBench} measured. */
export interface VisionBenchResult {
  coldStartMs: Record<VisionKind, number>;
  overhead: OverheadRow[];
  /** All models together, per mode: Σ(total − model) / Σ model. */
  overallOverheadRatio: Record<OverheadRow['mode'], number>;
  idle: LatencyStats;
  duringJob: LatencyStats & { images: number; jobs: number };
}

/** The sample images (PNG and JPEG), or a notice and an empty list when the folder is absent. */
export function sampleImages(): { name: string; bytes: Buffer }[] {
  if (!existsSync(IMAGES)) {
    process.stderr.write(`notice: ${IMAGES} is absent: no sample images.\n`);
    return [];
  }
  return readdirSync(IMAGES)
    .filter((f) => /\.(png|jpe?g)$/i.test(f))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(IMAGES + name) }));
}

function run(vision: VisionService, kind: VisionKind, bytes: Uint8Array) {
  if (kind === 'faces') return vision.detectFaces(bytes);
  if (kind === 'objects') return vision.detectObjects(bytes);
  return vision.ocr(bytes);
}

/**
 * Overhead of the platform around each model over `rounds` warm passes of `images`.
 * `one-by-one`: each call awaited before the next (an upload being checked); total is the sum
 * of the callers' wall clocks. `batch`: every call submitted at once, as a pre-labeling job
 * does (the worker decodes the next image while a model runs); total is the batch's wall clock.
 * @example const rows = await measureOverhead(vision, sampleImages(), 3, 'batch');
 */
export async function measureOverhead(
  vision: VisionService,
  images: readonly { bytes: Buffer }[],
  rounds: number,
  mode: OverheadRow['mode'],
): Promise<OverheadRow[]> {
  const rows: OverheadRow[] = [];
  const all = Array.from({ length: rounds }, () => images).flat();
  for (const kind of KINDS) {
    const timings: VisionTimings[] = [];
    let totalMs = 0;
    if (mode === 'batch') {
      const t0 = performance.now();
      const outs = await Promise.all(all.map(({ bytes }) => run(vision, kind, bytes)));
      totalMs = performance.now() - t0;
      timings.push(...outs.map((o) => o.timings));
    } else {
      for (const { bytes } of all) {
        const t0 = performance.now();
        const out = await run(vision, kind, bytes);
        totalMs += performance.now() - t0;
        timings.push(out.timings);
      }
    }
    const sum = (k: 'modelMs' | 'decodeMs' | 'workerMs') => timings.reduce((s, t) => s + t[k], 0);
    const modelMs = sum('modelMs');
    rows.push({
      kind,
      mode,
      calls: timings.length,
      modelMs,
      decodeMs: sum('decodeMs'),
      workerMs: sum('workerMs'),
      totalMs,
      overheadRatio: (totalMs - modelMs) / modelMs,
    });
  }
  return rows;
}

/** A stand-in for the labeling API: a page of 50 tasks as JSON, built per request. */
async function probeServer() {
  const app = Fastify({ logger: false });
  app.get('/api/tasks', async () => ({
    tasks: Array.from({ length: 50 }, (_, i) => ({
      id: i + 1,
      data: { text: `任务 ${i + 1}: the quick brown fox`, image: `media/${i}.png` },
      status: i % 3 ? 'new' : 'annotated',
    })),
  }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: `${url}/api/tasks` };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Hammers a Fastify route on 127.0.0.1 with `concurrency` closed-loop clients until `until`
 * settles (or `maxSeconds` pass; at most `maxRequests` requests), and returns the latencies.
 * Only loopback traffic; the loop is bounded in time and count.
 * @example const s = await hammerWhile(vision.detectFaces(bytes));
 */
export async function hammerWhile(
  until: Promise<unknown>,
  opts: { concurrency?: number; maxSeconds?: number; maxRequests?: number } = {},
): Promise<LatencyStats> {
  const { app, url } = await probeServer();
  const latencies: number[] = [];
  let errors = 0;
  let done = false;
  const started = performance.now();
  const deadline = started + (opts.maxSeconds ?? 300) * 1000;
  const maxRequests = opts.maxRequests ?? 200_000;
  const stop = until.then(
    () => (done = true),
    () => (done = true),
  );
  const client = async () => {
    while (!done && performance.now() < deadline && latencies.length + errors < maxRequests) {
      const t0 = performance.now();
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.ok) latencies.push(performance.now() - t0);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, client));
    await stop;
  } finally {
    await app.close();
  }
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * A vision job over `count` images (the samples, cycled): faces, objects and OCR on each, with
 * two calls in flight as the pre-labeling adapter runs them. Returns the number of model calls.
 * @example await visionJob(vision, sampleImages(), 20);
 */
export async function visionJob(
  vision: VisionService,
  images: readonly { bytes: Buffer }[],
  count: number,
): Promise<number> {
  const calls = Array.from({ length: count }, (_, i) => images[i % images.length]!).flatMap(
    ({ bytes }) => KINDS.map((kind) => () => run(vision, kind, bytes)),
  );
  let next = 0;
  const lane = async () => {
    while (next < calls.length) await calls[next++]!();
  };
  await Promise.all([lane(), lane()]);
  return calls.length;
}

/**
 * Runs cold start, overhead and latency, prints markdown tables and returns the figures.
 * @example const r = await runVisionBench(); r.overallOverheadRatio.batch <= 0.1;
 */
export async function runVisionBench(
  opts: { rounds?: number; images?: number } = {},
): Promise<VisionBenchResult> {
  const images = sampleImages();
  if (images.length === 0) throw new Error(`no sample images in ${IMAGES}`);
  const vision = new VisionService();
  try {
    const coldStartMs = {} as Record<VisionKind, number>;
    for (const kind of KINDS) coldStartMs[kind] = (await vision.warmUp([kind])).loadMs;
    const rounds = opts.rounds ?? 3;
    const overhead = [
      ...(await measureOverhead(vision, images, rounds, 'one-by-one')),
      ...(await measureOverhead(vision, images, rounds, 'batch')),
    ];
    const ratio = (mode: OverheadRow['mode']) => {
      const rows = overhead.filter((r) => r.mode === mode);
      const model = rows.reduce((s, r) => s + r.modelMs, 0);
      return (rows.reduce((s, r) => s + r.totalMs, 0) - model) / model;
    };
    const idle = await hammerWhile(new Promise((r) => setTimeout(r, 3000)));
    const count = opts.images ?? 20;
    let jobs = 0;
    const during = await hammerWhile(visionJob(vision, images, count).then((n) => (jobs = n)));
    const result: VisionBenchResult = {
      coldStartMs,
      overhead,
      overallOverheadRatio: { 'one-by-one': ratio('one-by-one'), batch: ratio('batch') },
      idle,
      duringJob: { ...during, images: count, jobs },
    };
    print(result);
    return result;
  } finally {
    await vision.close();
  }
}

function print(r: VisionBenchResult): void {
  const f = (n: number, d = 1) => n.toFixed(d);
  const out = process.stdout;
  out.write(`| model | cold start (ms) |\n|---|---|\n`);
  for (const k of KINDS) out.write(`| ${k} | ${f(r.coldStartMs[k], 0)} |\n`);
  out.write(
    `\n| model | calls | mode | model ms/call | decode ms/call | total ms/call | overhead (total − model) / model |\n|---|---|---|---|---|---|---|\n`,
  );
  for (const o of r.overhead) {
    out.write(
      `| ${o.kind} | ${o.calls} | ${o.mode} | ${f(o.modelMs / o.calls)} | ${f(o.decodeMs / o.calls)} | ${f(o.totalMs / o.calls)} | ${f(o.overheadRatio * 100)}% |\n`,
    );
  }
  for (const [mode, v] of Object.entries(r.overallOverheadRatio))
    out.write(`| all | | ${mode} | | | | ${f(v * 100)}% |\n`);
  out.write(
    `\n| probe route | requests | errors | p50 (ms) | p99 (ms) | max (ms) | seconds |\n|---|---|---|---|---|---|---|\n`,
  );
  const row = (name: string, s: LatencyStats) =>
    out.write(
      `| ${name} | ${s.requests} | ${s.errors} | ${f(s.p50, 2)} | ${f(s.p99, 2)} | ${f(s.max, 2)} | ${f(s.seconds)} |\n`,
    );
  row('idle', r.idle);
  row(
    `during a vision job (${r.duringJob.images} images, ${r.duringJob.jobs} model calls)`,
    r.duringJob,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await runVisionBench();
