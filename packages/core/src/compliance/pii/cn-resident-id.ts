/**
 * Chinese resident identity card numbers (居民身份证号码): the 18-character GB 11643-1999
 * form and the legacy 15-digit form.
 */

import { isValidCnResidentId, isValidLegacyCnResidentId } from './checksums.ts';
import { ContextWords, contextScore, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

const CONTEXT = new ContextWords([
  '身份证',
  '身份证号',
  '身份证号码',
  '公民身份号码',
  '证件号',
  '证件号码',
  '身份号码',
  'id card',
  'id number',
  'identity',
  'resident id',
]);

// Not part of a longer run of digits or letters.
const CANDIDATE = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/**
 * Raw scanner for resident IDs (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanCnResidentId(scanInput('11010519491231002X'))[0]?.entity // 'CN_RESIDENT_ID'
 */
export function scanCnResidentId(input: ScanInput): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of input.normalized.matchAll(CANDIDATE)) {
    const id = m[1]!;
    const start = m.index;
    const end = start + id.length;
    const valid = id.length === 18 ? isValidCnResidentId(id) : isValidLegacyCnResidentId(id);
    if (!valid) continue; // most 15- and 18-digit runs are not IDs: skip the context look-up
    const context = CONTEXT.find(input.normalized, start, end);
    if (id.length === 18) {
      // A valid check character leaves a 1-in-11 chance for a random valid-dated number.
      out.push({
        entity: 'CN_RESIDENT_ID',
        start,
        end,
        score: contextScore(0.9, 1, context),
        context,
      });
    } else {
      // No check digit: any 15-digit number with a plausible date matches, so stay modest.
      out.push({
        entity: 'CN_RESIDENT_ID',
        start,
        end,
        score: contextScore(0.4, 0.85, context),
        context,
      });
    }
  }
  return out;
}

/**
 * Finds Chinese resident ID numbers (18-character with check character and birth date, or
 * legacy 15-digit with a valid yyMMdd date). Full-width digits are accepted.
 * @example detectCnResidentIds('身份证：11010519491231002X')
 * // [{ entity: 'CN_RESIDENT_ID', start: 4, end: 22, text: '11010519491231002X', score: 1, context: ['身份证'] }]
 */
export function detectCnResidentIds(text: string): PiiFinding[] {
  return runScanner(text, scanCnResidentId);
}
