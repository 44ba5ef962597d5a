import { describe, expect, it } from 'vitest';
import type { Region } from '../../format/index.ts';
import { boxCorners } from './bbox-inside-image.ts';
import { box, imageSchema, runRules } from './test-builders.ts';

const rule = { kind: 'bbox_inside_image', severity: 'block' } as const;
const data = { image: 'https://example.com/a.jpg', video: 'https://example.com/a.mp4' };
const meta = { width: 640, height: 480 };
const polygon = (id: string, points: Array<[number, number]>): Region => ({
  id,
  control: 'areas',
  type: 'polygon',
  value: { points, labels: ['road'] },
});

describe('bbox_inside_image', () => {
  it('accepts shapes inside the image, edges included', () => {
    const regions = [
      box('b1', 0, 0, 640, 480),
      polygon('p1', [
        [0, 0],
        [640, 0],
        [640, 480],
      ]),
      {
        id: 'k1',
        control: 'pose',
        type: 'keypoints',
        value: {
          points: [
            { x: 10, y: 10 },
            { x: -5, y: -5, visibility: 0 },
          ],
          labels: ['person'],
        },
      },
    ] satisfies Region[];
    expect(runRules([rule], { schema: imageSchema(), regions, data, meta })).toEqual([]);
  });

  it('reports a box past an edge, naming the edge, image size and region', () => {
    const findings = runRules([rule], {
      schema: imageSchema(),
      regions: [box('b1', 600, 10, 50, 20, ['dog'])],
      data,
      meta,
    });
    expect(findings).toEqual([
      {
        rule: 'bbox_inside_image',
        kind: 'bbox_inside_image',
        severity: 'block',
        message:
          'Box "b1" (control "objects", label "dog") extends past the right edge of the 640×480 px image: move or resize it to lie inside the image.',
        path: 'regions[0].value.width',
        region_id: 'b1',
      },
    ]);
    const two = runRules([rule], {
      schema: imageSchema(),
      regions: [box('b2', -3, 470, 20, 20)],
      data,
      meta,
    });
    expect(two[0]?.message).toContain('past the left and bottom edges');
    expect(two[0]?.path).toBe('regions[0].value.x');
  });

  it('allows the tolerance and uses the dimensions argument over meta', () => {
    const regions = [box('b1', -0.5, 0, 100, 100)];
    expect(
      runRules([{ ...rule, tolerance: 1 }], { schema: imageSchema(), regions, data, meta }),
    ).toEqual([]);
    const small = runRules([rule], {
      schema: imageSchema(),
      regions: [box('b1', 0, 0, 100, 100)],
      data,
      meta,
      dimensions: { width: 50, height: 200 },
    });
    expect(small[0]?.message).toContain('the 50×200 px image');
    const perField = runRules([rule], {
      schema: imageSchema(),
      regions: [box('b1', 0, 0, 100, 100)],
      data,
      dimensions: { image: { width: 90, height: 90 } },
    });
    expect(perField[0]?.message).toContain('the 90×90 px image');
  });

  it('turns rotated boxes around their top-left corner', () => {
    const corners = boxCorners({ x: 0, y: 0, width: 2, height: 1, rotation: 90 }).map(([x, y]) => [
      Math.round(x),
      Math.round(y),
    ]);
    expect(corners).toEqual([
      [0, 0],
      [0, 2],
      [-1, 2],
      [-1, 0],
    ]);
    // Inside when upright; turned 90° clockwise around (10, 10), its height now points left, past x = 0.
    const regions = [box('b1', 10, 10, 30, 20, ['car'], 90)];
    expect(runRules([rule], { schema: imageSchema(), regions, data, meta })[0]?.message).toContain(
      'past the left edge',
    );
    expect(
      runRules([rule], {
        schema: imageSchema(),
        regions: [box('b1', 30, 10, 30, 20, ['car'], 90)],
        data,
        meta,
      }),
    ).toEqual([]);
  });

  it('points at the first polygon vertex and keypoint outside', () => {
    const regions: Region[] = [
      polygon('p1', [
        [0, 0],
        [700, 0],
        [700, 500],
        [0, 400],
      ]),
      {
        id: 'k1',
        control: 'pose',
        type: 'keypoints',
        value: {
          points: [
            { x: 1, y: 1 },
            { x: 5, y: 481, label: 'left_foot' },
          ],
          labels: ['person'],
        },
      },
    ];
    const findings = runRules([rule], { schema: imageSchema(), regions, data, meta });
    expect(findings.map((f) => [f.path, f.region_id])).toEqual([
      ['regions[0].value.points[1]', 'p1'],
      ['regions[1].value.points[1]', 'k1'],
    ]);
    expect(findings[0]?.message).toBe(
      'Polygon "p1" (control "areas", label "road") has a vertex at (700, 0) outside the 640×480 px image (2 vertices are outside): move it inside the image.',
    );
    expect(findings[1]?.message).toContain('keypoint "left_foot" at (5, 481)');
  });

  it('checks enabled track keyframes only', () => {
    const track = (enabled: boolean): Region => ({
      id: 't1',
      control: 'tracks',
      type: 'track',
      value: {
        keyframes: [
          { frame: 0, x: 0, y: 0, width: 10, height: 10 },
          { frame: 5, x: 635, y: 0, width: 10, height: 10, enabled },
        ],
        labels: ['car'],
      },
    });
    expect(
      runRules([rule], { schema: imageSchema(), regions: [track(false)], data, meta }),
    ).toEqual([]);
    const f = runRules([rule], { schema: imageSchema(), regions: [track(true)], data, meta });
    expect(f.map((x) => x.path)).toEqual(['regions[0].value.keyframes[1]']);
    expect(f[0]?.message).toContain('at frame 5');
  });

  it('warns once per field when the image size is unknown, or stays silent on skip', () => {
    const regions = [box('b1', 0, 0, 5, 5), box('b2', 9999, 0, 5, 5)];
    const findings = runRules([rule], {
      schema: imageSchema(),
      regions,
      data,
      meta: { width: 'wide' },
    });
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warn',
        message:
          'Shapes on field "image" could not be checked against the image: its size is unknown (set the task\'s meta.width and meta.height).',
      }),
    ]);
    expect(
      runRules([{ ...rule, when_unknown: 'skip' }], { schema: imageSchema(), regions, data }),
    ).toEqual([]);
  });

  it('only looks at the listed controls', () => {
    const regions = [box('b1', 9999, 0, 5, 5)];
    expect(
      runRules([{ ...rule, controls: ['areas'] }], { schema: imageSchema(), regions, data, meta }),
    ).toEqual([]);
  });
});
