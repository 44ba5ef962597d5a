/**
 * IPv4 and IPv6 addresses with valid ranges (octets 0-255, at most 8 hex groups of 1-4
 * digits, one '::', optional embedded IPv4 and zone id).
 */

import { ContextWords, contextScore, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

const CONTEXT = new ContextWords([
  'ip',
  'ip地址',
  'ipv4',
  'ipv6',
  '地址',
  'address',
  'host',
  'server',
]);

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Not glued to a letter, digit or dot before; a trailing '.digits' is tolerated so that
// '192.168.1.1.1' reports its first four octets, as Presidio does.
// The shape, starting with a digit so the engine can skip to digits; each octet is then
// checked against OCTET (0-255, no leading zero). The shape has one way to match: dots
// delimit the octets and the last one is followed by no word character.
const IPV4 = /\d(?<![\w.]\d)\d{0,2}(?:\.\d{1,3}){3}(?![\w]|\.\d+\.)/g;
const OCTET_EXACT = new RegExp(`^${OCTET}$`);
// A maximal run of hex digits, colons and dots with an optional zone, not glued to a word
// character or colon; validated afterwards by isValidIpv6. It starts with a colon or with at
// most four hex digits and a colon (as every valid address does), which rejects ordinary
// words at once; the first character is consumed before the look-behind so the engine can
// skip to candidates instead of trying every position.
// Every valid address has two colons with at most four hex digits between them ('::' or
// 'a:b'): a text without such a pair skips the candidate scan, which tries every hex letter.
const IPV6_COLONS = /:[0-9A-Fa-f]{0,4}:/;
const IPV6_CANDIDATE =
  /(?::|[0-9A-Fa-f](?=[0-9A-Fa-f]{0,3}:))(?<![\w:.][0-9A-Fa-f:])[0-9A-Fa-f:.]*(?:%[0-9A-Za-z_.-]+)?(?![\w:])/g;

/**
 * Whether `s` is a valid IPv6 address text (RFC 4291 §2.2), allowing an embedded dotted
 * IPv4 tail and a zone id (RFC 4007 '%eth0').
 * @example isValidIpv6('2001:db8::1') // true
 */
export function isValidIpv6(s: string): boolean {
  const [addr = '', zone] = s.split('%', 2) as [string, string | undefined];
  if (zone !== undefined && !/^[0-9A-Za-z_.-]+$/.test(zone)) return false;
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`).test(last)) return false;
    count += 1; // an IPv4 tail fills two groups
    all.pop();
  }
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/**
 * Raw scanner for IP addresses (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanIpAddress(scanInput('10.0.0.1'))[0]?.entity // 'IP_ADDRESS'
 */
export function scanIpAddress(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  const v6: RawFinding[] = [];
  const candidates = IPV6_COLONS.test(s) ? s.matchAll(IPV6_CANDIDATE) : [];
  for (const m of candidates) {
    const text = m[0].replace(/\.+$/, ''); // a sentence-ending dot is not part of it
    if (!isValidIpv6(text)) continue;
    const start = m.index;
    const end = start + text.length;
    if (/[\w:]/.test(s[end] ?? '')) continue;
    const context = CONTEXT.find(s, start, end);
    // '::' alone is the unspecified address: valid, but usually code or punctuation.
    const base = text === '::' ? 0.1 : 0.6;
    v6.push({
      entity: 'IP_ADDRESS',
      start,
      end,
      score: contextScore(base, base + 0.25, context),
      context,
    });
  }
  const out = [...v6];
  for (const m of s.matchAll(IPV4)) {
    if (!m[0].split('.').every((o) => OCTET_EXACT.test(o))) continue;
    const start = m.index;
    const end = start + m[0].length;
    // The IPv4 tail of '::ffff:10.0.0.1' belongs to the IPv6 finding.
    if (v6.some((f) => f.start <= start && end <= f.end)) continue;
    const context = CONTEXT.find(s, start, end);
    out.push({
      entity: 'IP_ADDRESS',
      start,
      end,
      score: contextScore(0.6, 0.85, context),
      context,
    });
  }
  return out;
}

/**
 * Finds IPv4 and IPv6 addresses.
 * @example detectIpAddresses('登录IP：192.168.1.10')
 * // [{ entity: 'IP_ADDRESS', start: 5, end: 17, text: '192.168.1.10', score: 0.85, context: ['ip'] }]
 */
export function detectIpAddresses(text: string): PiiFinding[] {
  return runScanner(text, scanIpAddress);
}
