/**
 * Offset maps between an original text and its redacted form, so a span annotated on the
 * masked text lands on the right characters of the original (and back).
 */

/** One replaced region: original [start, end) became masked [start, end). Code points. */
export interface ReplacedSegment {
  original: readonly [number, number];
  masked: readonly [number, number];
}

/** A span in code points. */
export interface Span {
  start: number;
  end: number;
}

type Side = 'original' | 'masked';

/**
 * Converts code-point spans between the original and the masked text. Outside replaced
 * regions characters correspond one to one; a span end point that falls inside a replaced
 * region snaps outward to that region's edge, so a partial overlap with a redaction covers
 * the whole redacted value on the other side. A span that merely touches a region that was
 * removed (replaced by nothing) does not take it in.
 * @example
 * // 'call 13812345678' masked as 'call [REDACTED]'
 * map.toOriginal(5, 15) // { start: 5, end: 16 }
 * map.toMasked(0, 4) // { start: 0, end: 4 }
 */
export class OffsetMap {
  /**
   * @param segments replaced regions in text order, non-overlapping
   * @param originalLength code points in the original text
   * @param maskedLength code points in the masked text
   */
  constructor(
    readonly segments: readonly ReplacedSegment[],
    readonly originalLength: number,
    readonly maskedLength: number,
  ) {}

  /** Maps a span of the masked text to the original text. */
  toOriginal(start: number, end: number): Span {
    return this.map(start, end, 'masked', 'original');
  }

  /** Maps a span of the original text to the masked text. */
  toMasked(start: number, end: number): Span {
    return this.map(start, end, 'original', 'masked');
  }

  private map(start: number, end: number, from: Side, to: Side): Span {
    const len = from === 'masked' ? this.maskedLength : this.originalLength;
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end < start ||
      end > len
    ) {
      throw new RangeError(`span [${start}, ${end}) is not within the ${from} text (0..${len})`);
    }
    const s = this.point(start, from, to, 'start');
    const e = this.point(end, from, to, 'end');
    // An empty span at a removed region maps to the whole region on the other side.
    return e < s ? { start: e, end: s } : { start: s, end: e };
  }

  private point(p: number, from: Side, to: Side, edge: 'start' | 'end'): number {
    let delta = 0;
    for (const seg of this.segments) {
      const [fs, fe] = seg[from];
      const [ts, te] = seg[to];
      // Strictly inside (or, for an empty region, exactly at it): snap outward.
      if (edge === 'start' ? fs <= p && p < fe : fs < p && p <= fe)
        return edge === 'start' ? ts : te;
      const before = edge === 'start' ? fe <= p : fe < p;
      if (!before) break;
      delta = te - fe;
    }
    return p + delta;
  }
}
