/**
 * Chinese vehicle licence plates (GA 36-2018): province abbreviation, issuing-authority
 * letter, then 5 characters, or 6 for new-energy vehicles.
 */

import { ContextWords, contextScore, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

const CONTEXT = new ContextWords([
  '车牌',
  '车牌号',
  '号牌',
  '牌照',
  '车辆',
  '车号',
  'plate',
  'licence plate',
  'license plate',
]);

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
// I and O are not used, to avoid confusion with 1 and 0.
const L = 'A-HJ-NP-Z';
const PLATE = new RegExp(
  `[${PROVINCES}][${L}][·•・ -]?` +
    // new energy, small vehicles: D/F + letter-or-digit + 4 digits; large: 5 digits + D/F
    `(?:[DF][${L}0-9]\\d{4}|\\d{5}[DF]` +
    // ordinary: 5 letters-or-digits; the last may be 挂 (trailer), 学 (learner), 警, 港, 澳
    `|[${L}0-9]{4}[${L}0-9挂学警港澳])(?![A-Za-z0-9])`,
  'g',
);

/**
 * Raw scanner for licence plates (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanCnPlate(scanInput('京A12345'))[0]?.entity // 'CN_LICENSE_PLATE'
 */
export function scanCnPlate(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  const out: RawFinding[] = [];
  for (const m of s.matchAll(PLATE)) {
    const serial = m[0].slice(2).replace(/^[·•・ -]/, '');
    // Ordinary serials carry at most two letters; 'ABCDE' after a province is a word.
    if (serial.length === 5 && (serial.match(/[A-Z]/g) ?? []).length > 2) continue;
    const start = m.index;
    const end = start + m[0].length;
    const context = CONTEXT.find(s, start, end);
    out.push({
      entity: 'CN_LICENSE_PLATE',
      start,
      end,
      score: contextScore(0.7, 0.95, context),
      context,
    });
  }
  return out;
}

/**
 * Finds Chinese licence plates, ordinary ('京A12345', '粤B·1234学') and new-energy
 * ('京AD12345', '沪A12345F').
 * @example detectCnPlates('车牌号：粤B·D12345')
 * // [{ entity: 'CN_LICENSE_PLATE', start: 4, end: 12, text: '粤B·D12345', score: 0.95, context: ['车牌号'] }]
 */
export function detectCnPlates(text: string): PiiFinding[] {
  return runScanner(text, scanCnPlate);
}
