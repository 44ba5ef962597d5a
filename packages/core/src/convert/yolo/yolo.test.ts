import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Region, Task } from '../../format/index.ts';
import type { Loss } from '../errors.ts';
import { arbPixel, arbSide, arbSize } from '../test-arbitraries.ts';
import { jsonDiff } from '../test-util.ts';
import { parseYoloDataYaml, writeYoloDataYaml } from './data-yaml.ts';
import { taskToYoloLabels, yoloLabelPath, yoloLabelsToRegions, yoloToTask } from './yolo.ts';

const names = ['person', 'traffic light', 'true', '车'];

describe('YOLO labels', () => {
  it('writes boxes as centre and size, polygons as points, normalised', () => {
    const task: Task = {
      data: { image: 'images/a.jpg' },
      meta: { width: 640, height: 480 },
      annotations: [
        {
          regions: [
            {
              id: 'b',
              control: 'bbox',
              type: 'bbox',
              value: { x: 240, y: 180, width: 160, height: 120, labels: ['person'] },
            },
            {
              id: 'p',
              control: 'polygon',
              type: 'polygon',
              value: {
                points: [
                  [0, 0],
                  [320, 0],
                  [320, 240],
                ],
                labels: ['车'],
              },
            },
          ],
        },
      ],
    };
    expect(taskToYoloLabels(task, { names })).toBe('0 0.5 0.5 0.25 0.25\n3 0 0 0.5 0 0.5 0.5\n');
    expect(taskToYoloLabels(task, { names, precision: 3 })).toBe(
      '0 0.5 0.5 0.25 0.25\n3 0 0 0.5 0 0.5 0.5\n',
    );
  });

  it('reports what YOLO cannot hold', () => {
    const losses: Loss[] = [];
    const task: Task = {
      id: 9,
      data: { image: 'a.jpg' },
      meta: { width: 10, height: 10 },
      annotations: [
        {
          regions: [
            {
              id: 'r',
              control: 'bbox',
              type: 'bbox',
              value: { x: 1, y: 1, width: 2, height: 2, rotation: 30, labels: ['person'] },
            },
            {
              id: 'u',
              control: 'bbox',
              type: 'bbox',
              value: { x: 1, y: 1, width: 2, height: 2, labels: ['cat'] },
            },
            { id: 'c', control: 'cls', type: 'choice', value: { choices: ['x'] } },
          ],
        },
      ],
    };
    expect(taskToYoloLabels(task, { names, onLoss: (l) => losses.push(l) })).toBe('');
    expect(losses.map((l) => `${String(l.where.id)}: ${l.what}`)).toEqual([
      'r: YOLO boxes are not rotated (rotation 30); left out',
      'u: label "cat" is not in names; left out',
      'c: YOLO labels hold boxes and polygons, not choice regions',
    ]);
    expect(() => taskToYoloLabels({ data: { image: 'a.jpg' } }, { names })).toThrow(
      /image size is unknown/,
    );
  });

  it('names file and line of a bad label line', () => {
    const size = { width: 10, height: 10 };
    expect(() =>
      yoloLabelsToRegions('0 0.5 0.5 0.1 0.1\n7 0.5 0.5 0.1 0.1\n', {
        names,
        size,
        source: 'labels/a.txt',
      }),
    ).toThrow('labels/a.txt line 2: class "7" is not an index of names (0..3)');
    expect(() => yoloLabelsToRegions('0 0.5 0.5 0.1\n', { names, size })).toThrow(
      /line 1: 3 values after the class/,
    );
    expect(() => yoloLabelsToRegions('0 0.5 x 0.1 0.1\n', { names, size })).toThrow(
      /line 1: "x" is not a number/,
    );
    expect(() => yoloLabelsToRegions('0 0.5 0.5 0 0.1\n', { names, size })).toThrow(
      /greater than 0/,
    );
  });

  it('maps image paths to label paths as Ultralytics does', () => {
    expect(yoloLabelPath('datasets/coco/images/train2017/0001.jpg')).toBe(
      'datasets/coco/labels/train2017/0001.txt',
    );
    expect(yoloLabelPath('https://x.org/images/a.b.png?sig=1')).toBe(
      'https://x.org/labels/a.b.txt',
    );
    expect(yoloLabelPath('plain')).toBe('plain.txt');
  });
});

describe('data.yaml', () => {
  it('round-trips names through the writer', () => {
    const text = writeYoloDataYaml(names, {
      path: '../datasets/x',
      train: 'images/train',
      val: 'images/val',
    });
    expect(text).toContain('  1: traffic light\n  2: "true"\n');
    expect(parseYoloDataYaml(text)).toEqual({
      names,
      fields: { path: '../datasets/x', train: 'images/train', val: 'images/val', nc: '4' },
    });
  });

  it('reads block lists, flow lists and mappings, with comments and other blocks', () => {
    expect(parseYoloDataYaml('names:\n  - a # first\n  - "b: c"\n').names).toEqual(['a', 'b: c']);
    expect(parseYoloDataYaml('nc: 2\nnames: [\'a\', "b"]\n').names).toEqual(['a', 'b']);
    expect(parseYoloDataYaml('names: {0: a, 1: b}\n').names).toEqual(['a', 'b']);
    expect(
      parseYoloDataYaml('download: |\n  curl x\n  unzip y\nnames:\n  1: b\n  0: a\n').names,
    ).toEqual(['a', 'b']);
  });

  it('reports gaps, mismatched nc and missing names with the line', () => {
    expect(() => parseYoloDataYaml('names:\n  0: a\n  2: c\n')).toThrow(
      /data.yaml line 1: class 1 has no name/,
    );
    expect(() => parseYoloDataYaml('nc: 3\nnames: [a, b]\n')).toThrow(
      /nc is 3 but names lists 2 classes/,
    );
    expect(() => parseYoloDataYaml('train: x\n')).toThrow(/names is missing/);
  });
});

/*
 * Property: tasks restricted to what YOLO holds (docs/formats.md, "YOLO: cannot hold") come
 * back equal: the image reference in data.image and its size in meta; one annotation with
 * regions only; boxes (no rotation) and polygons with exactly one label from names, no score;
 * region ids "1", "2", ... in line order.
 */
describe('YOLO round trip (property)', () => {
  const arbRegion = fc.oneof(
    fc
      .record({
        x: arbPixel,
        y: arbPixel,
        width: arbSide,
        height: arbSide,
        l: fc.constantFrom(...names),
      })
      .map(({ l, ...v }): Omit<Region, 'id'> => ({
        control: 'bbox',
        type: 'bbox',
        value: { ...v, labels: [l] },
      })),
    fc
      .tuple(
        fc.array(fc.tuple(arbPixel, arbPixel), { minLength: 3, maxLength: 8 }),
        fc.constantFrom(...names),
      )
      .map(([points, l]): Omit<Region, 'id'> => ({
        control: 'polygon',
        type: 'polygon',
        value: { points, labels: [l] },
      })),
  );
  it('labels -> task gives the task back', () => {
    fc.assert(
      fc.property(
        arbSize,
        fc.array(arbRegion, { maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        (size, bare, id) => {
          const regions = bare.map((r, i) => ({ ...r, id: String(i + 1) }) as Region);
          const task: Task = {
            ...(id === undefined ? {} : { id }),
            data: { image: 'images/x.jpg' },
            meta: { ...size },
            annotations: [{ regions }],
          };
          const text = taskToYoloLabels(task, { names, strict: true });
          const back = yoloToTask(
            { image: 'images/x.jpg', labels: text, size, ...(id === undefined ? {} : { id }) },
            { names },
          );
          expect(jsonDiff(back, task)).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });
});
