import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImageSchema, validateRegions, type LabelingSchema } from '@tessera/core/format';
import { LearnInputError, type AdapterTask } from '@tessera/core/learn';
import { shippedModelVersion, VisionModelAdapter } from './vision-adapter.ts';
import { VisionService } from './vision.service.ts';

const DIR = fileURLToPath(new URL('../../../../../shared/datasets/images/', import.meta.url));
const have = existsSync(DIR);
if (!have) console.warn(`notice: ${DIR} is absent: the vision adapter tests are skipped.`);

const schema: LabelingSchema = buildImageSchema({
  controls: [
    {
      name: 'objects',
      type: 'bbox',
      field: 'image',
      labels: [{ value: 'Cup' }, { value: 'person' }, { value: 'dog' }],
    },
    { name: 'faces', type: 'bbox', field: 'image', labels: [{ value: 'face' }] },
    {
      name: 'lines',
      type: 'bbox',
      field: 'image',
      labels: [{ value: 'line of text' }],
      attributes: [{ name: 'text', type: 'text' }],
    },
    { name: 'tags', type: 'choices', field: 'image', labels: [{ value: 'ok' }] },
  ],
});

const loadImage = async (ref: string) => readFileSync(DIR + ref);

describe('VisionModelAdapter: checks on construction', () => {
  const vision = new VisionService();
  afterAll(() => vision.close());

  it('refuses controls that are not bbox controls on an image field, and unknown labels', () => {
    const make = (control: string, labelMap?: Record<string, string>) => () =>
      new VisionModelAdapter(vision, schema, control, {
        kind: 'objects',
        loadImage,
        ...(labelMap ? { labelMap } : {}),
      });
    expect(make('tags')).toThrow(LearnInputError);
    expect(make('nope')).toThrow(/no control named "nope"/);
    expect(make('objects', { cup: 'Mug' })).toThrow(/no label "Mug"/);
  });

  it('names the model with the version of the npm package that ships it', () => {
    expect(shippedModelVersion('faces')).toMatch(/^face-api\/tiny_face_detector@\d+\.\d+\.\d+$/);
    expect(shippedModelVersion('objects')).toMatch(/^human\/centernet-coco80@\d+\.\d+\.\d+$/);
    expect(shippedModelVersion('ocr')).toMatch(/^pp-ocrv4\/ch@\d+\.\d+\.\d+$/);
  });
});

describe.skipIf(!have)('VisionModelAdapter on the sample images', () => {
  let vision: VisionService;
  beforeAll(() => {
    vision = new VisionService();
  });
  afterAll(() => vision.close());

  it('suggests a Cup box for coffee.png that validates against the schema, never auto-accepted', async () => {
    const adapter = new VisionModelAdapter(vision, schema, 'objects', {
      kind: 'objects',
      loadImage,
    });
    expect(adapter.autoAccept).toBe(false);
    expect('fit' in adapter).toBe(false);
    const [p] = await adapter.predict([{ id: 't1', data: { image: 'coffee.png' } }]);
    expect(p!.task_id).toBe('t1');
    expect(p!.regions.map((r) => r.type === 'bbox' && r.value.labels[0])).toContain('Cup');
    expect(validateRegions(schema, p!.regions)).toMatchObject({ ok: true });
    expect(p!.score).toBeGreaterThan(0);
    expect(p!.score).toBeLessThanOrEqual(1);
  });

  it('suggests the astronaut’s face, and OCR lines through a label map', async () => {
    const faces = new VisionModelAdapter(vision, schema, 'faces', { kind: 'faces', loadImage });
    const [f] = await faces.predict([{ id: 2, data: { image: 'astronaut.png' } }]);
    expect(f!.regions).toHaveLength(1);
    const ocr = new VisionModelAdapter(vision, schema, 'lines', {
      kind: 'ocr',
      loadImage,
      labelMap: { text: 'line of text' },
    });
    const [o] = await ocr.predict([{ id: 3, data: { image: 'pii_zh_en.png' } }]);
    expect(o!.regions).toHaveLength(3);
    expect(o!.regions.map((r) => r.attributes?.text).join(' ')).toContain('13812345678');
    expect(validateRegions(schema, o!.regions)).toMatchObject({ ok: true });
  });

  it('drops boxes whose label the control lacks, and reports a broken image per task when asked', async () => {
    const adapter = new VisionModelAdapter(vision, schema, 'faces', {
      kind: 'objects',
      loadImage,
      onError: (task, err) => failed.push([task, err.message]),
    });
    const failed: [AdapterTask, string][] = [];
    const out = await adapter.predict([
      { id: 'a', data: { image: 'coffee.png' } },
      { id: 'b', data: { image: 'README.md' } },
    ]);
    expect(out.map((p) => [p.task_id, p.regions.length, p.score])).toEqual([
      ['a', 0, 0],
      ['b', 0, 0],
    ]);
    expect(failed.map(([t, m]) => [t.id, m])).toEqual([
      ['b', expect.stringMatching(/Only PNG, JPEG/)],
    ]);
    await expect(adapter.predict([{ id: 'c', data: {} }])).rejects.toThrow(
      /tasks\[0\]\.data\.image/,
    );
  });
});
