/**
 * US Social Security numbers, with the Social Security Administration's never-issued rules.
 */

import { ContextWords, contextScore, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

const CONTEXT = new ContextWords([
  'ssn',
  'ssns',
  'ss#',
  'ssn#',
  'social security #',
  'social security',
  'social security number',
  'social security no',
  '社会安全号',
  '社会保障号',
]);

// Well-formed 3-2-4 with one separator style (strong), then weak forms Presidio also
// reports: 9 bare digits, and one-separator slips such as 078-051121 or 07805-1121.
const FORMS: ReadonlyArray<{ re: RegExp; base: number }> = [
  { re: /(?<![\d.-])\d{3}([- .])\d{2}\1\d{4}(?!\d|\1\d)/g, base: 0.5 },
  { re: /(?<![\d.-])(?:\d{9}|\d{3}-\d{6}|\d{5}-\d{4})(?!\d|[.-]\d)/g, base: 0.05 },
];

// Numbers published in advertising or on sample cards, which the SSA says are void.
const VOID_NUMBERS = new Set(['078051120', '219099999', '123456789']);

/**
 * Whether nine SSN digits could have been issued: area not 000, 666 or 900-999, group not
 * 00, serial not 0000, not all one digit, not a published sample number.
 * @example isPlausibleSsn('078051121') // true
 */
export function isPlausibleSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = Number(digits.slice(0, 3));
  if (area === 0 || area === 666 || area >= 900) return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  if (/^(\d)\1{8}$/.test(digits)) return false;
  return !VOID_NUMBERS.has(digits);
}

/**
 * Raw scanner for US SSNs (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanUsSsn(scanInput('SSN 536-22-1234'))[0]?.entity // 'US_SSN'
 */
export function scanUsSsn(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  const out: RawFinding[] = [];
  for (const { re, base } of FORMS) {
    for (const m of s.matchAll(re)) {
      if (!isPlausibleSsn(m[0].replace(/\D/g, ''))) continue;
      const start = m.index;
      const end = start + m[0].length;
      const context = CONTEXT.find(s, start, end);
      out.push({ entity: 'US_SSN', start, end, score: contextScore(base, 0.85, context), context });
    }
  }
  return out;
}

/**
 * Finds US Social Security numbers.
 * @example detectUsSsns('SSN: 078-05-1123')
 * // [{ entity: 'US_SSN', start: 5, end: 16, text: '078-05-1123', score: 0.85, context: ['ssn'] }]
 */
export function detectUsSsns(text: string): PiiFinding[] {
  return runScanner(text, scanUsSsn);
}
