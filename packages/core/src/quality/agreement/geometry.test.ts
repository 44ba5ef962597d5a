import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxAgreement, boxIoU, polygonAgreement } from './geometry.ts';
import { intersectionArea, polygonIoU, signedArea, triangulate, type Point } from './polygon.ts';

const rect = (x: number, y: number, w: number, h: number): Point[] => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];

describe('IoU', () => {
  it('box IoU of half-overlapping squares is 1/3', () => {
    expect(
      boxIoU({ x: 0, y: 0, width: 2, height: 2 }, { x: 1, y: 0, width: 2, height: 2 }),
    ).toBeCloseTo(1 / 3, 12);
    expect(boxIoU({ x: 0, y: 0, width: 1, height: 1 }, { x: 5, y: 5, width: 1, height: 1 })).toBe(
      0,
    );
    expect(() =>
      boxIoU({ x: 0, y: 0, width: -1, height: 1 }, { x: 0, y: 0, width: 1, height: 1 }),
    ).toThrow(/non-negative size/);
  });

  it('polygon IoU equals box IoU on rectangles, in either vertex order (property)', () => {
    const box = fc.record({
      x: fc.integer({ min: 0, max: 50 }),
      y: fc.integer({ min: 0, max: 50 }),
      width: fc.integer({ min: 1, max: 40 }),
      height: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(box, box, fc.boolean(), (a, b, reverse) => {
        const pa = rect(a.x, a.y, a.width, a.height);
        const pb = rect(b.x, b.y, b.width, b.height);
        expect(polygonIoU(pa, reverse ? [...pb].reverse() : pb)).toBeCloseTo(boxIoU(a, b), 9);
      }),
    );
  });

  it('handles concave polygons exactly', () => {
    // A U: the 3×3 square minus the 1×2 notch [1, 2] × [1, 3], so area 7.
    const u: Point[] = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
    ];
    expect(Math.abs(signedArea(u))).toBe(7);
    expect(triangulate(u).reduce((s, t) => s + Math.abs(signedArea(t)), 0)).toBeCloseTo(7, 12);
    expect(intersectionArea(u, rect(0, 0, 3, 3))).toBeCloseTo(7, 12);
    // The notch does not count: a square inside the notch does not intersect the U.
    expect(intersectionArea(u, rect(1.2, 1.5, 0.5, 1))).toBeCloseTo(0, 12);
    expect(polygonIoU(u, u)).toBeCloseTo(1, 12);
  });

  it('rejects self-intersecting polygons', () => {
    const bowtie: Point[] = [
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
    ];
    expect(() => polygonIoU(bowtie, rect(0, 0, 2, 2))).toThrow(/self-intersecting/);
  });
});

describe('IoU-matched precision / recall / F1', () => {
  it('matches greedily one-to-one above the threshold, with labels', () => {
    const a = [
      { x: 0, y: 0, width: 10, height: 10, label: 'car' },
      { x: 1, y: 1, width: 10, height: 10, label: 'car' },
      { x: 50, y: 50, width: 5, height: 5, label: 'dog' },
    ];
    const b = [
      { x: 0, y: 0, width: 10, height: 10, label: 'car' },
      { x: 50, y: 50, width: 5, height: 5, label: 'cat' },
    ];
    const r = boxAgreement(a, b);
    expect(r.matches).toEqual([{ a: 0, b: 0, iou: 1 }]);
    expect(r.precision.value).toBeCloseTo(1 / 3, 12);
    expect(r.recall.value).toBe(0.5);
    expect(r.f1.value).toBeCloseTo(0.4, 12);
    expect(boxAgreement(a, b, { sameLabel: false }).truePositives).toBe(2);
  });

  it('gives undefined metrics with reasons on empty input', () => {
    const r = polygonAgreement([], []);
    expect(r.f1.reason).toBe('both annotation sets are empty');
    expect(r.precision.reason).toBe('no trials');
    expect(r.meanIoU.reason).toBe('no regions matched');
    expect(() => boxAgreement([], [], { iouThreshold: 0 })).toThrow(/iouThreshold/);
  });
});
