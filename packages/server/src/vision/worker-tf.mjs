// Face detection (@vladmandic/face-api) and COCO-80 object detection (@vladmandic/human) on
// the pure tfjs engine with its WebAssembly backend, inside the vision worker thread.
// Plain JavaScript on purpose: a worker does not inherit the TypeScript loader of its parent.
// Nothing here touches the network: the wasm binary and every weight file are read from the
// npm packages on disk (a load router serves `file://` model URLs from the file system, which
// pure tfjs cannot do by itself; without it human would call fetch()).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { toOriginal } from './worker-decode.mjs';

const require = createRequire(import.meta.url);

/** Package folders resolved from the entry points (human's exports map hides package.json). */
const dirs = {
  wasm: dirname(require.resolve('@tensorflow/tfjs-backend-wasm')),
  faceApi: dirname(dirname(require.resolve('@vladmandic/face-api'))),
  human: dirname(dirname(require.resolve('@vladmandic/human'))),
};

const version = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

let engine; // { tf, faceapi?, human? } once the backend is ready
let enginePromise;

/** Serves `file://…/model.json` (and its shards) to tfjs from disk. */
function fileLoadRouter(url) {
  const u = Array.isArray(url) ? url[0] : url;
  if (typeof u !== 'string' || !u.startsWith('file://')) return null;
  const path = u.slice('file://'.length);
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(path, 'utf8'));
      const specs = [];
      const shards = [];
      for (const group of json.weightsManifest ?? []) {
        specs.push(...group.weights);
        for (const p of group.paths) shards.push(readFileSync(join(dirname(path), p)));
      }
      const all = Buffer.concat(shards);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: specs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.length),
      };
    },
  };
}

async function initEngine() {
  const tf = require('@tensorflow/tfjs');
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  // A folder path, not a URL: in Node the wasm loader reads the binary with fs.
  wasm.setWasmPaths(dirs.wasm + '/');
  tf.io.registerLoadRouter(fileLoadRouter);
  await tf.setBackend('wasm');
  await tf.ready();
  tf.enableProdMode();
  return { tf };
}

/** The tfjs engine on the wasm backend, created on first use. */
export async function getEngine() {
  if (engine) return engine;
  enginePromise ??= initEngine();
  engine = await enginePromise;
  return engine;
}

/** face-api with its tiny and SSD detectors, loaded on first use. */
async function getFaceApi() {
  const e = await getEngine();
  if (e.faceapi) return e.faceapi;
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  const modelDir = join(dirs.faceApi, 'model');
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  e.faceapi = faceapi;
  e.faceVersion = version(dirs.faceApi);
  return faceapi;
}

/** human with only the CenterNet COCO-80 detector enabled, loaded on first use. */
async function getHuman() {
  const e = await getEngine();
  if (e.human) return e.human;
  const { Human } = require(join(dirs.human, 'dist/human.node-wasm.js'));
  const human = new Human({
    backend: 'wasm',
    wasmPath: dirs.wasm + '/',
    modelBasePath: `file://${dirs.human}/models/`,
    debug: false,
    async: false,
    warmup: 'none',
    cacheModels: false,
    // Each call is a separate image: no frame-to-frame caching or skipping.
    cacheSensitivity: 0,
    filter: { enabled: false },
    gesture: { enabled: false },
    face: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    segmentation: { enabled: false },
    object: { enabled: true, minConfidence: 0.2, maxDetected: 20, skipFrames: 0, skipTime: 0 },
  });
  await human.load();
  e.human = human;
  e.humanVersion = version(dirs.human);
  return human;
}

/** Pixels as tfjs wants them; TypedArray#set widens bytes in native code (faster than tfjs's copy). */
function int32(bytes) {
  const out = new Int32Array(bytes.length);
  out.set(bytes);
  return out;
}

/** Loads the face or object models without running them (warm-up, and load timing). */
export async function loadTfModels(which) {
  if (which === 'faces') await getFaceApi();
  if (which === 'objects') await getHuman();
}

/**
 * Faces in a decoded image (see decodeRgb). `detector`: 'tiny' (TinyFaceDetector, default) or 'ssd'
 * (SSD MobileNet v1). Returns boxes in the original's pixels and the time inside the model.
 */
export async function detectFaces(img, opts = {}) {
  const faceapi = await getFaceApi();
  const { tf } = engine;
  const detector = opts.detector === 'ssd' ? 'ssd' : 'tiny';
  const minScore = opts.minScore ?? 0.5;
  const options =
    detector === 'ssd'
      ? new faceapi.SsdMobilenetv1Options({ minConfidence: minScore, maxResults: 100 })
      : new faceapi.TinyFaceDetectorOptions({ scoreThreshold: minScore, inputSize: 416 });
  const px = img.pixels;
  const input = tf.tensor3d(int32(px.data), [px.height, px.width, 3], 'int32');
  const t0 = performance.now();
  let found;
  try {
    found = await faceapi.detectAllFaces(input, options);
  } finally {
    input.dispose();
  }
  const modelMs = performance.now() - t0;
  const boxes = found.map((d) => ({
    ...toOriginal(d.box.x, d.box.y, d.box.width, d.box.height, img),
    label: 'face',
    score: d.score,
  }));
  const name = detector === 'ssd' ? 'ssd_mobilenetv1' : 'tiny_face_detector';
  return {
    boxes: boxes.filter((b) => b.width > 0 && b.height > 0),
    modelMs,
    model: { name: `face-api/${name}`, version: engine.faceVersion },
  };
}

/** COCO-80 objects in a decoded image (boxes in the original's pixels), with CenterNet via human. */
export async function detectObjects(img, opts = {}) {
  const human = await getHuman();
  const { tf } = engine;
  const px = img.pixels;
  const input = tf.tensor4d(int32(px.data), [1, px.height, px.width, 3], 'int32');
  const t0 = performance.now();
  let res;
  try {
    res = await human.detect(input, {
      object: { minConfidence: opts.minScore ?? 0.2, maxDetected: opts.maxDetected ?? 20 },
    });
  } finally {
    input.dispose();
  }
  const modelMs = performance.now() - t0;
  if (res.error) throw Object.assign(new Error(`object detection failed: ${res.error}`), {});
  const boxes = res.object.map((o) => ({
    ...toOriginal(o.box[0], o.box[1], o.box[2], o.box[3], img),
    label: o.label,
    score: o.score,
  }));
  return {
    boxes: boxes.filter((b) => b.width > 0 && b.height > 0),
    modelMs,
    model: { name: 'human/centernet-coco80', version: engine.humanVersion },
  };
}
