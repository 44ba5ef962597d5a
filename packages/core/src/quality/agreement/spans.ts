import { QualityInputError } from '../errors.ts';
import { prfFromCounts, type PrfResult } from './prf.ts';

/** A labelled text span, half-open [start, end) in code-point offsets (docs/FORMAT.md). */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** Span agreement under the two usual matching rules. */
export interface SpanAgreement {
  /** Same start, end and label. */
  readonly exact: PrfResult;
  /** Same label and at least one shared character, one-to-one (largest overlaps first). */
  readonly overlap: PrfResult;
}

/**
 * Span-level P/R/F1 of annotator A against annotator B, exact and overlap (the CoNLL and
 * "partial match" conventions). Duplicate spans count as separate spans on both sides.
 * Empty spans (start = end) and start > end are errors.
 *
 * @example
 * ```ts
 * const r = spanAgreement([{ start: 0, end: 5, label: 'PER' }], [{ start: 0, end: 4, label: 'PER' }]);
 * r.exact.f1.value; // 0
 * r.overlap.f1.value; // 1
 * ```
 */
export function spanAgreement(a: readonly Span[], b: readonly Span[]): SpanAgreement {
  a.forEach((s, i) => checkSpan(s, 'A', i));
  b.forEach((s, i) => checkSpan(s, 'B', i));
  return {
    exact: prfFromCounts(exactMatches(a, b), a.length, b.length),
    overlap: prfFromCounts(overlapMatches(a, b), a.length, b.length),
  };
}

function exactMatches(a: readonly Span[], b: readonly Span[]): number {
  const pool = new Map<string, number>();
  for (const s of b) {
    const key = `${s.start}\u0000${s.end}\u0000${s.label}`;
    pool.set(key, (pool.get(key) ?? 0) + 1);
  }
  let matched = 0;
  for (const s of a) {
    const key = `${s.start}\u0000${s.end}\u0000${s.label}`;
    const left = pool.get(key) ?? 0;
    if (left > 0) {
      pool.set(key, left - 1);
      matched++;
    }
  }
  return matched;
}

function overlapMatches(a: readonly Span[], b: readonly Span[]): number {
  const pairs: { i: number; j: number; len: number }[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const x = a[i]!;
      const y = b[j]!;
      if (x.label !== y.label) continue;
      const len = Math.min(x.end, y.end) - Math.max(x.start, y.start);
      if (len > 0) pairs.push({ i, j, len });
    }
  }
  pairs.sort((p, q) => q.len - p.len || p.i - q.i || p.j - q.j);
  const usedA = new Uint8Array(a.length);
  const usedB = new Uint8Array(b.length);
  let matched = 0;
  for (const p of pairs) {
    if (usedA[p.i] || usedB[p.j]) continue;
    usedA[p.i] = 1;
    usedB[p.j] = 1;
    matched++;
  }
  return matched;
}

function checkSpan(s: Span, who: string, i: number): void {
  if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end <= s.start) {
    throw new QualityInputError(
      'bad_value',
      `span ${i} of annotator ${who}: [${s.start}, ${s.end}) must be non-negative integers with start < end`,
    );
  }
}
