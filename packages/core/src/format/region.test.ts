import { describe, expect, it } from 'vitest';
import { zodIssuesToIssues } from './issues.ts';
import { REGION_TYPES } from './kinds.ts';
import type { RegionType } from './kinds.ts';
import { Region } from './region.ts';

/** Issue paths of parsing one region, or [] when it parses. */
function paths(input: unknown): string[] {
  const r = Region.safeParse(input);
  return r.success ? [] : zodIssuesToIssues(r.error).map((i) => i.path);
}

const region = (type: string, value: unknown, extra: object = {}): unknown => ({
  id: 'r1',
  control: 'c',
  type,
  value,
  ...extra,
});

/** For every region type: a valid value, and invalid values with the path each must blame. */
const CASES: Record<RegionType, { valid: unknown[]; invalid: [unknown, string][] }> = {
  choice: {
    valid: [{ choices: ['a'] }, { choices: ['a', 'b c'] }],
    invalid: [
      [{ choices: [] }, 'value.choices'],
      [{ choices: [''] }, 'value.choices[0]'],
      [{ choices: [' a'] }, 'value.choices[0]'],
      [{ choices: ['a'], label: 'x' }, 'value.label'],
    ],
  },
  span: {
    valid: [
      { start: 0, end: 1, labels: ['PER'] },
      { start: 3, end: 9, labels: ['X'], text: 'abc' },
    ],
    invalid: [
      [{ start: 2, end: 2, labels: ['PER'] }, 'value.end'],
      [{ start: -1, end: 2, labels: ['PER'] }, 'value.start'],
      [{ start: 0.5, end: 2, labels: ['PER'] }, 'value.start'],
      [{ start: 0, end: 2, labels: [] }, 'value.labels'],
      [{ start: 0, end: 2 }, 'value.labels'],
      [{ start: 0, end: 2, labels: ['a'], text: 'x'.repeat(100_001) }, 'value.text'],
    ],
  },
  relation: {
    valid: [
      { from: 'a', to: 'b' },
      { from: 'a', to: 'b', labels: ['r'], direction: 'bi' },
    ],
    invalid: [
      [{ from: 'a', to: 'a' }, 'value.to'],
      [{ from: 'a', to: 'b', direction: 'up' }, 'value.direction'],
      [{ from: '', to: 'b' }, 'value.from'],
    ],
  },
  bbox: {
    valid: [
      { x: 0, y: 0, width: 1, height: 1, labels: [] },
      { x: -5.5, y: 2, width: 10, height: 3, rotation: 30, labels: ['car'] },
    ],
    invalid: [
      [{ x: 0, y: 0, width: 0, height: 1, labels: [] }, 'value.width'],
      [{ x: 0, y: 0, width: 1, height: -1, labels: [] }, 'value.height'],
      [{ x: Number.NaN, y: 0, width: 1, height: 1, labels: [] }, 'value.x'],
      [{ x: 0, y: Infinity, width: 1, height: 1, labels: [] }, 'value.y'],
      [{ x: 0, y: 0, width: 1, height: 1, rotation: 400, labels: [] }, 'value.rotation'],
      [{ x: 0, y: 0, width: 1, height: 1 }, 'value.labels'],
    ],
  },
  polygon: {
    valid: [
      {
        points: [
          [0, 0],
          [1, 0],
          [1, 1],
        ],
        labels: ['road'],
      },
    ],
    invalid: [
      [
        {
          points: [
            [0, 0],
            [1, 0],
          ],
          labels: [],
        },
        'value.points',
      ],
      [{ points: [[0, 0], [1, 0], [1]], labels: [] }, 'value.points[2]'],
      [
        {
          points: [
            [0, 0],
            [1, 0],
            [1, 'a'],
          ],
          labels: [],
        },
        'value.points[2][1]',
      ],
    ],
  },
  keypoints: {
    valid: [
      { points: [{ x: 1, y: 2 }], labels: [] },
      { points: [{ x: 1, y: 2, label: 'nose', visibility: 2 }], labels: ['person'] },
    ],
    invalid: [
      [{ points: [], labels: [] }, 'value.points'],
      [{ points: [{ x: 1, y: 2, visibility: 3 }], labels: [] }, 'value.points[0].visibility'],
      [{ points: [{ x: 1 }], labels: [] }, 'value.points[0].y'],
    ],
  },
  mask: {
    valid: [
      { rle: { size: [2, 3], counts: [2, 3, 1] }, labels: [] },
      { rle: { size: [480, 640], counts: 'Xo0X6`jZ9' }, labels: ['dog'] },
      { rle: { size: [1, 2], counts: [0, 2] }, labels: [] },
    ],
    invalid: [
      [{ rle: { size: [2, 3], counts: [2, 3] }, labels: [] }, 'value.rle.counts'],
      [{ rle: { size: [2, 3], counts: 'X' }, labels: [] }, 'value.rle.counts'],
      [{ rle: { size: [2, 3], counts: 6 }, labels: [] }, 'value.rle.counts'],
      [{ rle: { size: [0, 3], counts: [] }, labels: [] }, 'value.rle.size[0]'],
      [{ rle: { size: [2, 3], counts: [7, -1] }, labels: [] }, 'value.rle.counts[1]'],
    ],
  },
  segment: {
    valid: [
      { start: 0, end: 0.5, labels: [] },
      { start: 1.5, end: 3, labels: ['speech'], channel: 1 },
    ],
    invalid: [
      [{ start: 2, end: 1, labels: [] }, 'value.end'],
      [{ start: -1, end: 1, labels: [] }, 'value.start'],
      [{ start: 0, end: 1, labels: [], channel: 0.5 }, 'value.channel'],
    ],
  },
  track: {
    valid: [
      {
        keyframes: [
          { frame: 0, x: 0, y: 0, width: 1, height: 1 },
          { frame: 5, x: 2, y: 0, width: 1, height: 1, enabled: false },
        ],
        labels: ['car'],
      },
    ],
    invalid: [
      [{ keyframes: [], labels: [] }, 'value.keyframes'],
      [
        {
          keyframes: [
            { frame: 3, x: 0, y: 0, width: 1, height: 1 },
            { frame: 3, x: 0, y: 0, width: 1, height: 1 },
          ],
          labels: [],
        },
        'value.keyframes[1].frame',
      ],
      [
        { keyframes: [{ frame: 0, x: 0, y: 0, width: 0, height: 1 }], labels: [] },
        'value.keyframes[0].width',
      ],
    ],
  },
  link: {
    valid: [{ from: { field: 'caption', region: 's1' }, to: { field: 'image', region: 'b1' } }],
    invalid: [
      [{ from: { field: 'caption', region: 's1' } }, 'value.to'],
      [{ from: { field: 'caption' }, to: { field: 'image', region: 'b1' } }, 'value.from.region'],
      [
        { from: { field: 'a b', region: 's1' }, to: { field: 'image', region: 'b1' } },
        'value.from.field',
      ],
    ],
  },
  rating: {
    valid: [{ rating: 3 }],
    invalid: [
      [{ rating: '3' }, 'value.rating'],
      [{ rating: Infinity }, 'value.rating'],
    ],
  },
  ranking: {
    valid: [{ order: ['r2', 'r1'] }],
    invalid: [
      [{ order: ['r1', 'r1'] }, 'value.order[1]'],
      [{ order: [] }, 'value.order'],
    ],
  },
  pairwise: {
    valid: [{ choice: 'a' }, { choice: 'tie', strength: 0 }],
    invalid: [
      [{ choice: 'c' }, 'value.choice'],
      [{ choice: 'b', strength: -1 }, 'value.strength'],
    ],
  },
  text: {
    valid: [{ text: [] }, { text: ['一段文字'] }],
    invalid: [
      [{ text: 'x' }, 'value.text'],
      [{ text: [1] }, 'value.text[0]'],
    ],
  },
};

describe('Region', () => {
  it('covers all 14 region types', () => {
    expect(Object.keys(CASES).sort()).toEqual([...REGION_TYPES].sort());
  });

  for (const type of REGION_TYPES) {
    describe(type, () => {
      it.each(CASES[type].valid.map((v) => [v]))('accepts %j', (value) => {
        expect(paths(region(type, value))).toEqual([]);
      });
      it.each(CASES[type].invalid)('rejects %j at %s', (value, path) => {
        expect(paths(region(type, value))).toContain(path);
      });
    });
  }

  it('rejects an unknown type, naming the allowed ones', () => {
    const r = Region.safeParse(region('box', {}));
    const issues = zodIssuesToIssues(r.error!);
    expect(issues[0]?.path).toBe('type');
    expect(issues[0]?.message).toMatch(/choice, span, relation/);
  });

  it('checks the common keys', () => {
    expect(paths(region('rating', { rating: 1 }, { id: '' }))).toEqual(['id']);
    expect(paths(region('rating', { rating: 1 }, { id: 'x'.repeat(65) }))).toEqual(['id']);
    expect(paths(region('rating', { rating: 1 }, { score: 1.2 }))).toEqual(['score']);
    expect(paths(region('rating', { rating: 1 }, { control: 'two words' }))).toEqual(['control']);
    expect(paths(region('rating', { rating: 1 }, { from_name: 'x' }))).toEqual(['from_name']);
  });

  it('accepts attributes of the four value kinds and rejects others', () => {
    const attributes = { occluded: true, colour: 'red', count: 2, tags: ['a', 'b'] };
    expect(paths(region('rating', { rating: 1 }, { attributes, prediction_id: 'p1' }))).toEqual([]);
    expect(paths(region('rating', { rating: 1 }, { attributes: { x: { y: 1 } } }))).toEqual([
      'attributes.x',
    ]);
    expect(paths(region('rating', { rating: 1 }, { attributes: { 'a b': 1 } }))).toEqual([
      'attributes["a b"]',
    ]);
  });
});
