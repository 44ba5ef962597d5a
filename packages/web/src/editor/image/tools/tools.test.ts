import { describe, it, expect } from 'vitest';
import { imagePoint } from '../viewport.ts';
import { BBOX_IDLE, bboxDown, bboxMove, bboxUp } from './bbox-tool.ts';
import { POLYGON_IDLE, polygonClick, polygonFinish, polygonUndoPoint } from './polygon-tool.ts';
import { addKeypoint, nextLabel } from './keypoints-tool.ts';

describe('bbox tool', () => {
  it('yields one box for a drag and nothing for a click', () => {
    let s = bboxDown(BBOX_IDLE, imagePoint(100, 80));
    for (let i = 1; i <= 10; i++) s = bboxMove(s, imagePoint(100 - i * 5, 80 + i * 4));
    const done = bboxUp(s, imagePoint(50, 120), 960, 640);
    expect(done.rect).toEqual({ x: 50, y: 80, width: 50, height: 40 });
    expect(done.state).toEqual(BBOX_IDLE);
    expect(
      bboxUp(bboxDown(BBOX_IDLE, imagePoint(5, 5)), imagePoint(6, 6), 960, 640).rect,
    ).toBeNull();
  });
});

describe('polygon tool', () => {
  const a = imagePoint(0, 0);
  const b = imagePoint(100, 0);
  const c = imagePoint(100, 100);

  it('closes when the first vertex is clicked again', () => {
    let s = POLYGON_IDLE;
    for (const p of [a, b, c]) s = polygonClick(s, p, 5).state;
    const step = polygonClick(s, imagePoint(2, 3), 5);
    expect(step.points).toEqual([a, b, c]);
    expect(step.state).toEqual(POLYGON_IDLE);
  });

  it('needs three vertices to finish, and Backspace removes the last one', () => {
    let s = polygonClick(polygonClick(POLYGON_IDLE, a, 5).state, b, 5).state;
    expect(polygonFinish(s).points).toBeNull();
    s = polygonUndoPoint(s);
    expect(s).toMatchObject({ points: [a] });
    expect(polygonUndoPoint(s)).toEqual(POLYGON_IDLE);
  });
});

describe('keypoints tool', () => {
  it('adds points to the selected region and starts a new one otherwise', () => {
    const first = addKeypoint([], { control: 'pose', target: null, x: 1.234, y: 2, label: 'head' });
    const second = addKeypoint(first.regions, {
      control: 'pose',
      target: first.id,
      x: 3,
      y: 4,
      label: 'left_hand',
    });
    expect(second.regions).toHaveLength(1);
    expect(second.regions[0]!.value).toEqual({
      points: [
        { x: 1.23, y: 2, label: 'head' },
        { x: 3, y: 4, label: 'left_hand' },
      ],
      labels: [],
    });
    expect(
      addKeypoint(second.regions, { control: 'pose', target: null, x: 0, y: 0 }).regions,
    ).toHaveLength(2);
  });

  it('advances the active label in order, wrapping around', () => {
    expect(nextLabel(['head', 'l', 'r'], 'head')).toBe('l');
    expect(nextLabel(['head', 'l', 'r'], 'r')).toBe('head');
    expect(nextLabel([], 'x')).toBeUndefined();
  });
});
