/**
 * Splits a text into render segments at every span, selection and caret boundary, so the
 * text view can draw overlapping spans without touching offsets: each segment knows its
 * code-point range and which spans cover it.
 *
 * @example
 * buildSegments('张三在北京', [{ id: 'r1', start: 3, end: 5 }], null, null)
 * // [{start:0,end:3,text:'张三在',spanIds:[]...}, {start:3,end:5,text:'北京',spanIds:['r1']...}]
 */
import { codePointLength } from './code-points.ts';

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

/** UTF-16 indices of ascending code-point offsets, in one pass over the string. */
function utf16Positions(text: string, cps: readonly number[]): number[] {
  const out: number[] = [];
  let unit = 0;
  let cp = 0;
  for (const target of cps) {
    while (cp < target && unit < text.length) {
      const c = text.charCodeAt(unit);
      const d = c >= 0xd800 && c <= 0xdbff ? text.charCodeAt(unit + 1) : 0;
      unit += d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
      cp++;
    }
    out.push(unit);
  }
  return out;
}

/**
 * Builds the render segments. `selection` and `caret` are code-point offsets.
 * One sweep over the sorted cut points keeps the spans open at each point, so a long text
 * with hundreds of spans costs O(cuts + spans), not O(cuts × spans) (it runs on every key).
 */
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
  const units = utf16Positions(text, points);
  // Longest first, so covering spans come out outermost first, as before.
  const byLength = [...marks]
    .filter((m) => m.start < m.end)
    .sort((a, b) => b.end - b.start - (a.end - a.start));
  const opening = new Map<number, SpanMark[]>();
  for (const m of byLength) {
    const at = clamp(m.start, len);
    opening.set(at, [...(opening.get(at) ?? []), m]);
  }
  const rank = new Map(byLength.map((m, i) => [m, i]));
  let open: SpanMark[] = [];
  const out: TextSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const starting = opening.get(start);
    open = open.filter((m) => clamp(m.end, len) > start);
    if (starting) open = [...open, ...starting].sort((a, b) => rank.get(a)! - rank.get(b)!);
    const covering = open.filter((m) => m.end >= end);
    out.push({
      start,
      end,
      text: text.slice(units[i], units[i + 1]),
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
