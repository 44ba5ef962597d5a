import { describe, expect, it } from 'vitest';
import { buildImageSchema } from '../../format/index.ts';
import type { Region } from '../../format/index.ts';
import { sweepOverlaps, type Shape } from './duplicate-regions.ts';
import { box, imageSchema, runRules, span, textSchema } from './test-builders.ts';

const rule = { kind: 'duplicate_regions', severity: 'warn' } as const;
const img = { image: 'https://example.com/a.jpg', video: 'https://example.com/a.mp4' };

describe('duplicate_regions', () => {
  it('reports a box that repeats an earlier one with the same label, with the IoU', () => {
    const regions = [box('b1', 10, 10, 100, 100, ['dog']), box('b2', 12, 10, 100, 100, ['dog'])];
    expect(runRules([rule], { schema: imageSchema(), regions, data: img })).toEqual([
      {
        rule: 'duplicate_regions',
        kind: 'duplicate_regions',
        severity: 'warn',
        message:
          'Box "b2" (control "objects", label "dog") repeats box "b1" (control "objects", label "dog") (IoU 0.96): delete one of them.',
        path: 'regions[1]',
        region_id: 'b2',
      },
    ]);
  });

  it('keeps boxes with other labels, below the IoU, or under another threshold', () => {
    const schema = imageSchema();
    const regions = [
      box('b1', 10, 10, 100, 100, ['dog']),
      box('b2', 10, 10, 100, 100, ['car']),
      box('b3', 40, 10, 100, 100, ['dog']),
    ];
    expect(runRules([rule], { schema, regions, data: img })).toEqual([]);
    // b1 and b3 overlap with IoU 70/130 ≈ 0.54.
    expect(
      runRules([{ ...rule, iou: 0.5 }], { schema, regions, data: img }).map((f) => f.region_id),
    ).toEqual(['b3']);
  });

  it('reports each later region once, against the earliest it repeats', () => {
    const regions = [box('a', 0, 0, 10, 10), box('b', 0, 0, 10, 10), box('c', 0, 0, 10, 10)];
    const findings = runRules([rule], { schema: imageSchema(), regions, data: img });
    expect(findings.map((f) => [f.region_id, f.message.match(/repeats box "(\w)"/)?.[1]])).toEqual([
      ['b', 'a'],
      ['c', 'a'],
    ]);
  });

  it('compares polygons and rotated boxes by their area', () => {
    const poly = (id: string, dx: number): Region => ({
      id,
      control: 'areas',
      type: 'polygon',
      value: {
        points: [
          [dx, 0],
          [dx + 40, 0],
          [dx + 40, 40],
          [dx + 20, 60],
          [dx, 40],
        ],
        labels: ['road'],
      },
    });
    expect(
      runRules([rule], {
        schema: imageSchema(),
        regions: [poly('p1', 0), poly('p2', 1)],
        data: img,
      }).map((f) => f.region_id),
    ).toEqual(['p2']);
    expect(
      runRules([rule], {
        schema: imageSchema(),
        regions: [poly('p1', 0), poly('p2', 20)],
        data: img,
      }),
    ).toEqual([]);
    const turned = [
      box('r1', 50, 50, 40, 20, ['car'], 30),
      box('r2', 50, 50, 40, 20, ['car'], 30),
      box('r3', 50, 50, 40, 20, ['car'], 120),
    ];
    expect(
      runRules([rule], { schema: imageSchema(), regions: turned, data: img }).map(
        (f) => f.region_id,
      ),
    ).toEqual(['r2']);
  });

  it('matches spans by exact offsets and relations by their ends', () => {
    const data = { text: 'Alice met Bob.', chat: [] };
    const rel = (id: string, from: string, to: string): Region => ({
      id,
      control: 'rel',
      type: 'relation',
      value: { from, to, labels: ['works_for'] },
    });
    const regions = [
      span('s1', 0, 5),
      span('s2', 10, 13),
      span('s3', 0, 5, ['ORG']),
      rel('r1', 's1', 's2'),
      rel('r2', 's1', 's2'),
      rel('r3', 's2', 's1'),
    ];
    const schema = textSchema();
    schema.controls = schema.controls.map((c) =>
      c.name === 'entities' ? { ...c, overlap: true } : c,
    );
    const withDup = [...regions, span('s4', 0, 5)];
    expect(
      runRules([rule], { schema, regions: withDup, data }).map((f) => [f.region_id, f.path]),
    ).toEqual([
      ['r2', 'regions[4]'],
      ['s4', 'regions[6]'],
    ]);
  });

  it('compares segments per channel by their time IoU', () => {
    const schema = buildImageSchema({
      fields: [{ name: 'audio', type: 'audio' }],
      controls: [
        { name: 'speech', type: 'segment', field: 'audio', labels: [{ value: 'speech' }] },
      ],
    });
    const seg = (id: string, start: number, end: number, channel = 0): Region => ({
      id,
      control: 'speech',
      type: 'segment',
      value: { start, end, labels: ['speech'], channel },
    });
    const regions = [seg('a1', 1, 3), seg('a2', 1.05, 3), seg('a3', 1, 3, 1)];
    expect(
      runRules([rule], { schema, regions, data: { audio: 'a.wav' } }).map((f) => f.region_id),
    ).toEqual(['a2']);
  });

  it('pairs shapes by a sweep, not all n² pairs (a work check, not a timing)', () => {
    // 10,000 boxes 5 px wide at x = 0, 7, 14, ...: no two overlap, so the sweep looks at no pair.
    const shapes: Shape[] = Array.from({ length: 10_000 }, (_, i) => ({
      index: i,
      minX: 7 * i,
      maxX: 7 * i + 5,
      minY: 0,
      maxY: 5,
      area: 25,
    }));
    const visited: number[] = [];
    expect(sweepOverlaps(shapes, (a) => visited.push(a.index))).toBe(0);
    // A 100 × 100 grid: only boxes in the same column share an x-range: 100 · C(100, 2) pairs, 1 % of C(10⁴, 2).
    const grid: Shape[] = Array.from({ length: 10_000 }, (_, i) => {
      const [cx, cy] = [i % 100, Math.floor(i / 100)];
      return {
        index: i,
        minX: 10 * cx,
        maxX: 10 * cx + 5,
        minY: 10 * cy,
        maxY: 10 * cy + 5,
        area: 25,
      };
    });
    let overlapping = 0;
    expect(sweepOverlaps(grid, () => overlapping++)).toBe(100 * 4950);
    expect(overlapping).toBe(0);
  });
});
