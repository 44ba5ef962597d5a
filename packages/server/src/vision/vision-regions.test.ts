import { describe, expect, it } from 'vitest';
import { BboxRegion } from '@tessera/core/format';
import { iou, toBboxRegions } from './vision-regions.ts';

describe('toBboxRegions', () => {
  it('makes valid bbox regions of the interchange format, dropping empty boxes', () => {
    const regions = toBboxRegions('objects', [
      { x: 165, y: 21, width: 245, height: 238, labels: ['cup'], score: 0.45123 },
      { x: 10, y: 10, width: 0, height: 5, labels: ['cup'] },
      { x: 1, y: 2, width: 3, height: 4, labels: ['text'], attributes: { text: '电话' } },
    ]);
    expect(regions.map((r) => r.id)).toEqual(['objects-1', 'objects-2']);
    expect(regions[0]!.score).toBe(0.4512);
    for (const r of regions) expect(BboxRegion.safeParse(r).success).toBe(true);
  });
});

describe('iou', () => {
  it('is 1 for the same box, 0 for disjoint ones and 1/3 for a half shift', () => {
    const a = { x: 0, y: 0, width: 2, height: 2 };
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { x: 5, y: 5, width: 1, height: 1 })).toBe(0);
    expect(iou(a, { x: 1, y: 0, width: 2, height: 2 })).toBeCloseTo(1 / 3);
    expect(iou({ x: 0, y: 0, width: 0, height: 0 }, a)).toBe(0);
  });
});
