/**
 * Desensitisation of text: apply one operator per entity to PII findings and keep an offset
 * map between the masked and the original text.
 */

import { toHex, utf8 } from './bytes.ts';
import { codePointLength } from './code-points.ts';
import { hmacSha256 } from './hmac.ts';
import { OffsetMap } from './offset-map.ts';
import type { ReplacedSegment } from './offset-map.ts';
import { canonicalValue, pseudonym } from './pseudonym.ts';
import type { PseudonymStyle } from './pseudonym.ts';
import { sha256Hex } from './sha256.ts';

/** What to do with a value. */
export type Operator =
  /** Mask letters and digits with `char`, keeping `head` and `tail` of them (separators stay). */
  | { type: 'mask'; head?: number; tail?: number; char?: string }
  /** Consistent stand-in under the project key (see `pseudonym`). */
  | { type: 'pseudonym'; style?: PseudonymStyle }
  /**
   * SHA-256 hex of the canonical value, cut to `length` hex digits. Phone and ID numbers
   * are few enough to hash them all: set `keyed` (HMAC with the project key) unless the
   * hash must match across projects.
   */
  | { type: 'hash'; length?: number; keyed?: boolean }
  /** Replace by `replacement` (default '[REDACTED]'; '' removes the value). */
  | { type: 'redact'; replacement?: string };

/** Operator per entity name; '*' applies to entities not listed. Unlisted entities stay. */
export type RedactionPolicy = Readonly<Record<string, Operator>>;

/** The part of a finding that redaction needs (a `PiiFinding` fits). */
export interface RedactableFinding {
  entity: string;
  start: number;
  end: number;
  text?: string;
}

/** Result of {@link applyOperators}. */
export interface RedactionResult {
  text: string;
  offsetMap: OffsetMap;
}

/**
 * A reasonable starting policy: identifiers masked the way Chinese services print them
 * (110***********1234, 138****5678), names pseudonymised, secrets removed.
 * @example applyOperators(text, detectPii(text), DEFAULT_REDACTION_POLICY, projectKey)
 */
export const DEFAULT_REDACTION_POLICY: RedactionPolicy = {
  CN_RESIDENT_ID: { type: 'mask', head: 3, tail: 4 },
  CN_MOBILE: { type: 'mask', head: 3, tail: 4 },
  CN_LANDLINE: { type: 'mask', head: 3, tail: 2 },
  BANK_CARD: { type: 'mask', head: 6, tail: 4 },
  US_SSN: { type: 'mask', tail: 4 },
  EMAIL: { type: 'pseudonym' },
  IP_ADDRESS: { type: 'pseudonym' },
  URL_CREDENTIALS: { type: 'redact' },
  CN_PERSON: { type: 'pseudonym' },
  PERSON: { type: 'pseudonym' },
  '*': { type: 'mask' },
};

/**
 * Masks letters and digits of `value` (by code point), keeping `head` leading and `tail`
 * trailing ones; other characters (spaces, dashes) stay so the layout is kept. When head
 * plus tail would show every character, everything is masked.
 * @example maskValue('110105194912310021', 3, 4) // '110***********0021'
 */
export function maskValue(value: string, head = 0, tail = 0, char = '*'): string {
  if (!Number.isInteger(head) || !Number.isInteger(tail) || head < 0 || tail < 0) {
    throw new RangeError(`mask head/tail must be non-negative integers, got ${head}/${tail}`);
  }
  if (codePointLength(char) !== 1)
    throw new RangeError(`mask char must be one character, got "${char}"`);
  const chars = Array.from(value);
  const maskable = chars.filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  const showAll = head + tail >= maskable;
  let seen = 0;
  return chars
    .map((c) => {
      if (!/[\p{L}\p{N}]/u.test(c)) return c;
      const i = seen++;
      const keep = !showAll && (i < head || i >= maskable - tail);
      return keep ? c : char;
    })
    .join('');
}

function applyOne(op: Operator, entity: string, value: string, key: Uint8Array): string {
  switch (op.type) {
    case 'mask':
      return maskValue(value, op.head, op.tail, op.char);
    case 'pseudonym':
      return pseudonym(entity, value, key, op.style);
    case 'hash': {
      const length = op.length ?? 64;
      if (!Number.isInteger(length) || length < 8 || length > 64) {
        throw new RangeError(`hash length must be an integer in 8..64, got ${length}`);
      }
      const canon = utf8(`${entity}\u0000${canonicalValue(entity, value)}`);
      if (op.keyed && key.length === 0)
        throw new Error('a keyed hash needs a non-empty project key');
      const hex = op.keyed ? toHex(hmacSha256(key, canon)) : sha256Hex(canon);
      return hex.slice(0, length);
    }
    case 'redact':
      return op.replacement ?? '[REDACTED]';
    default:
      throw new TypeError(`unknown operator ${JSON.stringify(op)}`);
  }
}

function checkFindings(
  text: string,
  findings: readonly RedactableFinding[],
  len: number,
): RedactableFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || a.end - b.end);
  const chars = Array.from(text);
  sorted.forEach((f, i) => {
    if (
      !Number.isInteger(f.start) ||
      !Number.isInteger(f.end) ||
      f.start < 0 ||
      f.end <= f.start ||
      f.end > len
    ) {
      throw new RangeError(
        `finding ${f.entity} [${f.start}, ${f.end}) is not a non-empty span of the text (0..${len})`,
      );
    }
    const prev = sorted[i - 1];
    if (prev && prev.end > f.start) {
      throw new RangeError(
        `findings overlap: ${prev.entity} [${prev.start}, ${prev.end}) and ${f.entity} [${f.start}, ${f.end}); resolve overlaps first`,
      );
    }
    const actual = chars.slice(f.start, f.end).join('');
    if (f.text !== undefined && f.text !== actual) {
      throw new RangeError(
        `finding ${f.entity} [${f.start}, ${f.end}) says "${f.text}" but the text has "${actual}"`,
      );
    }
  });
  return sorted;
}

/**
 * Applies `policy` to the `findings` of `text` (code-point spans, e.g. from `detectPii`) and
 * returns the masked text with an offset map between both texts. `key` is the project's
 * secret for pseudonyms and keyed hashes (string = UTF-8).
 * Throws on overlapping or out-of-range findings, or a finding whose text does not match.
 * @example
 * const { text, offsetMap } = applyOperators('手机13812345678', detectPii('手机13812345678'),
 *   { CN_MOBILE: { type: 'mask', head: 3, tail: 4 } }, key);
 * // text === '手机138****5678'; offsetMap.toOriginal(2, 13) => { start: 2, end: 13 }
 */
export function applyOperators(
  text: string,
  findings: readonly RedactableFinding[],
  policy: RedactionPolicy,
  key: Uint8Array | string,
): RedactionResult {
  const k = typeof key === 'string' ? utf8(key) : key;
  const chars = Array.from(text);
  const sorted = checkFindings(text, findings, chars.length);
  const segments: ReplacedSegment[] = [];
  let out = '';
  let outLen = 0;
  let pos = 0;
  for (const f of sorted) {
    const op = policy[f.entity] ?? policy['*'];
    if (!op) continue;
    const before = chars.slice(pos, f.start).join('');
    out += before;
    outLen += f.start - pos;
    const replacement = applyOne(op, f.entity, chars.slice(f.start, f.end).join(''), k);
    const rLen = codePointLength(replacement);
    segments.push({ original: [f.start, f.end], masked: [outLen, outLen + rLen] });
    out += replacement;
    outLen += rLen;
    pos = f.end;
  }
  out += chars.slice(pos).join('');
  outLen += chars.length - pos;
  return { text: out, offsetMap: new OffsetMap(segments, chars.length, outLen) };
}
