/**
 * Passport numbers. Formats:
 * - CN (China, 2012+ e-passports and older ordinary passports): 'E' or 'G' + 8 digits, or
 *   'E' + a letter other than I/O + 7 digits (issued once the E+8-digit range ran out);
 * - US: 9 digits, or a letter + 8 digits (Next Generation passport, 2021+);
 * - UK: 2 letters + 7 digits (current), or 9 digits (older books; only with context);
 * - IN (India): a letter + 7 digits, first and last digit non-zero;
 * - ES (Spain): 3 letters + 6 digits.
 * IN and ES are included because Presidio publishes test cases for them, so their spans can
 * be checked. Bare digit and letter-digit patterns are common in any text, so without a
 * context word ('passport', '护照') these score low and fall under the default threshold.
 */

import { ContextWords, runScanner } from './scan.ts';
import type { PiiEntity, PiiFinding, RawFinding, ScanInput } from './types.ts';

const GENERIC = new ContextWords(
  [
    '护照',
    '护照号',
    '护照号码',
    'passport',
    'passports',
    'passport#',
    'passport no',
    'passport number',
    'travel document',
    'travel documents',
    // Spanish, French, German, Portuguese: Presidio's Spanish cases say 'pasaporte'.
    'pasaporte',
    'passeport',
    'reisepass',
    'passaporte',
  ],
  32,
  // Spanish puts the word after the number: 'AAA123456 es mi número de pasaporte'.
  32,
);

interface PassportForm {
  entity: PiiEntity;
  re: RegExp;
  base: number;
  withContext: number;
  /** Country words that make the context specific. */
  country: ContextWords;
  /** Only reported when a context word is present. */
  needsContext?: boolean;
}

// Each form is checked on whole candidates; every form is 0-3 letters and 6-9 digits not
// glued to other letters or digits, so one scan finds every candidate (seven scans did).
const form = (src: string, flags = '') => new RegExp(`^(?:${src})$`, flags);
// The scan looks for the digits (the engine skips to a digit; a leading letter class would be
// tried at every letter of English text) and takes up to three letters before them by hand.
const DIGITS = /\d(?<!\d\d)\d{5,8}(?![A-Za-z0-9])/g;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The candidates the old single regex found, `(?<![A-Za-z0-9])[A-Za-z]{0,3}\d{6,9}(?![A-Za-z0-9])`:
 * 0-3 letters then 6-9 digits, glued to no other letter or digit.
 */
function* candidates(s: string): Generator<{ start: number; text: string }> {
  DIGITS.lastIndex = 0;
  for (let m = DIGITS.exec(s); m; m = DIGITS.exec(s)) {
    let start = m.index;
    while (start > 0 && m.index - start < 4 && isLetter(s.charCodeAt(start - 1))) start--;
    const before = start > 0 ? s.charCodeAt(start - 1) : -1;
    if (m.index - start > 3 || isLetter(before) || isDigit(before)) continue;
    yield { start, text: s.slice(start, m.index + m[0].length) };
  }
}

const FORMS: readonly PassportForm[] = [
  {
    entity: 'CN_PASSPORT',
    re: form('(?:[EG]\\d{8}|E[A-HJ-NP-Z]\\d{7})'),
    base: 0.5,
    withContext: 0.9,
    country: new ContextWords(['中国', '中华人民共和国', 'china', 'chinese', 'prc']),
  },
  {
    entity: 'US_PASSPORT',
    re: form('\\d{9}'),
    base: 0.05,
    withContext: 0.45,
    country: new ContextWords(['us', 'u.s.', 'usa', 'united states', 'american', '美国']),
  },
  {
    entity: 'US_PASSPORT',
    re: form('[A-Z]\\d{8}'),
    base: 0.1,
    withContext: 0.45,
    country: new ContextWords(['us', 'u.s.', 'usa', 'united states', 'american', '美国']),
  },
  {
    entity: 'UK_PASSPORT',
    re: form('[A-Z]{2}\\d{7}', 'i'),
    base: 0.1,
    withContext: 0.6,
    country: new ContextWords(['uk', 'british', 'united kingdom', 'hm passport', '英国']),
  },
  {
    entity: 'UK_PASSPORT',
    re: form('\\d{9}'),
    base: 0,
    withContext: 0.45,
    country: new ContextWords(['uk', 'british', 'united kingdom', 'hm passport', '英国']),
    needsContext: true,
  },
  {
    entity: 'IN_PASSPORT',
    re: form('[A-Z][1-9]\\d{5}[1-9]'),
    base: 0.1,
    withContext: 0.5,
    country: new ContextWords(['india', 'indian', '印度']),
  },
  {
    entity: 'ES_PASSPORT',
    re: form('[A-Z]{3}\\d{6}', 'i'),
    base: 0.05,
    withContext: 0.5,
    country: new ContextWords(['spain', 'spanish', 'españa', 'español', 'pasaporte', '西班牙']),
  },
];

/**
 * Raw scanner for passport numbers (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanPassport(scanInput('护照E12345678'))[0]?.entity // 'CN_PASSPORT'
 */
export function scanPassport(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  const out: RawFinding[] = [];
  for (const { start, text } of candidates(s)) {
    const end = start + text.length;
    let generic: string[] | undefined;
    for (const f of FORMS) {
      if (!f.re.test(text)) continue;
      generic ??= GENERIC.find(s, start, end);
      const country = f.country.find(s, start, end);
      if (f.needsContext && generic.length === 0) continue;
      // A country word alone says little ('US' is everywhere); with a passport word it
      // decides between formats that look alike (US and UK both use 9 digits).
      let score = f.base;
      if (generic.length > 0) score = f.withContext + (country.length > 0 ? 0.3 : 0);
      const context = generic.length > 0 ? [...generic, ...country] : [];
      out.push({ entity: f.entity, start, end, score: Math.min(score, 0.95), context });
    }
  }
  return out;
}

/**
 * Finds passport numbers (CN, US, UK, IN, ES formats; see the module comment).
 * @example detectPassports('护照号码：E12345678').filter((f) => f.score >= 0.5)
 * // [{ entity: 'CN_PASSPORT', start: 5, end: 14, text: 'E12345678', score: 0.9, context: ['护照号码'] }]
 */
export function detectPassports(text: string): PiiFinding[] {
  return runScanner(text, scanPassport);
}
