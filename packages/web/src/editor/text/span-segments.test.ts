import { describe, it, expect } from 'vitest';
import { buildSegments, innermostSpanAt } from './span-segments.ts';

describe('buildSegments', () => {
  it('cuts at span edges with code-point offsets (emoji and Chinese)', () => {
    const text = '😀张三在北京';
    const segs = buildSegments(
      text,
      [
        { id: 'per', start: 1, end: 3 },
        { id: 'loc', start: 4, end: 6 },
      ],
      null,
      null,
    );
    expect(segs.map((s) => s.text)).toEqual(['😀', '张三', '在', '北京']);
    expect(segs[1]).toMatchObject({
      start: 1,
      end: 3,
      spanIds: ['per'],
      endsSpans: ['per'],
      startsSpans: ['per'],
    });
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });

  it('handles overlapping spans and a selection', () => {
    const segs = buildSegments(
      'abcdef',
      [
        { id: 'long', start: 0, end: 4 },
        { id: 'short', start: 2, end: 3 },
      ],
      { start: 3, end: 5 },
      null,
    );
    expect(segs.map((s) => [s.text, s.spanIds.join(','), s.selected])).toEqual([
      ['ab', 'long', false],
      ['c', 'long,short', false],
      ['d', 'long', true],
      ['e', '', true],
      ['f', '', false],
    ]);
  });

  it('adds a cut at the caret so the caret can be drawn between segments', () => {
    expect(buildSegments('abc', [], null, 1).map((s) => s.start)).toEqual([0, 1]);
    expect(buildSegments('', [], null, 0)).toEqual([]);
  });
});

describe('innermostSpanAt', () => {
  it('prefers the shortest covering span', () => {
    const marks = [
      { id: 'a', start: 0, end: 10 },
      { id: 'b', start: 2, end: 4 },
    ];
    expect(innermostSpanAt(marks, 3)).toBe('b');
    expect(innermostSpanAt(marks, 5)).toBe('a');
    expect(innermostSpanAt(marks, 10)).toBeNull();
  });
});
