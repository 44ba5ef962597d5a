/**
 * Content-safety lexicon: a configurable list of terms matched in one pass (Aho-Corasick)
 * over width-normalised, case-folded text, with Unicode code-point offsets.
 */

import { foldCase, normalizeWidth } from './normalize.ts';

/** A term to look for, with optional metadata passed through to matches. */
export interface LexiconTerm {
  term: string;
  category?: string;
  severity?: number;
}

/** Matching options. */
export interface LexiconOptions {
  /** Match case exactly (default false: case-insensitive). */
  caseSensitive?: boolean;
  /**
   * Require word boundaries where a term meets Latin, Greek or Cyrillic letters or digits
   * (default false). CJK has no spaces between words, so CJK edges never need a boundary.
   */
  wholeWord?: boolean;
  /** 'longest' (default): leftmost-longest, non-overlapping. 'all': every occurrence. */
  overlaps?: 'all' | 'longest';
}

/** One occurrence of a term. */
export interface LexiconMatch {
  /** The term as configured. */
  term: string;
  category?: string;
  severity?: number;
  /** Code-point offsets into the original text. */
  start: number;
  end: number;
  /** The original text of the occurrence. */
  text: string;
}

const SPACED = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}_]/u;

function fold(text: string, caseSensitive: boolean): number[] {
  const n = normalizeWidth(text);
  return Array.from(caseSensitive ? n : foldCase(n), (c) => c.codePointAt(0)!);
}

/**
 * A compiled term list. Build once per configuration, match many texts.
 * @example
 * const lex = new Lexicon([{ term: '赌博', category: 'gambling' }, 'casino']);
 * lex.match('线上ＣＡＳＩＮＯ和赌博')
 * // [{ term: 'casino', start: 2, end: 8, text: 'ＣＡＳＩＮＯ' }, { term: '赌博', category: 'gambling', start: 9, end: 11, text: '赌博' }]
 */
export class Lexicon {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  private readonly terms: LexiconTerm[] = [];
  private readonly lengths: number[] = [];
  private readonly options: Required<LexiconOptions>;

  constructor(terms: ReadonlyArray<string | LexiconTerm>, options: LexiconOptions = {}) {
    this.options = { caseSensitive: false, wholeWord: false, overlaps: 'longest', ...options };
    const seen = new Set<string>();
    terms.forEach((t, i) => {
      const entry = typeof t === 'string' ? { term: t } : t;
      if (typeof entry.term !== 'string' || entry.term.trim() === '') {
        throw new RangeError(`lexicon term ${i} is empty`);
      }
      const cps = fold(entry.term, this.options.caseSensitive);
      const key = String.fromCodePoint(...cps);
      if (seen.has(key)) return; // first definition wins
      seen.add(key);
      this.insert(cps, entry);
    });
    this.link();
  }

  /** Number of distinct terms. */
  get size(): number {
    return this.terms.length;
  }

  private insert(cps: number[], entry: LexiconTerm): void {
    let s = 0;
    for (const c of cps) {
      let t = this.next[s]!.get(c);
      if (t === undefined) {
        t = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.next[s]!.set(c, t);
      }
      s = t;
    }
    this.out[s]!.push(this.terms.length);
    this.terms.push(entry);
    this.lengths.push(cps.length);
  }

  /** Breadth-first failure links; each node's outputs include those of its failure node. */
  private link(): void {
    const queue = [...this.next[0]!.values()];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      for (const [c, t] of this.next[s]!) {
        let f = this.fail[s]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[t] = target !== undefined && target !== t ? target : 0;
        this.out[t]!.push(...this.out[this.fail[t]!]!);
        queue.push(t);
      }
    }
  }

  /** All matches in `text`, in text order (see {@link LexiconOptions.overlaps}). */
  match(text: string): LexiconMatch[] {
    const original = Array.from(text);
    const cps = fold(text, this.options.caseSensitive);
    const found: LexiconMatch[] = [];
    let s = 0;
    cps.forEach((c, i) => {
      while (s !== 0 && !this.next[s]!.has(c)) s = this.fail[s]!;
      s = this.next[s]!.get(c) ?? 0;
      for (const t of this.out[s]!) {
        const start = i + 1 - this.lengths[t]!;
        if (this.options.wholeWord && !this.atBoundary(original, start, i + 1)) continue;
        const { term, category, severity } = this.terms[t]!;
        const m: LexiconMatch = {
          term,
          start,
          end: i + 1,
          text: original.slice(start, i + 1).join(''),
        };
        if (category !== undefined) m.category = category;
        if (severity !== undefined) m.severity = severity;
        found.push(m);
      }
    });
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    if (this.options.overlaps === 'all') return found;
    const kept: LexiconMatch[] = [];
    for (const m of found)
      if (kept.length === 0 || kept[kept.length - 1]!.end <= m.start) kept.push(m);
    return kept;
  }

  private atBoundary(chars: string[], start: number, end: number): boolean {
    const spaced = (i: number) =>
      i >= 0 && i < chars.length && SPACED.test(normalizeWidth(chars[i]!));
    const left = !(spaced(start) && spaced(start - 1));
    const right = !(spaced(end - 1) && spaced(end));
    return left && right;
  }
}
