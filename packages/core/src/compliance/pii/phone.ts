/**
 * Telephone numbers outside mainland China (those are `CN_MOBILE` / `CN_LANDLINE`):
 * - international E.164 with a `+` and a country code, grouped or not
 *   (`+1 415 555 0132`, `+44 (20) 7123 4567`, `+33 1 42 68 53 00`);
 * - North American numbers, `(415) 555-0132`, `415-555-0132`, `415.555.0132`, optionally
 *   after a country code and a dash (`1-415-555-0132`, `91-415-555-0132`);
 * - national numbers with a trunk `0` and separators (`09-7625400`, `090-1234-5678`,
 *   `020 7123 4567`).
 * A `+` and eight or more digits is distinctive; the national forms look like other grouped
 * numbers and score just at the default threshold, or below it when nothing but spaces
 * separates the groups. Context words ('phone', 'tel', '电话') raise every form.
 */

import { ContextWords, contextScore, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

const CONTEXT = new ContextWords([
  'phone',
  'phones',
  'telephone',
  'tel',
  'mobile',
  'cell',
  'cellphone',
  'call',
  'fax',
  'whatsapp',
  'contact',
  '电话',
  '手机',
  '联系电话',
  '联系方式',
  '致电',
  '传真',
]);

// One alternation, so the text is walked once: the first alternative that matches at a
// position wins, and the group that matched says which form it is.
const PHONE = new RegExp(
  '(?<![\\w+.\\-/])(?:' +
    // 1: + country code, then up to six groups (one may be in parentheses).
    '(\\+[1-9]\\d{0,2}(?:[ .-]?(?:\\(\\d{1,4}\\)|\\d{1,6})){1,6})' +
    // 2: NANP, optional country code with a dash or '1 ', area code in parentheses or not.
    '|((?:\\d{1,3}-|1 )?(?:\\([2-9]\\d\\d\\) ?|[2-9]\\d\\d([-. ]))[2-9]\\d\\d[-. ]\\d{4})' +
    // 3: national number with a trunk 0 and a dash or space after the area code, then groups
    // of 3-4 digits (an SSN's 078-05-1123 has a 2-digit group).
    '|(0\\d{1,4}([- ])\\d{3,4}(?:\\5?\\d{3,4}))' +
    ')(?![\\w]|[-./]\\d)',
  'g',
);

const digitCount = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
};

/**
 * Raw scanner for international, North American and national phone numbers (used by
 * detectPii). Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanPhoneNumber(scanInput('+1 415 555 0132'))[0]?.entity // 'PHONE_NUMBER'
 */
export function scanPhoneNumber(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  const out: RawFinding[] = [];
  // Every form has a separator or a '+', so a text without them holds none.
  PHONE.lastIndex = 0;
  for (let m = PHONE.exec(s); m; m = PHONE.exec(s)) {
    const text = m[0];
    const n = digitCount(text);
    let base: number;
    if (m[1] !== undefined) {
      // E.164: at most 15 digits; fewer than 8 is a short code or a stray '+1'.
      if (n < 8 || n > 15) continue;
      base = 0.6;
    } else if (m[2] !== undefined) {
      base = text.includes('(') ? 0.5 : m[3] === ' ' ? 0.3 : 0.4;
    } else {
      // 05-12-2024 is a date: a national number has at least 9 digits with its trunk 0.
      if (n < 9 || n > 12) continue;
      base = m[5] === '-' ? 0.35 : 0.2;
    }
    const start = m.index;
    const end = start + text.length;
    const context = CONTEXT.find(s, start, end);
    out.push({
      entity: 'PHONE_NUMBER',
      start,
      end,
      score: contextScore(base, 0.8, context),
      context,
    });
  }
  return out;
}

/**
 * Finds phone numbers outside mainland China: E.164 with `+`, North American and national
 * forms with a trunk 0 (see the module comment for scores).
 * @example detectPhoneNumbers('US: (415) 555-0132')
 * // [{ entity: 'PHONE_NUMBER', start: 4, end: 18, text: '(415) 555-0132', score: 0.5, context: [] }]
 */
export function detectPhoneNumbers(text: string): PiiFinding[] {
  return runScanner(text, scanPhoneNumber);
}
