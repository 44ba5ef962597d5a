/**
 * Bank and credit card numbers (PAN): 13-19 digits passing the Luhn check, written
 * contiguously or in groups separated by one consistent space or dash.
 */

import { luhnValid } from './checksums.ts';
import { ContextWords, contextScore, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

const CONTEXT = new ContextWords([
  '卡号',
  '银行卡',
  '信用卡',
  '借记卡',
  '储蓄卡',
  '银联',
  '账号',
  '开户行',
  'card',
  'credit',
  'debit',
  'visa',
  'mastercard',
  'amex',
  'unionpay',
  'account',
]);

// Contiguous digits, 4-4-4-4(-3) groups, Amex 4-6-5, Diners 4-6-4, UnionPay 6-13. A grouped
// number must not continue with its own separator and more digits (it would be longer).
// (Strings, not regex literals: the back-references count groups across all forms.)
// Each form here is written without its first digit: the pattern consumes one digit first
// (see CANDIDATE), which lets the regex engine skip to digits instead of trying every position.
const FORMS = [
  String.raw`\d{12,18}(?![0-9A-Za-z])`,
  String.raw`\d{3}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?(?![0-9A-Za-z]|\1\d)`,
  String.raw`\d{3}([ -])\d{6}\2\d{4,5}(?![0-9A-Za-z]|\2\d)`,
  String.raw`\d{5}([ -])\d{13}(?![0-9A-Za-z]|\3\d)`,
];
// Not glued to letters either: '11010519491231002X' is an ID, not a card plus an X.
// The lookahead (every form is at least 13 digits and separators) skips short numbers at once.
const CANDIDATE = new RegExp(
  String.raw`\d(?<![0-9A-Za-z-]\d)(?=[\d -]{12})(?:${FORMS.join('|')})`,
  'g',
);

// Issuer identification number prefixes of the major networks: Visa 4, Mastercard 51-55
// and 2221-2720, Maestro 50/56-69, UnionPay 62, Discover 6011/644-649/65, Amex 34/37,
// JCB 35, Diners 30/36/38/39.
const KNOWN_IIN = /^(?:4|5|6|3[04-9]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/;

/**
 * Raw scanner for bank card numbers (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanBankCard(scanInput('4111111111111111'))[0]?.entity // 'BANK_CARD'
 */
export function scanBankCard(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  const out: RawFinding[] = [];
  for (const m of s.matchAll(CANDIDATE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) continue;
    // 13-digit numbers starting with 1 are millisecond Unix timestamps (2001..2286), not
    // cards; the same exclusion Presidio makes.
    if (digits.length === 13 && digits.startsWith('1')) continue;
    const start = m.index;
    const end = start + m[0].length;
    const context = CONTEXT.find(s, start, end);
    // Luhn alone passes 1 in 10 random numbers; a known network prefix is further evidence.
    const base = KNOWN_IIN.test(digits) ? 0.8 : 0.5;
    out.push({
      entity: 'BANK_CARD',
      start,
      end,
      score: contextScore(base, 0.95, context),
      context,
    });
  }
  return out;
}

/**
 * Finds card numbers (Luhn-valid, 13-19 digits, optional space/dash groups; UnionPay 62...
 * and the other major networks score higher than an unknown prefix).
 * @example detectBankCards('卡号 6222 0212 3456 7890 128')
 * // [{ entity: 'BANK_CARD', start: 3, end: 26, text: '6222 0212 3456 7890 128', score: 0.95, context: ['卡号'] }]
 */
export function detectBankCards(text: string): PiiFinding[] {
  return runScanner(text, scanBankCard);
}
