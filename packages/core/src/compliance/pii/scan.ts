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

/**
 * Converts raw UTF-16 findings to public ones: code-point offsets and the original slice.
 * @example toFindings(scanInput('😀a'), [{ entity: 'EMAIL', start: 2, end: 3, score: 1, context: [] }])[0].start // 1
 */
export function toFindings(input: ScanInput, raw: readonly RawFinding[]): PiiFinding[] {
  if (raw.length === 0) return [];
  const cp = codePointIndex(input.original);
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
    const windowText = normalized.slice(from, start) + ' \u0000 ' + normalized.slice(end, to);
    const found: string[] = [];
    for (const m of windowText.matchAll(this.re)) {
      const w = this.canonical.get(m[0].toLowerCase()) ?? m[0];
      if (!found.includes(w)) found.push(w);
    }
    return found;
  }
}

/**
 * The score for a match: `base` without context, `boosted` when context words were found.
 * @example contextScore(0.4, 0.85, ['身份证']) // 0.85
 */
export function contextScore(base: number, boosted: number, context: readonly string[]): number {
  return context.length > 0 ? Math.max(base, boosted) : base;
}
