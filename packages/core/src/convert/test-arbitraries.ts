import fc from 'fast-check';
import { codePointLength, codePointSlice } from '../format/index.ts';
import type { Region } from '../format/index.ts';

/**
 * fast-check arbitraries shared by the converters' round-trip property tests (test-only).
 */

/** Text mixing ASCII, punctuation, Chinese, accents and astral-plane emoji. */
export function arbText(maxLength = 40): fc.Arbitrary<string> {
  const unit = fc.constantFrom(
    'a',
    'b',
    'Z',
    '1',
    ' ',
    ',',
    '.',
    '中',
    '文',
    'é',
    '😀',
    '🐕',
    '\n',
  );
  return fc.string({ unit, minLength: 1, maxLength });
}

/** A region id made of letters and digits (so generated relation ids cannot collide). */
export const arbRegionId = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);

/** A pixel coordinate. */
export const arbPixel = fc.double({ min: -1000, max: 5000, noNaN: true, noDefaultInfinity: true });
/** A positive pixel length. */
export const arbSide = fc.double({ min: 0.5, max: 4000, noNaN: true, noDefaultInfinity: true });
/** An image size. */
export const arbSize = fc.record({
  width: fc.integer({ min: 1, max: 8000 }),
  height: fc.integer({ min: 1, max: 8000 }),
});
/** A score in 0..1. */
export const arbScore = fc.double({ min: 0, max: 1, noNaN: true });

/** A span `[start, end)` in code points of `text`, with or without its text. */
export function arbSpanValue(
  text: string,
  labels: readonly string[],
): fc.Arbitrary<{ start: number; end: number; labels: string[]; text?: string }> {
  const n = codePointLength(text);
  return fc
    .tuple(
      fc.integer({ min: 0, max: n - 1 }),
      fc.integer({ min: 1, max: n }),
      fc.subarray([...labels], { minLength: 1 }),
      fc.boolean(),
    )
    .filter(([a, b]) => a < b)
    .map(([start, end, ls, withText]) => ({
      start,
      end,
      labels: ls,
      ...(withText ? { text: codePointSlice(text, start, end) } : {}),
    }));
}

/** Gives the regions unique ids drawn from `ids` (which must be at least as long). */
export function withIds(regions: Omit<Region, 'id'>[], ids: readonly string[]): Region[] {
  return regions.map((r, i) => ({ ...r, id: ids[i] ?? `r${i}` }) as Region);
}

/** Unique region ids, `n` of them at least. */
export function arbIds(n: number): fc.Arbitrary<string[]> {
  return fc.uniqueArray(arbRegionId, { minLength: n, maxLength: n });
}
