import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { sliceCodePoints, codePointLength } from './code-points.ts';
import { buildSegments, type SpanMark } from './span-segments.ts';

/** The straightforward O(cuts × spans) definition the sweep must match. */
function naive(
  text: string,
  marks: readonly SpanMark[],
  selection: { start: number; end: number } | null,
  caret: number | null,
) {
  const len = codePointLength(text);
  const clamp = (n: number) => Math.max(0, Math.min(len, Math.floor(n)));
  const cuts = new Set([0, len]);
  for (const m of marks) [m.start, m.end].forEach((x) => cuts.add(clamp(x)));
  if (selection) [selection.start, selection.end].forEach((x) => cuts.add(clamp(x)));
  if (caret !== null) cuts.add(clamp(caret));
  const points = [...cuts].sort((a, b) => a - b);
  const byLength = [...marks].sort((a, b) => b.end - b.start - (a.end - a.start));
  return points.slice(0, -1).map((start, i) => {
    const end = points[i + 1]!;
    const covering = byLength.filter((m) => m.start <= start && m.end >= end && m.start < m.end);
    return {
      start,
      end,
      text: sliceCodePoints(text, start, end),
      spanIds: covering.map((m) => m.id),
      selected:
        selection !== null &&
        selection.start <= start &&
        selection.end >= end &&
        selection.start < selection.end,
      endsSpans: covering.filter((m) => m.end === end).map((m) => m.id),
      startsSpans: covering.filter((m) => m.start === start).map((m) => m.id),
    };
  });
}

describe('buildSegments sweep', () => {
  it('matches the naive definition on random texts, spans, selections and carets', () => {
    const text = fc
      .array(fc.constantFrom('a', ' ', '张', '😀', 'é'), { maxLength: 30 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(
        text,
        fc.array(fc.tuple(fc.nat(32), fc.nat(32)), { maxLength: 8 }),
        fc.option(fc.tuple(fc.nat(32), fc.nat(32))),
        fc.option(fc.nat(32)),
        (t, spans, sel, caret) => {
          // Distinct lengths keep the outermost-first order unambiguous for both versions.
          const marks = spans.map(([a, b], i) => ({
            id: `m${i}`,
            start: Math.min(a, b),
            end: Math.max(a, b) + i * 40,
          }));
          const selection = sel ? { start: Math.min(...sel), end: Math.max(...sel) } : null;
          expect(buildSegments(t, marks, selection, caret)).toEqual(
            naive(t, marks, selection, caret),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('builds 10,000 characters with 500 spans quickly', () => {
    const text = 'lorem ipsum dolor amet '.repeat(435).slice(0, 10_000);
    const marks = Array.from({ length: 500 }, (_, i) => ({
      id: `s${i}`,
      start: i * 20,
      end: i * 20 + 5,
    }));
    const t0 = performance.now();
    const segs = buildSegments(text, marks, { start: 6, end: 9 }, 9);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.spanIds.length > 0)).toHaveLength(500);
  });
});
