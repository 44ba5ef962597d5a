import { hashString } from '../hashing.ts';
import { CHAR_TYPE_CODE, charType, type CharType } from '../text/char-type.ts';

/**
 * Hashed features of every position of a text: the ids of position i are
 * `ids[offsets[i] .. offsets[i + 1])`. Computed once per text and reused across epochs.
 *
 * @example
 * ```ts
 * const f = charFeatures(Array.from('王小明在北京'), 2 ** 17);
 * f.offsets.length; // 7
 * ```
 */
export interface PositionFeatures {
  ids: Int32Array;
  offsets: Int32Array;
  length: number;
}

const SALT = 0x5bd1e995;

/** Shape of a Latin token: letter case and digits, runs collapsed ("iPhone15" -> "xXxd"). */
function shape(tok: string): string {
  let out = '';
  for (const ch of tok) {
    const k = /\p{N}/u.test(ch) ? 'd' : ch === ch.toLowerCase() ? 'x' : 'X';
    if (!out.endsWith(k)) out += k;
  }
  return out;
}

/** Extent [a, b) of the Latin/digit token around position i. */
function tokenAround(types: readonly CharType[], i: number): [number, number] {
  const inTok = (t: CharType | undefined) => t === 'latin' || t === 'digit';
  let a = i;
  let b = i + 1;
  while (a > 0 && inTok(types[a - 1])) a--;
  while (b < types.length && inTok(types[b])) b++;
  return [a, b];
}

/** Features of a Latin or digit token: its prefix, suffix, shape, word and place in it. */
function tokenFeatures(chars: readonly string[], types: readonly CharType[], i: number): string[] {
  const [a, b] = tokenAround(types, i);
  const tok = chars.slice(a, b).join('');
  const low = tok.toLowerCase();
  const cps = Array.from(low);
  const place = b - a === 1 ? 'S' : i === a ? 'B' : i === b - 1 ? 'E' : 'I';
  const out = [
    `pre:${cps.slice(0, 3).join('')}`,
    `suf:${cps.slice(-3).join('')}`,
    `shp:${shape(tok)}`,
    `tp:${place}`,
  ];
  if (cps.length <= 20) out.push(`w:${low}`);
  return out;
}

/** The feature strings of position i (padding `^`/`$` outside the text). */
function featureStrings(chars: readonly string[], types: readonly CharType[], i: number): string[] {
  const c = (k: number) => chars[i + k] ?? (i + k < 0 ? '^' : '$');
  const t = (k: number) => {
    const ty = types[i + k];
    return ty ? CHAR_TYPE_CODE[ty] : '_';
  };
  const out = [
    'bias',
    `c0:${c(0)}`,
    `c-1:${c(-1)}`,
    `c+1:${c(1)}`,
    `c-2:${c(-2)}`,
    `c+2:${c(2)}`,
    `b-1:${c(-1)}${c(0)}`,
    `b+1:${c(0)}${c(1)}`,
    `b-2:${c(-2)}${c(-1)}`,
    `b+2:${c(1)}${c(2)}`,
    `bs:${c(-1)}${c(1)}`,
    `t0:${t(0)}`,
    `t3:${t(-1)}${t(0)}${t(1)}`,
  ];
  const ty = types[i];
  if (ty === 'latin' || ty === 'digit') out.push(...tokenFeatures(chars, types, i));
  return out;
}

/**
 * Hashed character features of a text given as code points: the character, its neighbours
 * (±2), character bigrams around it, its type (CJK, Latin, digit, punctuation, space) and its
 * neighbours' types, and for Latin or digit tokens the token's prefix, suffix, shape and
 * position. Character features need no segmenter, which is why they suit Chinese NER in core.
 *
 * @example
 * ```ts
 * charFeatures(Array.from('Alice 在北京'), 2 ** 17).ids.length; // ~15 per position
 * ```
 */
export function charFeatures(chars: readonly string[], buckets: number): PositionFeatures {
  const mask = buckets - 1;
  const types = chars.map(charType);
  const ids: number[] = [];
  const offsets = new Int32Array(chars.length + 1);
  for (let i = 0; i < chars.length; i++) {
    for (const f of featureStrings(chars, types, i)) ids.push(hashString(f, SALT) & mask);
    offsets[i + 1] = ids.length;
  }
  return { ids: Int32Array.from(ids), offsets, length: chars.length };
}
