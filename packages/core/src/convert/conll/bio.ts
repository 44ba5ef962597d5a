import { ConvertError } from '../errors.ts';
import type { Where } from '../errors.ts';
import type { Token } from './tokenize.ts';

/**
 * Span <-> tag sequences. BIO is IOB2 (`B-` begins every entity); BIOES adds `E-` (end) and
 * `S-` (single-token entity). Reading is lenient the usual way: an `I-` that does not
 * continue an entity of the same type starts one (IOB1 files read correctly), and `L-`/`U-`
 * (BILOU) are read as `E-`/`S-`.
 */

/** A tagging scheme. */
export type BioScheme = 'BIO' | 'BIOES';

/** A span over tokens: `[first, last]` token indexes and a label. */
export type TokenSpan = { first: number; last: number; label: string };

/**
 * Tags for tokens from token spans (which must not overlap).
 *
 * @example
 * spansToTags(3, [{ first: 0, last: 1, label: 'PER' }], 'BIOES'); // ['B-PER', 'E-PER', 'O']
 */
export function spansToTags(
  count: number,
  spans: readonly TokenSpan[],
  scheme: BioScheme,
): string[] {
  const tags: string[] = new Array<string>(count).fill('O');
  for (const s of spans) {
    for (let i = s.first; i <= s.last; i++) {
      let prefix = i === s.first ? 'B' : 'I';
      if (scheme === 'BIOES')
        prefix = s.first === s.last ? 'S' : i === s.first ? 'B' : i === s.last ? 'E' : 'I';
      tags[i] = `${prefix}-${s.label}`;
    }
  }
  return tags;
}

/**
 * Token spans from tags. An unknown tag (not `O` and not `B-`, `I-`, `E-`, `S-`, `L-`, `U-`
 * followed by a label) is an error naming its position via `whereOf`.
 *
 * @example
 * tagsToSpans(['B-PER', 'I-PER', 'O', 'S-LOC'], () => ({})); // [{ first: 0, last: 1, label: 'PER' }, { first: 3, last: 3, label: 'LOC' }]
 */
export function tagsToSpans(tags: readonly string[], whereOf: (i: number) => Where): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | undefined;
  tags.forEach((tag, i) => {
    if (tag === 'O') {
      open = undefined;
      return;
    }
    const m = /^([BIESLU])-(.+)$/.exec(tag);
    if (!m?.[1] || !m[2])
      throw new ConvertError(whereOf(i), `"${tag}" is not a BIO/BIOES tag (O, B-X, I-X, E-X, S-X)`);
    const prefix = m[1];
    const label = m[2];
    const continues =
      open !== undefined &&
      open.label === label &&
      open.last === i - 1 &&
      (prefix === 'I' || prefix === 'E' || prefix === 'L');
    if (continues && open) open.last = i;
    else {
      open = { first: i, last: i, label };
      spans.push(open);
    }
    if (prefix === 'E' || prefix === 'L' || prefix === 'S' || prefix === 'U') open = undefined;
  });
  return spans;
}

/**
 * Token spans of character spans (code points) over tokens whose boundaries include every
 * span start and end; undefined for a span that covers no token.
 *
 * @example
 * toTokenSpan({ start: 0, end: 3 }, [{ text: 'Rex', start: 0, end: 3 }]); // { first: 0, last: 0 }
 */
export function toTokenSpan(
  span: { start: number; end: number },
  tokens: readonly Token[],
): { first: number; last: number } | undefined {
  const first = tokens.findIndex((t) => t.start >= span.start && t.end <= span.end);
  if (first < 0) return undefined;
  let last = first;
  while (last + 1 < tokens.length && (tokens[last + 1]?.end ?? Infinity) <= span.end) last++;
  return { first, last };
}
