import { codePointLength, codePointSlice } from './codepoints.ts';
import type { Control } from './control.ts';
import type { RawIssue } from './issues.ts';
import type { RegionOfType } from './region.ts';

type Span = RegionOfType<'span'>;

/** Shortens a quoted excerpt so one long text does not flood the message. */
function excerpt(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

/**
 * Checks a span against the text it labels: it ends within the text (in code points), and its
 * `text`, when given, is what the offsets cover. When the text matches only if the offsets are
 * read as UTF-16 units, the message says so: that is the usual bug of a JavaScript exporter.
 *
 * @example
 * checkSpanText(span, 3, 'text', '北京😀');
 * // [{ path: ['regions', 3, 'value', 'end'], message: 'end 5 is past the end of field ...' }]
 */
export function checkSpanText(span: Span, index: number, field: string, text: string): RawIssue[] {
  const { start, end } = span.value;
  const length = codePointLength(text);
  if (end > length) {
    const hint = end <= text.length ? ' (offsets are code points, not UTF-16 units)' : '';
    return [
      {
        path: ['regions', index, 'value', 'end'],
        message: `end ${end} is past the end of field "${field}" (${length} code points)${hint}`,
      },
    ];
  }
  const claimed = span.value.text;
  if (claimed === undefined) return [];
  const actual = codePointSlice(text, start, end);
  if (claimed === actual) return [];
  const hint =
    text.slice(start, end) === claimed ? ' (offsets are code points, not UTF-16 units)' : '';
  return [
    {
      path: ['regions', index, 'value', 'text'],
      message: `text ${excerpt(claimed)} differs from field "${field}" at [${start}, ${end}): ${excerpt(actual)}${hint}`,
    },
  ];
}

/**
 * Spans of a control that does not allow overlap (`overlap` not true) may not overlap: each
 * span that starts before an earlier one ends is reported.
 *
 * @example
 * checkSpanOverlaps([[0, a], [1, b]], controls); // issue at regions[1].value.start if they overlap
 */
export function checkSpanOverlaps(
  spans: readonly (readonly [number, Span])[],
  controls: ReadonlyMap<string, Control>,
): RawIssue[] {
  const byControl = new Map<string, (readonly [number, Span])[]>();
  for (const entry of spans) {
    const control = controls.get(entry[1].control);
    if (!control || control.overlap === true) continue;
    const list = byControl.get(control.name) ?? [];
    list.push(entry);
    byControl.set(control.name, list);
  }
  const issues: RawIssue[] = [];
  for (const [name, list] of byControl) {
    const sorted = [...list].sort((a, b) => a[1].value.start - b[1].value.start || a[0] - b[0]);
    let last: readonly [number, Span] | undefined;
    for (const entry of sorted) {
      if (last && entry[1].value.start < last[1].value.end) {
        const [i, s] = [entry[0], entry[1].value];
        issues.push({
          path: ['regions', i, 'value', 'start'],
          message: `span [${s.start}, ${s.end}) overlaps regions[${last[0]}] [${last[1].value.start}, ${last[1].value.end}); control "${name}" does not allow overlap (set overlap: true)`,
        });
      }
      if (!last || entry[1].value.end > last[1].value.end) last = entry;
    }
  }
  return issues;
}
