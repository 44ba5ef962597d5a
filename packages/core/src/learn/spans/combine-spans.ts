import type { ScoredSpan } from './span-tagger.ts';

/**
 * Union of two span predictions where `primary` wins: every primary span is kept, and a
 * secondary span is added only where it overlaps no primary span (nor an already added
 * secondary span). `combineSpans(tagger, gazetteer)` lets the gazetteer fill what the tagger
 * missed; `combineSpans(gazetteer, tagger)` trusts known entities over the tagger's
 * boundaries. The result is sorted by start and never overlaps if the inputs do not.
 *
 * @example
 * ```ts
 * combineSpans(tagger.predict(text), gazetteer.match(text));
 * ```
 */
export function combineSpans(
  primary: readonly ScoredSpan[],
  secondary: readonly ScoredSpan[],
): ScoredSpan[] {
  const out = [...primary];
  const taken = (s: ScoredSpan) => out.some((p) => s.start < p.end && p.start < s.end);
  for (const s of secondary) if (!taken(s)) out.push(s);
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
