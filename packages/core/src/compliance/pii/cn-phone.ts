/**
 * Chinese mainland telephone numbers: mobile (1[3-9]x, 11 digits) and landline (area code
 * 0xx / 0xxx with a 7-8 digit local number).
 */

import { ContextWords, contextScore, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

const CONTEXT = new ContextWords([
  '电话',
  '手机',
  '手机号',
  '联系方式',
  '联系电话',
  '致电',
  '拨打',
  '座机',
  '固话',
  '传真',
  '微信',
  'phone',
  'mobile',
  'tel',
  'cell',
  'call',
  'fax',
]);

// +86 / 0086 / (+86) prefix, then 3-4-4 digits with one separator style used throughout
// (the back-reference \2), so '138 1234-5678' style mixtures still match but
// '138 12345678 9' does not run into the next number.
const MOBILE = /(?<![\d+])((?:(?:\+|00)86[ -]?|\(\+?86\) ?)?)1[3-9]\d([ -]?)\d{4}\2\d{4}(?![\d])/g;

// Area codes: 010 and 02x are followed by 8-digit numbers, 0[3-9]xx by 7-8 digits. The
// international form drops the leading 0 (+86 10 xxxxxxxx).
const LANDLINE =
  /(?<![\d+])(?:(?:\+|00)86[ -]?(?:10|2\d|[3-9]\d\d)|\(0(?:10|2\d|[3-9]\d\d)\)|0(?:10|2\d|[3-9]\d\d))[ -]?[2-9]\d{2,3}[ -]?\d{4}(?![\d])/g;

/**
 * Raw scanner for Chinese mobile and landline numbers (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanCnPhone(scanInput('13812345678'))[0]?.entity // 'CN_MOBILE'
 */
export function scanCnPhone(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  const out: RawFinding[] = [];
  for (const m of s.matchAll(MOBILE)) {
    const start = m.index;
    const end = start + m[0].length;
    const context = CONTEXT.find(s, start, end);
    // A country prefix makes a phone number near certain; a bare 11-digit number could be
    // an order number.
    const base = m[1] ? 0.9 : 0.7;
    out.push({
      entity: 'CN_MOBILE',
      start,
      end,
      score: contextScore(base, 0.95, context),
      context,
    });
  }
  for (const m of s.matchAll(LANDLINE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!plausibleLandline(m[0].replace(/\D/g, ''))) continue;
    const context = CONTEXT.find(s, start, end);
    const base = /[ ()-]/.test(m[0]) ? 0.5 : 0.3;
    out.push({
      entity: 'CN_LANDLINE',
      start,
      end,
      score: contextScore(base, 0.85, context),
      context,
    });
  }
  return out;
}

// 010 / 02x areas have 8-digit local numbers; the rest 7 or 8.
function plausibleLandline(digits: string): boolean {
  const national = digits.replace(/^(?:0086|86)/, '0');
  const bigCity = /^0(?:10|2\d)/.test(national);
  const localLen = national.length - (bigCity ? 3 : 4);
  return bigCity ? localLen === 8 : localLen === 7 || localLen === 8;
}

/**
 * Finds Chinese mobile numbers (with +86 / 0086 and space or dash separators) and landlines.
 * @example detectCnPhones('手机：+86 138-1234-5678')
 * // [{ entity: 'CN_MOBILE', start: 3, end: 20, text: '+86 138-1234-5678', score: 0.95, context: ['手机'] }]
 */
export function detectCnPhones(text: string): PiiFinding[] {
  return runScanner(text, scanCnPhone);
}
