/**
 * Splits a text into render segments at every span, selection and caret boundary, so the
 * text view can draw overlapping spans without touching offsets: each segment knows its
 * code-point range and which spans cover it.
 *
 * @example
 * buildSegments('张三在北京', [{ id: 'r1', start: 3, end: 5 }], null, null)
 * // [{start:0,end:3,text:'张三在',spanIds:[]...}, {start:3,end:5,text:'北京',spanIds:['r1']...}]
 */
import { sliceCodePoints, codePointLength } from './code-points.ts';

/** A span as the text view needs it. */
export interface SpanMark {
  id: string;
  start: number;
  end: number;
}

/** One run of text with the same covering spans and selection state. */
export interface TextSegment {
  start: number;
  end: number;
  text: string;
  /** Covering spans, outermost (longest) first. */
  spanIds: string[];
  selected: boolean;
  /** Spans whose last segment this is (their label chip goes after it). */
  endsSpans: string[];
  /** Spans whose first segment this is (relation arrows attach here). */
  startsSpans: string[];
}

/** Builds the render segments. `selection` and `caret` are code-point offsets. */
export function buildSegments(
  text: string,
  marks: readonly SpanMark[],
  selection: { start: number; end: number } | null,
  caret: number | null,
): TextSegment[] {
  const len = codePointLength(text);
  const cuts = new Set<number>([0, len]);
  for (const m of marks) {
    cuts.add(clamp(m.start, len));
    cuts.add(clamp(m.end, len));
  }
  if (selection) {
    cuts.add(clamp(selection.start, len));
    cuts.add(clamp(selection.end, len));
  }
  if (caret !== null) cuts.add(clamp(caret, len));
  const points = Array.from(cuts).sort((a, b) => a - b);
  const byLength = [...marks].sort((a, b) => b.end - b.start - (a.end - a.start));
  const out: TextSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = byLength.filter((m) => m.start <= start && m.end >= end && m.start < m.end);
    out.push({
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
    });
  }
  return out;
}

/**
 * The innermost span covering code point `cp` (the one a click there should select).
 *
 * @example
 * innermostSpanAt([{id:'a',start:0,end:10},{id:'b',start:2,end:4}], 3) // 'b'
 */
export function innermostSpanAt(marks: readonly SpanMark[], cp: number): string | null {
  let best: SpanMark | null = null;
  for (const m of marks) {
    if (m.start <= cp && cp < m.end && (!best || m.end - m.start < best.end - best.start)) best = m;
  }
  return best?.id ?? null;
}

function clamp(n: number, len: number): number {
  return Math.max(0, Math.min(len, Math.floor(n)));
}
