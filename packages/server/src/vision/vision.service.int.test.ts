import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BboxRegion } from '@tessera/core/format';
import { iou } from './vision-regions.ts';
import { VisionService } from './vision.service.ts';
import type { VisionError } from './vision-errors.ts';

const DIR = fileURLToPath(new URL('../../../../../shared/datasets/images/', import.meta.url));
const have = existsSync(DIR);
if (!have) console.warn(`notice: ${DIR} is absent: the vision tests on sample images are skipped.`);
const img = (name: string) => readFileSync(DIR + name);

/** The README's reference face box for astronaut.png. */
const ASTRONAUT_FACE = { x: 175, y: 68, width: 100, height: 102 };

async function failure(p: Promise<unknown>): Promise<VisionError> {
  try {
    await p;
  } catch (e) {
    return e as VisionError;
  }
  throw new Error('expected the call to fail');
}

describe.skipIf(!have)('VisionService on the sample images', () => {
  let vision: VisionService;
  beforeAll(() => {
    vision = new VisionService();
  });
  afterAll(() => vision.close());

  it('finds the astronaut’s face (IoU ≥ 0.5 with the README box) as a valid bbox region', async () => {
    const r = await vision.detectFaces(img('astronaut.png'));
    expect(r.boxes).toHaveLength(1);
    expect(iou(r.boxes[0]!, ASTRONAUT_FACE)).toBeGreaterThanOrEqual(0.5);
    expect(r.regions[0]).toMatchObject({
      control: 'faces',
      type: 'bbox',
      value: { labels: ['face'] },
    });
    expect(BboxRegion.safeParse(r.regions[0]).success).toBe(true);
    expect(r.model.name).toBe('face-api/tiny_face_detector');
    expect(r.timings.modelMs).toBeGreaterThan(0);
  });

  it('finds no face on chelsea.png (a cat) and coffee.png', async () => {
    expect((await vision.detectFaces(img('chelsea.png'))).boxes).toEqual([]);
    expect((await vision.detectFaces(img('coffee.png'))).boxes).toEqual([]);
  });

  it('finds a cup on coffee.png', async () => {
    const r = await vision.detectObjects(img('coffee.png'));
    const cup = r.boxes.find((b) => b.label === 'cup');
    expect(cup).toBeDefined();
    // The cup and saucer fill the middle of the 600×400 photo.
    expect(cup!.x + cup!.width / 2).toBeGreaterThan(150);
    expect(cup!.x + cup!.width / 2).toBeLessThan(450);
    expect(r.model.name).toBe('human/centernet-coco80');
  });

  it('reads the phone number in pii_zh_en.png', async () => {
    const r = await vision.ocr(img('pii_zh_en.png'));
    expect(r.lines.map((l) => l.text).join('\n')).toContain('13812345678');
    expect(r.lines).toHaveLength(3);
    expect(r.regions[0]!.attributes?.text).toBe(r.lines[0]!.text);
  });

  it('finds the PII in pii_zh_en.png, with the ID reported as failing its check character', async () => {
    const r = await vision.findImagePii(img('pii_zh_en.png'));
    const by = (e: string) => r.findings.find((f) => f.entity === e);
    expect(by('CN_MOBILE')).toMatchObject({
      source: 'ocr',
      text: '13812345678',
      masked: '138****5678',
    });
    const id = by('CN_RESIDENT_ID');
    expect(id).toMatchObject({ source: 'ocr', checksum: 'failed', text: '110101199003071234' });
    expect(id!.score).toBeLessThan(by('CN_MOBILE')!.score);
    expect(by('EMAIL')).toBeDefined();
    expect(by('FACE')).toBeUndefined();
    // Regions carry the masked value, never the original.
    expect(JSON.stringify(r.regions)).not.toContain('13812345678');
    expect(r.boxes).toHaveLength(r.regions.length);
  });

  it('blurs the PII boxes: pixels change inside every box and nowhere else, and OCR no longer reads them', async () => {
    const src = img('pii_zh_en.png');
    const pii = await vision.findImagePii(src);
    const out = await vision.redactImage(src, pii.boxes);
    expect(out.mime).toBe('image/png');
    const a = await sharp(src).raw().toBuffer({ resolveWithObject: true });
    const b = await sharp(Buffer.from(out.bytes)).raw().toBuffer({ resolveWithObject: true });
    expect(b.info).toMatchObject({
      width: a.info.width,
      height: a.info.height,
      channels: a.info.channels,
    });
    const ch = a.info.channels;
    const inBox = (x: number, y: number) =>
      out.boxes.some((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height);
    let changedOutside = 0;
    const changedIn = out.boxes.map(() => 0);
    for (let y = 0; y < a.info.height; y++) {
      for (let x = 0; x < a.info.width; x++) {
        const i = (y * a.info.width + x) * ch;
        let diff = false;
        for (let c = 0; c < ch; c++) diff ||= a.data[i + c] !== b.data[i + c];
        if (!diff) continue;
        if (!inBox(x, y)) changedOutside++;
        out.boxes.forEach((r, k) => {
          if (x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height) changedIn[k]!++;
        });
      }
    }
    expect(changedOutside).toBe(0);
    out.boxes.forEach((r, k) => expect(changedIn[k]! / (r.width * r.height)).toBeGreaterThan(0.2));
    const again = await vision.findImagePii(out.bytes);
    const left = again.findings.map((f) => f.entity);
    expect(left).not.toContain('CN_MOBILE');
    expect(left).not.toContain('CN_RESIDENT_ID');
    expect(left).not.toContain('EMAIL');
  });

  it('strips EXIF GPS on redaction and reports it before', async () => {
    const withGps = await sharp(img('astronaut.png'))
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 27/1' } })
      .toBuffer();
    const before = await vision.findImagePii(withGps);
    expect(before.findings).toContainEqual({
      source: 'exif',
      entity: 'EXIF_GPS',
      score: 1,
      tags: ['GPSLatitudeRef', 'GPSLatitude'],
    });
    const face = before.findings.find((f) => f.entity === 'FACE');
    expect(face).toBeDefined();
    const out = await vision.redactImage(withGps, before.boxes);
    expect(out.gpsRemoved).toBe(true);
    expect(out.mime).toBe('image/jpeg');
    expect((await sharp(Buffer.from(out.bytes)).metadata()).exif).toBeUndefined();
    const after = await vision.findImagePii(out.bytes);
    expect(after.findings.map((f) => f.entity)).not.toContain('EXIF_GPS');
  });

  it('gives boxes in upright pixels for a photo stored sideways with an EXIF orientation', async () => {
    // Pixels turned 90° anticlockwise, tagged "turn 90° clockwise to view" (orientation 6).
    const sideways = await sharp(img('astronaut.png'))
      .rotate(270)
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const r = await vision.detectFaces(sideways);
    expect(r.orientation).toBe(6);
    expect(r.boxes).toHaveLength(1);
    expect(iou(r.boxes[0]!, ASTRONAUT_FACE)).toBeGreaterThanOrEqual(0.5);
  });

  it('scales boxes back to the original pixels of an image larger than the models see', async () => {
    const big = await sharp(img('astronaut.png')).resize(2560, 2560).jpeg().toBuffer();
    const r = await vision.detectFaces(big);
    expect(r.width).toBe(2560);
    const k = 2560 / 512;
    const ref = { x: 175 * k, y: 68 * k, width: 100 * k, height: 102 * k };
    expect(r.boxes).toHaveLength(1);
    expect(iou(r.boxes[0]!, ref)).toBeGreaterThanOrEqual(0.5);
  });

  it('refuses a malformed image with a clear error and goes on working', async () => {
    const truncated = img('pii_zh_en.png').subarray(0, 3000);
    const err = await failure(vision.ocr(truncated));
    expect(err.code).toBe('bad_image');
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/could not be decoded/);
    const corrupt = Buffer.from(img('astronaut.png'));
    for (let i = 5000; i < 9000; i++) corrupt[i] = (corrupt[i]! * 7 + 3) & 255;
    expect((await failure(vision.detectFaces(corrupt))).code).toBe('bad_image');
    expect((await vision.detectObjects(img('coffee.png'))).boxes.length).toBeGreaterThan(0);
  });
});

describe('VisionService refusing before decoding', () => {
  it('refuses an image that declares 50,000×50,000 pixels without starting the worker', async () => {
    const vision = new VisionService();
    const png = Buffer.alloc(64);
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(png, 0);
    png.writeUInt32BE(50_000, 16);
    png.writeUInt32BE(50_000, 20);
    const err = await failure(vision.findImagePii(png));
    expect(err.code).toBe('image_too_large');
    expect(err.message).toContain('Nothing was decoded');
    expect(vision.worker.started).toBe(0);
    await vision.close();
  });
});
