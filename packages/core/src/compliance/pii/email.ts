/**
 * E-mail addresses.
 */

import { ContextWords, contextScore, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

const CONTEXT = new ContextWords(['邮箱', '邮件', '电邮', 'email', 'e-mail', 'mail']);

// Local part: dot-atom without leading, trailing or doubled dots. Domain: LDH labels of at
// most 63 characters and an alphabetic or punycode (xn--) top-level label.
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const EMAIL = new RegExp(
  `(?<![A-Za-z0-9._%+-])[A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*@(?:${LABEL}\\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{2,59})(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`,
  'g',
);

/** [A-Za-z0-9._%+-] */
function isLocalChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 46 ||
    c === 95 ||
    c === 37 ||
    c === 43 ||
    c === 45
  );
}

/**
 * Raw scanner for e-mail addresses (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanEmail(scanInput('a@b.cn'))[0]?.entity // 'EMAIL'
 */
export function scanEmail(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  const out: RawFinding[] = [];
  // Start the pattern only at the local part before each '@', not at every word: the same
  // matches (an address's local part is the whole run of local-part characters before its
  // '@', capped here at 256), at a fraction of the cost on text with few addresses.
  let from = 0;
  for (let at = s.indexOf('@'); at >= 0; at = s.indexOf('@', Math.max(at + 1, from))) {
    let p = at;
    while (p > from && at - p < 256 && isLocalChar(s.charCodeAt(p - 1))) p--;
    EMAIL.lastIndex = p;
    const m = EMAIL.exec(s);
    if (!m) break;
    from = m.index + m[0].length;
    const start = m.index;
    const end = start + m[0].length;
    // 'scheme://user:pass@host' is URL userinfo, reported by the URL-credentials detector.
    if (/:\/\/[^\s/?#@]*$/.test(s.slice(Math.max(0, start - 256), start))) continue;
    const context = CONTEXT.find(s, start, end);
    out.push({ entity: 'EMAIL', start, end, score: contextScore(0.9, 1, context), context });
  }
  return out;
}

/**
 * Finds e-mail addresses (ASCII and punycode domains; full-width ＠ and ． accepted).
 * @example detectEmails('邮箱：zhang.san@example.com')
 * // [{ entity: 'EMAIL', start: 3, end: 24, text: 'zhang.san@example.com', score: 1, context: ['邮箱'] }]
 */
export function detectEmails(text: string): PiiFinding[] {
  return runScanner(text, scanEmail);
}
