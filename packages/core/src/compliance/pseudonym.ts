/**
 * Consistent pseudonyms: the same (project key, entity, value) always gives the same
 * stand-in, so annotators can still tell that two mentions are the same person, while the
 * value cannot be recovered without the key (HMAC-SHA256).
 *
 * Realistic stand-ins keep the kind and layout of the value but are chosen so they never
 * collide with a real identifier and are not detected again: cards fail Luhn, resident IDs
 * carry a wrong check character, SSNs use the never-issued 9xx area, IPv4 addresses come from
 * the reserved 240.0.0.0/4 block, IPv6 from the documentation prefix 2001:db8::/32 and e-mail
 * from example.com (RFC 2606). Names come from small pools, so two people can share a
 * stand-in name; use the 'tag' style where that matters.
 */

import { concatBytes, toHex, utf8 } from './bytes.ts';
import { hmacSha256 } from './hmac.ts';
import { normalizeWidth } from './normalize.ts';
import { cnIdCheckChar, luhnValid } from './pii/checksums.ts';

/** 'realistic' keeps the kind of value; 'tag' gives `<ENTITY_1a2b3c4d>`. */
export type PseudonymStyle = 'realistic' | 'tag';

/** Deterministic random numbers drawn from HMAC(key, seed || counter) blocks. */
class KeyedStream {
  private block: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private counter = 0;

  constructor(
    private readonly key: Uint8Array,
    private readonly seed: Uint8Array,
  ) {}

  /** A byte 0..255. */
  byte(): number {
    if (this.pos >= this.block.length) {
      const c = new Uint8Array([
        this.counter >>> 24,
        this.counter >>> 16,
        this.counter >>> 8,
        this.counter,
      ]);
      this.block = hmacSha256(this.key, concatBytes(this.seed, c));
      this.counter++;
      this.pos = 0;
    }
    return this.block[this.pos++]!;
  }

  /** An integer 0..n-1 (n <= 65536), uniform by rejection. */
  below(n: number): number {
    const limit = 65536 - (65536 % n);
    for (;;) {
      const v = (this.byte() << 8) | this.byte();
      if (v < limit) return v % n;
    }
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.below(10));
    return s;
  }
}

const CN_SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛',
);
const CN_COMPOUND = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '慕容', '司徒'];
const CN_GIVEN = Array.from(
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍红鹏飞建志宏晓春林海波辉婷颖雪琳浩宇轩然欣怡子涵晨',
);
const FIRST = [
  'Alex',
  'Jordan',
  'Taylor',
  'Morgan',
  'Casey',
  'Riley',
  'Jamie',
  'Avery',
  'Quinn',
  'Rowan',
  'Emery',
  'Hayden',
  'Parker',
  'Reese',
  'Skyler',
  'Dana',
  'Robin',
  'Sam',
  'Charlie',
  'Drew',
  'Elliot',
  'Frankie',
  'Harper',
  'Jesse',
  'Kendall',
  'Logan',
  'Marley',
  'Noel',
  'Peyton',
  'Remy',
  'Sage',
  'Toby',
];
const LAST = [
  'Smith',
  'Johnson',
  'Brown',
  'Taylor',
  'Miller',
  'Wilson',
  'Moore',
  'Clark',
  'Lewis',
  'Walker',
  'Hall',
  'Young',
  'King',
  'Wright',
  'Scott',
  'Green',
  'Baker',
  'Adams',
  'Nelson',
  'Hill',
  'Campbell',
  'Mitchell',
  'Roberts',
  'Carter',
  'Phillips',
  'Evans',
  'Turner',
  'Parker',
  'Collins',
  'Edwards',
  'Stewart',
  'Morris',
];
const PLATE_LETTERS = Array.from('ABCDEFGHJKLMNPQRSTUVWXYZ');

const NUMERIC = new Set([
  'CN_RESIDENT_ID',
  'BANK_CARD',
  'US_SSN',
  'CN_LANDLINE',
  'PHONE_NUMBER',
  'CN_PASSPORT',
  'US_PASSPORT',
  'UK_PASSPORT',
  'IN_PASSPORT',
  'ES_PASSPORT',
  'CN_LICENSE_PLATE',
]);

/**
 * The form of a value that identifies it, so '138 1234 5678', '+86 13812345678' and
 * '１３８１２３４５６７８' share one pseudonym and one hash.
 * @example canonicalValue('CN_MOBILE', '+86 138-1234-5678') // '13812345678'
 */
export function canonicalValue(entity: string, value: string): string {
  const v = normalizeWidth(value).trim();
  if (entity === 'CN_MOBILE') return v.replace(/\D/g, '').slice(-11);
  if (NUMERIC.has(entity)) return v.replace(/[^0-9A-Za-z\u4e00-\u9fff]/g, '').toUpperCase();
  if (entity === 'EMAIL' || entity === 'IP_ADDRESS') return v.toLowerCase();
  if (entity === 'PERSON') return v.replace(/\s+/g, ' ').toLowerCase();
  return v;
}

/** Replaces the ASCII or full-width digits of `template` (after `skip` of them) by `digits`. */
function fillDigits(template: string, digits: string, skip = 0): string {
  let i = 0;
  let seen = 0;
  return Array.from(template)
    .map((ch) => {
      const n = normalizeWidth(ch);
      if (!/[0-9]/.test(n) || seen++ < skip || i >= digits.length) return ch;
      const d = digits[i++]!;
      return ch === n ? d : String.fromCharCode(d.charCodeAt(0) + 0xfee0);
    })
    .join('');
}

/** Digits and letters replaced at random, layout, case and width kept. */
function shuffleAlnum(template: string, rnd: KeyedStream, skip = 0): string {
  return Array.from(template)
    .map((ch, i) => {
      if (i < skip) return ch;
      const n = normalizeWidth(ch);
      let out = n;
      if (/[0-9]/.test(n)) out = String(rnd.below(10));
      else if (/[A-Z]/.test(n)) out = rnd.pick(PLATE_LETTERS);
      else if (/[a-z]/.test(n)) out = rnd.pick(PLATE_LETTERS).toLowerCase();
      else return ch;
      return ch === n ? out : String.fromCharCode(out.charCodeAt(0) + 0xfee0);
    })
    .join('');
}

function fakeResidentId(value: string, rnd: KeyedStream): string {
  const v = normalizeWidth(value);
  const province = v.slice(0, 2);
  const y = 1950 + rnd.below(56);
  const date = `${y}${String(1 + rnd.below(12)).padStart(2, '0')}${String(1 + rnd.below(28)).padStart(2, '0')}`;
  if (v.length === 15)
    return fillDigits(value, province + rnd.digits(4) + date.slice(2) + rnd.digits(3));
  const body = province + rnd.digits(4) + date + rnd.digits(3);
  // A wrong check character, and not one that makes the 18 digits pass Luhn either (it
  // would then be re-detected as a card number).
  const right = cnIdCheckChar(body)!;
  const chars = '0123456789X';
  const from = rnd.below(11);
  let wrong = right;
  for (let i = 0; i < 11 && (wrong === right || luhnValid(body + wrong)); i++) {
    wrong = chars[(from + i) % 11]!;
  }
  const out = fillDigits(value.slice(0, -1), body);
  const last = value.slice(-1);
  return (
    out +
    (normalizeWidth(last) === last ? wrong : String.fromCharCode(wrong.charCodeAt(0) + 0xfee0))
  );
}

function fakeCard(value: string, rnd: KeyedStream): string {
  const digits = normalizeWidth(value).replace(/\D/g, '');
  let fake = digits.slice(0, 6) + rnd.digits(digits.length - 6);
  // Never a valid PAN: a stand-in must not charge a stranger's card or be re-detected.
  if (luhnValid(fake)) fake = fake.slice(0, -1) + String((Number(fake.slice(-1)) + 1) % 10);
  return fillDigits(value, fake);
}

function fakeCnName(value: string, rnd: KeyedStream): string {
  const len = Array.from(value.trim()).length;
  const compound = len >= 3 && CN_COMPOUND.some((c) => value.startsWith(c));
  let out = compound ? rnd.pick(CN_COMPOUND) : rnd.pick(CN_SURNAMES);
  while (Array.from(out).length < len) out += rnd.pick(CN_GIVEN);
  return out;
}

function fakeEnName(value: string, rnd: KeyedStream): string {
  const words = value.trim().split(/\s+/).length;
  return words > 1 ? `${rnd.pick(FIRST)} ${rnd.pick(LAST)}` : rnd.pick(FIRST);
}

function fakeIp(value: string, rnd: KeyedStream): string {
  if (!value.includes(':'))
    return `${240 + rnd.below(15)}.${rnd.below(256)}.${rnd.below(256)}.${rnd.below(256)}`;
  const groups = Array.from({ length: 6 }, () => rnd.below(65536).toString(16));
  return `2001:db8:${groups.join(':')}`;
}

/** Digits of a +86 / 0086 / (+86) country prefix, kept as they are. */
function countryPrefixDigits(value: string): number {
  const v = normalizeWidth(value);
  if (v.startsWith('0086')) return 4;
  return /^(?:\+86|\(\+?86\))/.test(v) ? 2 : 0;
}

function fakeLandline(value: string, rnd: KeyedStream): string {
  const prefix = countryPrefixDigits(value);
  const national = normalizeWidth(value).replace(/\D/g, '').slice(prefix);
  // Keep the area code (it names a city, not a person): 010 / 02x, else 0xxx.
  const area = /^0?(?:10|2\d)/.test(national) ? 3 : 4;
  const keep = prefix + (prefix > 0 ? area - 1 : area);
  return fillDigits(value, `${2 + rnd.below(8)}${rnd.digits(7)}`, keep);
}

function realistic(entity: string, value: string, rnd: KeyedStream, hex: string): string {
  switch (entity) {
    case 'CN_MOBILE':
      return fillDigits(value, `1${3 + rnd.below(7)}${rnd.digits(9)}`, countryPrefixDigits(value));
    case 'CN_LANDLINE':
      return fakeLandline(value, rnd);
    case 'CN_RESIDENT_ID':
      return fakeResidentId(value, rnd);
    case 'BANK_CARD':
      return fakeCard(value, rnd);
    case 'US_SSN':
      return fillDigits(value, `9${rnd.digits(8)}`);
    case 'EMAIL':
      return `user.${hex}@example.com`;
    case 'IP_ADDRESS':
      return fakeIp(value, rnd);
    case 'URL_CREDENTIALS':
      return `user-${rnd.digits(6)}:${'x'.repeat(8)}`;
    case 'CN_PASSPORT':
    case 'CN_LICENSE_PLATE':
      // Keep the passport type letter / the province and issuing authority.
      return shuffleAlnum(value, rnd, entity === 'CN_PASSPORT' ? 1 : 2);
    case 'US_PASSPORT':
    case 'UK_PASSPORT':
    case 'IN_PASSPORT':
    case 'ES_PASSPORT':
      return shuffleAlnum(value, rnd);
    case 'CN_PERSON':
      return fakeCnName(value, rnd);
    case 'PERSON':
      return fakeEnName(value, rnd);
    default:
      return `<${entity}_${hex}>`;
  }
}

/**
 * The pseudonym of `value` (an `entity` finding) under a project `key`.
 * Throws when the key is empty: an unkeyed pseudonym could be reversed by anyone.
 * @example pseudonym('CN_MOBILE', '138-1234-5678', 'project-key') // e.g. '159-8302-4471'
 * @example pseudonym('CN_ADDRESS', '北京市朝阳区建国路88号', 'k', 'tag') // e.g. '<CN_ADDRESS_3f2a9c1e>'
 */
export function pseudonym(
  entity: string,
  value: string,
  key: Uint8Array | string,
  style: PseudonymStyle = 'realistic',
): string {
  const k = typeof key === 'string' ? utf8(key) : key;
  if (k.length === 0) throw new Error('pseudonyms need a non-empty project key');
  const seed = utf8(`tessera-pseudonym\u0000${entity}\u0000${canonicalValue(entity, value)}`);
  const digest = hmacSha256(k, seed);
  const hex = toHex(digest.subarray(0, 4));
  if (style === 'tag') return `<${entity}_${hex}>`;
  return realistic(entity, value, new KeyedStream(k, digest), hex);
}
