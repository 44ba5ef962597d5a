import { describe, expect, it } from 'vitest';
import { OffsetMap } from './offset-map.ts';

// original 'ab[PII5]cd' -> masked 'ab[X]cd': original [2,7) became masked [2,3)
const map = new OffsetMap([{ original: [2, 7], masked: [2, 3] }], 9, 5);
// original 'ab[PII3]cd' -> masked 'abcd': removed
const removed = new OffsetMap([{ original: [2, 5], masked: [2, 2] }], 7, 4);

describe('OffsetMap', () => {
  it('shifts spans outside replaced regions', () => {
    expect(map.toOriginal(0, 2)).toEqual({ start: 0, end: 2 });
    expect(map.toOriginal(3, 5)).toEqual({ start: 7, end: 9 });
    expect(map.toMasked(7, 9)).toEqual({ start: 3, end: 5 });
  });

  it('snaps partial overlaps outward to the whole value', () => {
    expect(map.toOriginal(1, 3)).toEqual({ start: 1, end: 7 });
    expect(map.toMasked(3, 8)).toEqual({ start: 2, end: 4 });
    expect(map.toOriginal(2, 2)).toEqual({ start: 2, end: 2 }); // a caret before the value
  });

  it('does not pull a removed value into a span that only touches it', () => {
    expect(removed.toOriginal(0, 2)).toEqual({ start: 0, end: 2 });
    expect(removed.toOriginal(2, 4)).toEqual({ start: 5, end: 7 });
    expect(removed.toOriginal(1, 3)).toEqual({ start: 1, end: 6 });
    expect(removed.toOriginal(2, 2)).toEqual({ start: 2, end: 5 });
  });

  it('rejects spans outside the text', () => {
    expect(() => map.toOriginal(0, 6)).toThrow(/not within the masked text \(0..5\)/);
    expect(() => map.toMasked(3, 2)).toThrow(/not within the original text/);
  });
});
