import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRegions } from '../../format/index.ts';
import type { Task } from '../../format/index.ts';
import type { Loss } from '../errors.ts';
import { jsonDiff } from '../test-util.ts';
import { rleArea, rleBounds } from './coco-geometry.ts';
import { cocoToTasks } from './coco-import.ts';
import { CocoWriter, tasksToCoco } from './coco-writer.ts';

const sample = readFileSync(new URL('../fixtures/mmdet_coco_sample.json', import.meta.url), 'utf8');

describe('COCO: the mmdetection sample', () => {
  it('round-trips to the same JSON (up to key order)', () => {
    const imported = cocoToTasks(sample);
    const text = tasksToCoco(imported.tasks, {
      categories: imported.categories,
      info: imported.info,
      licenses: imported.licenses,
    });
    expect(jsonDiff(JSON.parse(text), JSON.parse(sample), 0)).toBeUndefined();
  });

  it('imports three tasks, the last without regions, with valid regions', () => {
    const { tasks, schema } = cocoToTasks(sample, { source: 'mmdet_coco_sample.json' });
    expect(
      tasks.map((t) => [t.id, t.data.image, t.meta?.width, t.annotations?.[0]?.regions.length]),
    ).toEqual([
      [0, 'fake1.jpg', 800, 2],
      [1, 'fake2.jpg', 800, 1],
      [2, 'fake3.jpg', 800, 0],
    ]);
    expect(tasks[0]?.annotations?.[0]?.regions[1]).toEqual({
      id: '2',
      control: 'bbox',
      type: 'bbox',
      value: { x: 0, y: 0, width: 20, height: 20, labels: ['car'] },
      score: 1,
    });
    for (const t of tasks) {
      const r = validateRegions(schema, t.annotations?.[0]?.regions ?? [], t.data);
      expect(r.ok).toBe(true);
    }
  });

  it('streams in chunks that concatenate to the file', () => {
    const { tasks, categories } = cocoToTasks(sample);
    const w = new CocoWriter({ categories });
    const chunks = [w.begin(), ...tasks.map((t) => w.add(t)), w.end()];
    expect(chunks[1]).toContain('"image_id":0');
    expect(chunks[1]).not.toContain('images');
    const doc = JSON.parse(chunks.join('')) as { annotations: unknown[]; images: unknown[] };
    expect([doc.annotations.length, doc.images.length]).toEqual([3, 3]);
  });

  it('gives the same file when the images are taken out as they come (a spilling caller)', () => {
    const { tasks, categories } = cocoToTasks(sample);
    const whole = tasksToCoco(tasks, { categories });
    for (const takeAfter of [[], [0], [1], [0, 1, 2], [2]]) {
      const w = new CocoWriter({ categories });
      let head = w.begin();
      let spilled = '';
      tasks.forEach((t, i) => {
        head += w.add(t);
        if (takeAfter.includes(i)) spilled += w.takeImages();
      });
      const end = w.endParts();
      expect(head + end.before + spilled + end.images + end.after).toBe(whole);
    }
  });

  it('keeps integer ids that arrive out of order and renumbers only the repeated ones', () => {
    const task = (id: number): Task => ({
      id,
      data: { image: `${id}.jpg` },
      meta: { width: 10, height: 10 },
    });
    const losses: Loss[] = [];
    const doc = JSON.parse(
      tasksToCoco([9, 2, 7, 2, 1, 9].map(task), { onLoss: (l) => losses.push(l) }),
    ) as { images: { id: number }[] };
    expect(doc.images.map((i) => i.id)).toEqual([9, 2, 7, 1, 3, 4]);
    expect(losses.map((l) => l.what)).toEqual([
      'image id 2 is already used in this file; written as 1',
      'image id 1 is already used in this file; written as 3',
      'image id 9 is already used in this file; written as 4',
    ]);
  });
});

describe('COCO import errors name the annotation', () => {
  const base = () =>
    JSON.parse(sample) as {
      annotations: Record<string, unknown>[];
      images: Record<string, unknown>[];
    };
  it('rejects a missing image id', () => {
    const doc = base();
    doc.annotations[2] = { ...doc.annotations[2], image_id: 99 };
    expect(() => cocoToTasks(doc, { source: 'sample.json' })).toThrow(
      'sample.json, id 3, at annotations[2]: image_id 99 is not in images',
    );
  });
  it('rejects a missing category id', () => {
    const doc = base();
    doc.annotations[0] = { ...doc.annotations[0], category_id: 7 };
    expect(() => cocoToTasks(doc)).toThrow(
      'COCO, id 1, at annotations[0]: category_id 7 is not in categories',
    );
  });
  it('rejects malformed shapes and duplicate ids', () => {
    const doc = base();
    doc.annotations[0] = { ...doc.annotations[0], bbox: [0, 0, 20] };
    expect(() => cocoToTasks(doc)).toThrow(
      /id 1, at annotations\[0\]: bbox must be \[x, y, width, height\]/,
    );
    const dup = base();
    dup.annotations[1] = { ...dup.annotations[1], id: 1 };
    expect(() => cocoToTasks(dup)).toThrow(/duplicate annotation id/);
    expect(() => cocoToTasks('{"images": [}')).toThrow(/COCO: not valid JSON/);
  });
});

describe('COCO shapes', () => {
  const doc = {
    images: [{ id: 7, file_name: 'a.jpg', width: 4, height: 3, license: 2 }],
    categories: [
      { id: 1, name: 'person', keypoints: ['nose', 'eye'], skeleton: [[1, 2]] },
      { id: 2, name: 'road' },
    ],
    annotations: [
      {
        id: 10,
        image_id: 7,
        category_id: 1,
        bbox: [0, 0, 4, 3],
        area: 12,
        iscrowd: 0,
        keypoints: [1, 1, 2, 0, 0, 0],
        num_keypoints: 1,
      },
      {
        id: 11,
        image_id: 7,
        category_id: 2,
        segmentation: [
          [0, 0, 2, 0, 2, 2],
          [3, 0, 4, 0, 4, 1],
        ],
        area: 2.4,
        bbox: [0, 0, 4, 2],
        iscrowd: 0,
      },
      {
        id: 12,
        image_id: 7,
        category_id: 2,
        segmentation: { size: [3, 4], counts: [4, 1, 7] },
        area: 1,
        bbox: [1, 1, 1, 1],
        iscrowd: 1,
      },
    ],
  };

  it('imports boxes with keypoints, polygon parts and RLE masks, and writes them back', () => {
    const { tasks, categories } = cocoToTasks(doc);
    const regions = tasks[0]?.annotations?.[0]?.regions ?? [];
    expect(regions.map((r) => `${r.id}:${r.type}`)).toEqual([
      '10:bbox',
      '10.kp:keypoints',
      '11:polygon',
      '11.1:polygon',
      '12:mask',
    ]);
    expect(regions[1]?.value).toEqual({
      points: [
        { x: 1, y: 1, label: 'nose', visibility: 2 },
        { x: 0, y: 0, label: 'eye', visibility: 0 },
      ],
      labels: ['person'],
    });
    expect(tasks[0]?.meta).toEqual({
      width: 4,
      height: 3,
      coco: {
        image: { license: 2 },
        annotations: {
          '10': { iscrowd: 0 },
          '11': { iscrowd: 0, area: 2.4 },
          '12': { iscrowd: 1 },
        },
      },
    });
    const back = JSON.parse(tasksToCoco(tasks, { categories })) as unknown;
    expect(jsonDiff(back, doc, 0)).toBeUndefined();
  });

  it('derives bbox, area and keypoint names when writing Tessera regions', () => {
    const task: Task = {
      id: 'img-a',
      data: { image: 'b.jpg' },
      meta: { width: 10, height: 10 },
      annotations: [
        {
          regions: [
            {
              id: 'p',
              control: 'poly',
              type: 'polygon',
              value: {
                points: [
                  [0, 0],
                  [4, 0],
                  [4, 3],
                ],
                labels: ['road'],
              },
            },
            {
              id: 'k',
              control: 'pose',
              type: 'keypoints',
              value: {
                points: [
                  { x: 1, y: 2, label: 'nose' },
                  { x: 3, y: 5, label: 'tail', visibility: 1 },
                ],
                labels: ['dog'],
              },
            },
            { id: 'c', control: 'cls', type: 'choice', value: { choices: ['x'] } },
          ],
        },
      ],
    };
    const losses: Loss[] = [];
    const out = JSON.parse(tasksToCoco([task], { onLoss: (l) => losses.push(l) })) as Record<
      string,
      unknown
    >;
    expect(out.images).toEqual([{ id: 1, file_name: 'b.jpg', width: 10, height: 10 }]);
    expect(out.annotations).toEqual([
      {
        id: 1,
        image_id: 1,
        category_id: 1,
        segmentation: [[0, 0, 4, 0, 4, 3]],
        bbox: [0, 0, 4, 3],
        area: 6,
      },
      {
        id: 2,
        image_id: 1,
        category_id: 2,
        bbox: [1, 2, 2, 3],
        area: 6,
        keypoints: [1, 2, 2, 3, 5, 1],
        num_keypoints: 2,
      },
    ]);
    expect(out.categories).toEqual([
      { id: 1, name: 'road' },
      { id: 2, name: 'dog', keypoints: ['nose', 'tail'] },
    ]);
    expect(losses.map((l) => l.what)).toEqual(['COCO cannot hold choice regions']);
  });

  it('gives a fresh id to an integer id already used in the file, and says so', () => {
    const box = {
      id: '1',
      control: 'bbox',
      type: 'bbox' as const,
      value: { x: 0, y: 0, width: 1, height: 1, labels: ['car'] },
    };
    const task = (id: number): Task => ({
      id,
      data: { image: `${id}.jpg` },
      meta: { width: 5, height: 5 },
      annotations: [{ regions: [box] }],
    });
    const losses: Loss[] = [];
    const out = JSON.parse(tasksToCoco([task(1), task(2)], { onLoss: (l) => losses.push(l) })) as {
      annotations: { id: number }[];
    };
    expect(out.annotations.map((a) => a.id)).toEqual([1, 2]);
    expect(losses.map((l) => l.what)).toEqual([
      'annotation id 1 is already used in this file; written as 2',
    ]);
  });

  it('needs the image size', () => {
    expect(() => tasksToCoco([{ id: 1, data: { image: 'x.jpg' } }])).toThrow(
      /task 1: the image size is unknown/,
    );
  });

  it('computes RLE bounds and area as pycocotools does', () => {
    expect(rleBounds({ size: [3, 4], counts: [4, 1, 7] })).toEqual([1, 1, 1, 1]);
    expect(rleBounds({ size: [3, 3], counts: [2, 2, 5] })).toEqual([0, 0, 2, 3]);
    expect(rleArea({ size: [3, 3], counts: [2, 2, 5] })).toBe(2);
    expect(rleBounds({ size: [2, 2], counts: [4] })).toEqual([0, 0, 0, 0]);
  });
});
