import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isUsableBox, movePoints, moveRect, rectFromCorners } from './geometry.ts';
import { fitViewport, imagePoint, screenPoint, toImage, toScreen, zoomAt } from './viewport.ts';

describe('viewport', () => {
  it('fits and centres the image', () => {
    const vp = fitViewport(1000, 500, 532, 532, 16);
    expect(vp.scale).toBeCloseTo(0.5);
    expect(toScreen(vp, imagePoint(500, 250))).toMatchObject({ x: 266, y: 266 });
  });

  it('round-trips image <-> screen for any viewport', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        (scale, x, y, px, py) => {
          const p = toImage({ scale, x, y }, toScreen({ scale, x, y }, imagePoint(px, py)));
          expect(p.x).toBeCloseTo(px, 6);
          expect(p.y).toBeCloseTo(py, 6);
        },
      ),
    );
  });

  it('zooming keeps the image point under the cursor fixed', () => {
    const vp = { scale: 1.3, x: 40, y: -20 };
    const anchor = screenPoint(300, 200);
    const before = toImage(vp, anchor);
    const after = toImage(zoomAt(vp, anchor, 1.25), anchor);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });
});

describe('geometry', () => {
  it('builds a box from corners in any order and clamps it to the image', () => {
    expect(rectFromCorners(imagePoint(50, 40), imagePoint(10, 10))).toEqual({
      x: 10,
      y: 10,
      width: 40,
      height: 30,
    });
    expect(rectFromCorners(imagePoint(-5, -5), imagePoint(120, 90), 100, 80)).toEqual({
      x: 0,
      y: 0,
      width: 100,
      height: 80,
    });
  });

  it('treats a click (tiny drag) as no box', () => {
    expect(isUsableBox({ x: 0, y: 0, width: 1, height: 40 })).toBe(false);
    expect(isUsableBox({ x: 0, y: 0, width: 5, height: 5 })).toBe(true);
  });

  it('keeps moved shapes inside the image', () => {
    expect(moveRect({ x: 90, y: 5, width: 20, height: 10 }, 50, -50, 120, 100)).toEqual({
      x: 100,
      y: 0,
      width: 20,
      height: 10,
    });
    expect(
      movePoints(
        [
          [10, 10],
          [30, 10],
          [20, 30],
        ],
        -50,
        500,
        100,
        100,
      ),
    ).toEqual([
      [0, 80],
      [20, 80],
      [10, 100],
    ]);
  });
});
