// Redaction inside the vision worker: blur (or fill) boxes and re-encode with no metadata at
// all, which drops EXIF (GPS included), XMP and IPTC. Pixels outside the boxes are copied
// unchanged (lossless formats keep them bit for bit). Plain JavaScript: workers get no TS loader.
import sharp from 'sharp';
import { codedError, inspect, sharpInput } from './worker-decode.mjs';

const MAX_BOXES = 1000;

/** Integer pixel rectangle covering a box, clipped to the image; undefined when empty. */
function pixelRect(b, width, height) {
  const left = Math.max(0, Math.floor(b.x));
  const top = Math.max(0, Math.floor(b.y));
  const right = Math.min(width, Math.ceil(b.x + b.width));
  const bottom = Math.min(height, Math.ceil(b.y + b.height));
  if (right - left < 1 || bottom - top < 1) return undefined;
  return { left, top, width: right - left, height: bottom - top };
}

const rawOf = (i) => ({ width: i.width, height: i.height, channels: i.channels });

/** Strong enough that text and faces are unreadable, scaled with the box. */
function sigmaFor(r) {
  return Math.min(60, Math.max(6, Math.max(r.width, r.height) / 8));
}

async function patch(raw, r, mode) {
  const channels = raw.info.channels;
  if (mode === 'fill') {
    const data = Buffer.alloc(r.width * r.height * channels, 0);
    // Opaque black: the alpha channel (when there is one) is the last.
    if (channels === 2 || channels === 4)
      for (let i = channels - 1; i < data.length; i += channels) data[i] = 255;
    return data;
  }
  const src = sharp(raw.data, { raw: rawOf(raw.info) });
  return src.extract(r).blur(sigmaFor(r)).raw().toBuffer();
}

/** Output in the input's format (GIF becomes PNG); no metadata is written. */
function encode(p, format) {
  if (format === 'jpeg') return { p: p.jpeg({ quality: 90, mozjpeg: false }), mime: 'image/jpeg' };
  if (format === 'webp') return { p: p.webp({ quality: 90 }), mime: 'image/webp' };
  return { p: p.png(), mime: 'image/png' };
}

/**
 * Blurs (or fills, `mode: 'fill'`) every box of an upright image and re-encodes it without
 * metadata. Boxes are in the upright image's pixels, as the detectors return them.
 */
export async function redact(bytes, boxes, opts, limits) {
  if (!Array.isArray(boxes) || boxes.length > MAX_BOXES) {
    throw codedError('bad_request', `boxes must be a list of at most ${MAX_BOXES}`);
  }
  const info = await inspect(bytes, limits);
  let raw;
  try {
    raw = await sharp(bytes, sharpInput(limits))
      .rotate()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw codedError('bad_image', `the image could not be decoded: ${err.message}`);
  }
  const t0 = performance.now();
  const rects = boxes
    .map((b) => pixelRect(b, raw.info.width, raw.info.height))
    .filter((r) => r !== undefined);
  // Patches are cut from the untouched pixels and written row by row into a copy: no
  // compositing, so the channel layout (and every pixel outside the boxes) stays as it was.
  const pixels = Buffer.from(raw.data);
  const ch = raw.info.channels;
  const stride = raw.info.width * ch;
  for (const r of rects) {
    const data = await patch(raw, r, opts.mode === 'fill' ? 'fill' : 'blur');
    const row = r.width * ch;
    for (let y = 0; y < r.height; y++) {
      data.copy(pixels, (r.top + y) * stride + r.left * ch, y * row, (y + 1) * row);
    }
  }
  const p = sharp(pixels, { raw: rawOf(raw.info) });
  const { p: out, mime } = encode(p, info.format);
  const data = await out.toBuffer();
  return {
    data,
    mime,
    width: raw.info.width,
    height: raw.info.height,
    boxes: rects.map((r) => ({ x: r.left, y: r.top, width: r.width, height: r.height })),
    gpsRemoved: info.gps.present,
    modelMs: performance.now() - t0,
  };
}
