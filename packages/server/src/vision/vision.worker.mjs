// The vision worker thread: decodes untrusted images and runs the shipped models (face-api,
// human's CenterNet, PP-OCR, nsfwjs) and sharp redaction, one job at a time. It runs under the
// resourceLimits and per-job time limit that vision-worker.ts sets, so a malformed or hostile
// image can kill this thread but never the API's event loop. Models load on first use.
// Plain JavaScript on purpose: a worker does not inherit the TypeScript loader of its parent.
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { codedError, decodeRgb, inspect } from './worker-decode.mjs';

// libvips' thread pool is process-wide: one thread leaves the other core to the API.
sharp.concurrency(workerData?.threads ?? 1);
sharp.cache(false);

const limits = workerData.limits;

const KINDS = ['faces', 'objects', 'ocr', 'nsfw'];

/** Lazily imported so a job that needs no model (inspect, redact) loads none. */
const tf = () => import('./worker-tf.mjs');
const ocr = () => import('./worker-ocr.mjs');
const nsfw = () => import('./worker-nsfw.mjs');

/** Runs `fn`, timing it; the load of a model is reported apart from its use. */
async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

async function loadModel(kind) {
  if (kind === 'ocr') return (await ocr()).getOcr();
  if (kind === 'nsfw') return (await nsfw()).loadNsfw();
  return (await tf()).loadTfModels(kind);
}

/** Loads the models of `kinds` one after another; returns the time it took. */
async function loadAll(kinds) {
  let ms = 0;
  for (const k of kinds) {
    try {
      ms += (await timed(() => loadModel(k))).ms;
    } catch (err) {
      throw codedError('model_unavailable', `the ${k} model could not be loaded: ${err.message}`);
    }
  }
  return ms;
}

/**
 * `analyze`: one decode (first, so a bad image loads no model), then each requested model.
 * `early` is the decode started when the job arrived, while the job ahead was still running.
 */
async function analyze(bytes, opts, early) {
  const timings = { decodeMs: 0, loadMs: 0, modelMs: 0 };
  const kinds = KINDS.filter((k) => opts[k]);
  const decoded = await (early ?? timed(() => decodeRgb(bytes, limits)));
  timings.decodeMs = decoded.ms;
  timings.loadMs = await loadAll(kinds);
  const img = decoded.value;
  const result = {
    width: img.width,
    height: img.height,
    format: img.format,
    orientation: img.orientation,
    gps: img.gps,
  };
  for (const k of kinds) {
    let r;
    if (k === 'faces') r = await (await tf()).detectFaces(img, opts.faces);
    else if (k === 'objects') r = await (await tf()).detectObjects(img, opts.objects);
    else if (k === 'nsfw') r = await (await nsfw()).classifyNsfw(img);
    else r = await (await ocr()).recognize(img, opts.ocr);
    timings.modelMs += r.modelMs;
    result[k] = r;
  }
  return { result, timings };
}

async function handle(msg, bytes, early) {
  if (msg.op === 'analyze') return analyze(bytes, msg.options ?? {}, early);
  if (msg.op === 'load') {
    const kinds = KINDS.filter((k) => msg.options?.kinds?.includes(k));
    const loadMs = await loadAll(kinds);
    return { result: { loaded: kinds }, timings: { decodeMs: 0, loadMs, modelMs: 0 } };
  }
  if (msg.op === 'inspect') {
    const r = await timed(() => inspect(bytes, limits));
    return { result: r.value, timings: { decodeMs: r.ms, loadMs: 0, modelMs: 0 } };
  }
  if (msg.op === 'redact') {
    const { redact } = await import('./worker-redact.mjs');
    const r = await redact(bytes, msg.boxes, msg.options ?? {}, limits);
    const { modelMs, ...result } = r;
    return { result, timings: { decodeMs: 0, loadMs: 0, modelMs }, transfer: [r.data.buffer] };
  }
  throw codedError('bad_request', `unknown vision op "${msg.op}"`);
}

/** Codes the owner maps to HTTP statuses; anything else is reported as `vision_failed`. */
const CODES = new Set([
  'bad_image',
  'unsupported_media',
  'image_too_large',
  'model_unavailable',
  'bad_request',
]);

// Models run one job after another; the owner sends the next job ahead (prefetch).
let chain = Promise.resolve();
parentPort.on('message', (msg) => {
  const bytes = msg.bytes ? new Uint8Array(msg.bytes) : new Uint8Array(0);
  // Decoding starts now, on libvips' thread, overlapping the model of the job ahead; its
  // failure is reported when this job's turn comes.
  const early = msg.op === 'analyze' ? timed(() => decodeRgb(bytes, limits)) : undefined;
  early?.catch(() => undefined);
  chain = chain.then(async () => {
    const t0 = performance.now();
    try {
      const { result, timings, transfer } = await handle(msg, bytes, early);
      timings.workerMs = performance.now() - t0;
      parentPort.postMessage({ id: msg.id, ok: true, result, timings }, transfer ?? []);
    } catch (err) {
      const code = CODES.has(err?.code) ? err.code : 'vision_failed';
      parentPort.postMessage({
        id: msg.id,
        ok: false,
        error: { code, message: String(err?.message ?? err) },
      });
    }
  });
});
