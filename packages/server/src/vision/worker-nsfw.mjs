// Content-safety image classification (nsfwjs, MobileNetV2 at 224×224) on the same tfjs wasm
// engine as the detectors, inside the vision worker thread. The weights ship inside the npm
// package (dist/models, bundled as JavaScript modules): nothing is fetched.
// Plain JavaScript on purpose: a worker does not inherit the TypeScript loader of its parent.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getEngine } from './worker-tf.mjs';

const require = createRequire(import.meta.url);

/** The five classes nsfwjs scores, in a fixed order. */
export const NSFW_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'];

const MODEL = 'MobileNetV2';

let loaded; // { model, version }
let loading;

function packageVersion() {
  // The CommonJS entry is dist/cjs/index.js; package.json is two folders up.
  const dir = dirname(dirname(dirname(require.resolve('nsfwjs'))));
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

async function load() {
  await getEngine();
  const nsfwjs = require('nsfwjs');
  // nsfwjs announces the model it uses on console.info; the worker's console is the server's.
  const info = console.info;
  console.info = () => {};
  try {
    const model = await nsfwjs.load(MODEL);
    return { model, version: packageVersion() };
  } finally {
    console.info = info;
  }
}

/** Loads the classifier without running it (warm-up, and load timing). */
export async function loadNsfw() {
  if (loaded) return loaded;
  loading ??= load();
  loaded = await loading;
  return loaded;
}

/**
 * Class probabilities of a decoded image (see decodeRgb): `{ Drawing, Hentai, Neutral, Porn,
 * Sexy }`, summing to 1, and the time inside the model.
 */
export async function classifyNsfw(img) {
  const { model, version } = await loadNsfw();
  const { tf } = await getEngine();
  const px = img.pixels;
  const t0 = performance.now();
  const input = tf.tensor3d(px.data, [px.height, px.width, 3], 'int32');
  let predictions;
  try {
    predictions = await model.classify(input, NSFW_CLASSES.length);
  } finally {
    input.dispose();
  }
  const modelMs = performance.now() - t0;
  const classes = Object.fromEntries(NSFW_CLASSES.map((c) => [c, 0]));
  for (const p of predictions) classes[p.className] = p.probability;
  return {
    classes,
    modelMs,
    model: { name: `nsfwjs/${MODEL.toLowerCase()}`, version },
  };
}
