import {
  isValidCnResidentId,
  isValidDate,
  normalizeWidth,
  type PiiFinding,
} from '@tessera/core/compliance';

/**
 * A resident-ID-shaped number whose GB 11643-1999 check character is wrong. OCR misreads a
 * digit now and then, and people mistype: the number is still someone's ID as far as a
 * reader can tell, so it is reported (and masked), but with a lower score than a valid one.
 */
export interface IdLikeFinding extends PiiFinding {
  entity: 'CN_RESIDENT_ID';
  checksum: 'failed';
}

/** The same context words core's resident-ID detector uses. */
const CONTEXT = [
  '身份证号码',
  '身份证号',
  '身份证',
  '公民身份号码',
  '证件号码',
  '证件号',
  '身份号码',
  'id card',
  'id number',
  'identity',
  'resident id',
];
const BEFORE = 32;
const AFTER = 16;

/** Score of an 18-character ID shape with a real birth date, before context and checksum. */
export const ID_SHAPE_SCORE = 0.5;
/** What context words raise it to. */
export const ID_CONTEXT_SCORE = 0.9;
/** What a failed check character multiplies it by. */
export const ID_CHECKSUM_PENALTY = 0.5;

const CANDIDATE = /(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])/g;

function contextAround(normalized: string, start: number, end: number): string[] {
  const before = normalized.slice(Math.max(0, start - BEFORE), start).toLowerCase();
  const after = normalized.slice(end, end + AFTER).toLowerCase();
  const found: string[] = [];
  for (const w of CONTEXT) {
    const inside = (s: string) =>
      /^[a-z]/.test(w) ? new RegExp(`(?<![a-z0-9])${w}(?![a-z0-9])`).test(s) : s.includes(w);
    // The longest form wins: '身份证号' is not reported again as '身份证'.
    if ((inside(before) || inside(after)) && !found.some((f) => f.includes(w))) found.push(w);
  }
  return found;
}

/**
 * 18-character numbers shaped like a Chinese resident ID (17 digits and a digit or X, a real
 * birth date in 1900..2099) whose check character fails. Score: {@link ID_SHAPE_SCORE}, raised
 * to {@link ID_CONTEXT_SCORE} by context words such as 身份证号, then multiplied by
 * {@link ID_CHECKSUM_PENALTY}: 0.45 with context, 0.25 without (below the default minimum of
 * 0.3, so a bare 18-digit number is not reported). Valid IDs are left to core's `detectPii`.
 * Offsets are code points, as in every PII finding.
 *
 * @example
 * ```ts
 * detectIdLikeNumbers('身份证号 110101199003071234');
 * // [{ entity: 'CN_RESIDENT_ID', checksum: 'failed', start: 5, end: 23, score: 0.45, context: ['身份证号'], ... }]
 * ```
 */
export function detectIdLikeNumbers(text: string): IdLikeFinding[] {
  const normalized = normalizeWidth(text);
  const out: IdLikeFinding[] = [];
  for (const m of normalized.matchAll(CANDIDATE)) {
    const id = m[1]!;
    if (isValidCnResidentId(id)) continue;
    const year = Number(id.slice(6, 10));
    const dated =
      year >= 1900 &&
      year <= 2099 &&
      isValidDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)));
    if (!dated) continue;
    const start = m.index;
    const end = start + id.length;
    const context = contextAround(normalized, start, end);
    const raised = context.length > 0 ? ID_CONTEXT_SCORE : ID_SHAPE_SCORE;
    // normalizeWidth keeps UTF-16 length; offsets turn into code points here.
    const cpStart = Array.from(text.slice(0, start)).length;
    out.push({
      entity: 'CN_RESIDENT_ID',
      checksum: 'failed',
      start: cpStart,
      end: cpStart + Array.from(text.slice(start, end)).length,
      text: text.slice(start, end),
      score: Math.round(raised * ID_CHECKSUM_PENALTY * 1000) / 1000,
      context,
    });
  }
  return out;
}
