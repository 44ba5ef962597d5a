import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRleString, Task as TaskSchema } from '../../format/index.ts';
import type { Region, Task } from '../../format/index.ts';
import { arbPixel, arbScore, arbSide } from '../test-arbitraries.ts';
import { jsonDiff } from '../test-util.ts';
import { cocoToTasks } from './coco-import.ts';
import { tasksToCoco } from './coco-writer.ts';
import type { CocoCategory } from './coco-types.ts';

/*
 * Property: tasks restricted to what COCO holds (docs/formats.md, "COCO: cannot hold") come
 * back equal after writing and reading: integer task ids, the image file name in
 * data.image and its size in meta; one annotation with regions only; region ids that are
 * integers unique in the whole file (one COCO annotation each); one label per region from the categories; boxes
 * without rotation; keypoints that are the category's named parts, in order, each with a
 * visibility (0 = not labeled, at 0,0).
 */

const categories: CocoCategory[] = [
  { id: 1, name: 'car', supercategory: 'vehicle' },
  { id: 2, name: 'road' },
  { id: 3, name: 'person', keypoints: ['nose', 'eye', 'ear'] },
];

type Bare = Omit<Region, 'id'>;

function arbRuns(total: number): fc.Arbitrary<number[]> {
  if (total < 2) return fc.constant([total]);
  return fc.uniqueArray(fc.integer({ min: 1, max: total - 1 }), { maxLength: 6 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), total];
    return points.slice(1).map((p, i) => p - (points[i] ?? 0));
  });
}

function arbRegion(width: number, height: number): fc.Arbitrary<Bare> {
  const label = fc.constantFrom('car', 'road');
  const kp = fc
    .tuple(arbPixel, arbPixel, fc.constantFrom<0 | 1 | 2>(0, 1, 2))
    .map(([x, y, v]) => (v === 0 ? { x: 0, y: 0, visibility: v } : { x, y, visibility: v }));
  const shape = fc.oneof(
    fc
      .record({ x: arbPixel, y: arbPixel, width: arbSide, height: arbSide, l: label })
      .map(({ l, ...v }): Bare => ({
        control: 'bbox',
        type: 'bbox',
        value: { ...v, labels: [l] },
      })),
    fc
      .tuple(fc.array(fc.tuple(arbPixel, arbPixel), { minLength: 3, maxLength: 7 }), label)
      .map(([points, l]): Bare => ({
        control: 'polygon',
        type: 'polygon',
        value: { points, labels: [l] },
      })),
    fc.tuple(arbRuns(width * height), fc.boolean(), label).map(([runs, asString, l]): Bare => ({
      control: 'mask',
      type: 'mask',
      value: {
        rle: { size: [height, width], counts: asString ? encodeRleString(runs) : runs },
        labels: [l],
      },
    })),
    fc.tuple(kp, kp, kp).map(([a, b, c]): Bare => ({
      control: 'keypoints',
      type: 'keypoints',
      value: {
        points: [
          { ...a, label: 'nose' },
          { ...b, label: 'eye' },
          { ...c, label: 'ear' },
        ],
        labels: ['person'],
      },
    })),
  );
  return fc
    .tuple(shape, fc.option(arbScore, { nil: undefined }))
    .map(([r, score]) => (score === undefined ? r : { ...r, score }));
}

const arbTask: fc.Arbitrary<Task> = fc
  .record({
    id: fc.nat(),
    width: fc.integer({ min: 1, max: 12 }),
    height: fc.integer({ min: 1, max: 12 }),
    file: fc.stringMatching(/^[a-z0-9_/]{1,12}\.jpg$/),
  })
  .chain(({ id, width, height, file }) =>
    fc
      .tuple(
        fc.array(arbRegion(width, height), { maxLength: 6 }),
        fc.uniqueArray(fc.nat(10_000), { minLength: 6, maxLength: 6 }),
      )
      .map(([bare, ids]): Task => ({
        id,
        data: { image: file },
        meta: { width, height },
        annotations: [{ regions: bare.map((r, i) => ({ ...r, id: String(ids[i]) }) as Region) }],
      })),
  );

describe('COCO round trip (property)', () => {
  it('write -> read gives the tasks back', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbTask, { maxLength: 4, selector: (t) => t.id }), (generated) => {
        // COCO annotation ids are unique in the file: offset each task's region ids.
        const tasks = generated.map((t, i) => ({
          ...t,
          annotations: t.annotations?.map((a) => ({
            ...a,
            regions: a.regions.map((r) => ({ ...r, id: String(Number(r.id) + i * 100_000) })),
          })),
        }));
        for (const t of tasks) expect(TaskSchema.safeParse(t).success).toBe(true);
        const text = tasksToCoco(tasks, { categories, strict: true });
        const back = cocoToTasks(text);
        expect(jsonDiff(back.tasks, tasks, 0)).toBeUndefined();
        expect(back.categories).toEqual(categories);
      }),
      { numRuns: 200 },
    );
  });
});
