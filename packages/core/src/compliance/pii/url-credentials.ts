/**
 * Credentials embedded in URLs (RFC 3986 userinfo 'user:password@host').
 */

import { ContextWords, contextScore, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

const CONTEXT = new ContextWords(['password', 'passwd', '密码', 'token', 'secret', 'login']);

// scheme://user:password@host — the finding is the 'user:password' part: that is the
// secret, while the host stays useful to reviewers.
const URL_WITH_USERINFO = /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s/?#@:]+:[^\s/?#@]+)@[A-Za-z0-9[]/g;

/**
 * Raw scanner for URL credentials (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanUrlCredentials(scanInput('https://u:p@h'))[0]?.entity // 'URL_CREDENTIALS'
 */
export function scanUrlCredentials(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  const out: RawFinding[] = [];
  // Every match holds '://' and '@': two plain searches skip the regex, which starts at every
  // word, on the texts without them (nearly all).
  if (!s.includes('://') || !s.includes('@')) return out;
  for (const m of s.matchAll(URL_WITH_USERINFO)) {
    const userinfo = m[1]!;
    const start = m.index + m[0].indexOf('//') + 2;
    const end = start + userinfo.length;
    const context = CONTEXT.find(s, start, end);
    out.push({
      entity: 'URL_CREDENTIALS',
      start,
      end,
      score: contextScore(0.9, 1, context),
      context,
    });
  }
  return out;
}

/**
 * Finds the 'user:password' part of URLs such as 'postgres://app:s3cret@db:5432/x'.
 * Plain URLs without a password are not reported.
 * @example detectUrlCredentials('DSN=postgres://app:s3cret@db.local/x')
 * // [{ entity: 'URL_CREDENTIALS', start: 15, end: 25, text: 'app:s3cret', score: 0.9, context: [] }]
 */
export function detectUrlCredentials(text: string): PiiFinding[] {
  return runScanner(text, scanUrlCredentials);
}
