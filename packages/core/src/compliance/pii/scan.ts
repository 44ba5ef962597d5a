/**
 * Plumbing shared by the detectors: width normalisation in, code-point findings out, and
 * context-word scoring.
 */

import { codePointIndex } from '../code-points.ts';
import { normalizeWidth } from '../normalize.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

/**
 * Builds the scan input for `text`.
 * @example scanInput('１３８').normalized // '138'
 */
export function scanInput(text: string): ScanInput {
  if (typeof text !== 'string') throw new TypeError('PII detection needs a string');
  return { original: text, normalized: normalizeWidth(text) };
}

const SURROGATE = /[\ud800-\udfff]/;
const HAN = /[\u4e00-\u9fff]/;

/**
 * Whether `s` holds a CJK unified ideograph. Chinese names and addresses always do (every
 * surname and every address suffix is one), so their scanners skip text without one: their
 * labels include English words ('address', 'name'), which on English text would start a
 * match attempt at every 'a' or 'n'.
 * @example hasHan('Dear John') // false
 */
export function hasHan(s: string): boolean {
  return HAN.test(s);
}
const IDENTITY = { toCodePoint: (unit: number) => unit };

/**
 * Converts raw UTF-16 findings to public ones: code-point offsets and the original slice.
 * @example toFindings(scanInput('😀a'), [{ entity: 'EMAIL', start: 2, end: 3, score: 1, context: [] }])[0].start // 1
 */
export function toFindings(input: ScanInput, raw: readonly RawFinding[]): PiiFinding[] {
  if (raw.length === 0) return [];
  // Without surrogate pairs, UTF-16 and code-point offsets are the same: skip the index.
  const cp = SURROGATE.test(input.original) ? codePointIndex(input.original) : IDENTITY;
  return raw.map((f) => ({
    entity: f.entity,
    start: cp.toCodePoint(f.start),
    end: cp.toCodePoint(f.end),
    text: input.original.slice(f.start, f.end),
    score: Math.round(f.score * 1000) / 1000,
    context: f.context,
  }));
}

/**
 * Runs a raw scanner on a plain string and returns public findings.
 * @example runScanner('a@b.cn', scanEmail)[0].entity // 'EMAIL'
 */
export function runScanner(text: string, scan: (input: ScanInput) => RawFinding[]): PiiFinding[] {
  const input = scanInput(text);
  return toFindings(input, sortRaw(scan(input)));
}

/** Sorts raw findings by start, then longer first. */
function sortRaw(raw: RawFinding[]): RawFinding[] {
  return raw.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Finds which of some context words occur near a span (see the constructor for an example). ASCII words match case-insensitively
 * on word boundaries ('id' does not fire inside 'valid'); CJK words match as substrings,
 * since Chinese has no spaces.
 */
export class ContextWords {
  private readonly re: RegExp;
  private readonly canonical: Map<string, string>;

  /**
   * @param words the context words (e.g. ['身份证', 'id card'])
   * @param before UTF-16 units scanned before the span
   * @param after UTF-16 units scanned after the span
   * @example new ContextWords(['手机']).find(scanInput('手机13812345678').normalized, 2, 13) // ['手机']
   */
  constructor(
    words: readonly string[],
    private readonly before = 32,
    private readonly after = 16,
  ) {
    const sorted = [...words].sort((a, b) => b.length - a.length);
    const parts = sorted.map((w) => {
      const esc = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pre = /^[a-z0-9]/i.test(w) ? '(?<![a-z0-9])' : '';
      const post = /[a-z0-9]$/i.test(w) ? '(?![a-z0-9])' : '';
      return pre + esc + post;
    });
    this.re = new RegExp(parts.join('|'), 'gi');
    this.canonical = new Map(words.map((w) => [w.toLowerCase(), w]));
  }

  /** Context words found around [start, end) of `normalized`, each once, in text order. */
  find(normalized: string, start: number, end: number): string[] {
    const from = Math.max(0, start - this.before);
    const to = Math.min(normalized.length, end + this.after);
    // The text before and after the span are searched separately (no concatenated window
    // to build and flatten per finding): a word cannot straddle the span, and the span's
    // edges count as word boundaries, as the ends of each piece do.
    const found: string[] = [];
    this.collect(normalized.slice(from, start), found);
    this.collect(normalized.slice(end, to), found);
    return found;
  }

  private collect(piece: string, found: string[]): void {
    if (piece.length === 0) return;
    this.re.lastIndex = 0;
    for (let m = this.re.exec(piece); m; m = this.re.exec(piece)) {
      const w = this.canonical.get(m[0].toLowerCase()) ?? m[0];
      if (!found.includes(w)) found.push(w);
    }
  }
}

/**
 * The score for a match: `base` without context, `boosted` when context words were found.
 * @example contextScore(0.4, 0.85, ['身份证']) // 0.85
 */
export function contextScore(base: number, boosted: number, context: readonly string[]): number {
  return context.length > 0 ? Math.max(base, boosted) : base;
}

/**
 * A regex of literal alternatives (field labels, province names) run only where one of them
 * can start: a table of first characters and a set of first pairs are checked in a plain loop,
 * and a sticky copy of the regex runs at those positions (the pair matters for English labels
 * such as 'name' in a case-insensitive scan: every 'n' of English text would start one). Irregexp tries a long alternation of CJK words at every
 * position of a text; this gives the same matches as a global scan at a fraction of the cost.
 * @example new LiteralScanner('地址|住址', '', ['地址', '住址']).matchAll('住址：x')[0]?.index // 0
 */
export class LiteralScanner {
  private readonly first = new Uint8Array(0x10000);
  /** First two characters (ASCII letters folded when case-insensitive) of the words. */
  private readonly pairs = new Set<number>();
  private readonly re: RegExp;
  private readonly fold: boolean;

  /**
   * @param source the regex source; every match must start with one of `words`
   * @param flags regex flags ('i' allowed; 'g' and 'y' are implied)
   * @param words the literal alternatives (their first two characters are what is looked for)
   */
  constructor(source: string, flags: string, words: readonly string[]) {
    this.fold = flags.includes('i');
    for (const w of words) {
      // A one-character word, or one whose first two characters fold beyond ASCII, is tried
      // wherever its first character is (2); the others only where their first pair is (1).
      const firsts = this.fold ? new Set([w[0]!.toLowerCase(), w[0]!.toUpperCase()]) : [w[0]!];
      const pairKnown = w.length >= 2 && (!this.fold || [...w.slice(0, 2)].every(asciiFolds));
      for (const c of firsts)
        this.first[c.charCodeAt(0)] = pairKnown ? this.first[c.charCodeAt(0)] || 1 : 2;
      if (pairKnown) this.pairs.add(this.pair(w.charCodeAt(0), w.charCodeAt(1)));
    }
    this.re = new RegExp(source, flags.replace(/[gy]/g, '') + 'y');
  }

  private pair(a: number, b: number): number {
    if (this.fold) {
      if (a >= 65 && a <= 90) a |= 32;
      if (b >= 65 && b <= 90) b |= 32;
    }
    return a * 0x10000 + b;
  }

  /** The matches a global scan of `s` would give, in text order. */
  matchAll(s: string): RegExpExecArray[] {
    const out: RegExpExecArray[] = [];
    for (let i = 0; i < s.length; i++) {
      const f = this.first[s.charCodeAt(i)];
      if (f === 0) continue;
      if (f === 1 && !this.pairs.has(this.pair(s.charCodeAt(i), s.charCodeAt(i + 1)))) continue;
      this.re.lastIndex = i;
      const m = this.re.exec(s);
      if (!m) continue;
      out.push(m);
      if (m[0].length > 0) i += m[0].length - 1;
    }
    return out;
  }
}

/** Whether case-insensitive matching of `c` is ASCII folding alone (or no folding at all). */
function asciiFolds(c: string): boolean {
  return /^[A-Za-z]$/.test(c) || c.toLowerCase() === c.toUpperCase();
}
