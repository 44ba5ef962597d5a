/**
 * Chinese person names. Chinese has no spaces, so a surname character alone says little
 * ('高' is also 'tall'); a name is reported only where a cue fixes its place:
 * - after a field label or introduction: 姓名：张伟, 联系人 李娜, 我叫王小明 (high score);
 * - before a title or form of address: 张伟先生, 欧阳娜娜女士, 王老师 (medium score; a bare
 *   surname before a title, as in 王先生, scores lower).
 * The given name is 1-2 characters and stops at characters that are almost never part of a
 * name (的, 是, 电, ...) and at the start of a following field (电话, 手机, 地址, ...).
 */

import { CN_COMPOUND_SURNAMES, CN_SINGLE_SURNAMES } from './cn-surnames.ts';
import { hasHan, LiteralScanner, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

const LABELS = [
  '姓名',
  '名字',
  '联系人',
  '收件人',
  '收货人',
  '寄件人',
  '患者',
  '病人',
  '申请人',
  '法定代表人',
  '法人代表',
  '负责人',
  '户主',
  '持卡人',
  '开户名',
  '户名',
  '经办人',
  '委托人',
  '被告人',
  '被告',
  '原告',
  '当事人',
  '监护人',
  '紧急联系人',
  'name',
];
const INTROS = ['我叫', '名叫', '叫做', '本人'];
const TITLES = [
  '先生',
  '女士',
  '小姐',
  '老师',
  '同学',
  '医生',
  '大夫',
  '教授',
  '经理',
  '主任',
  '律师',
  '警官',
  '师傅',
  '阿姨',
  '叔叔',
  '总经理',
  '董事长',
  '局长',
  '处长',
  '科长',
  '校长',
  '院长',
  '同志',
];
// Characters (almost) never in a given name that commonly follow one.
const STOP_CHARS = new Set(
  Array.from(
    '的了是在和与及或说电手先女今住身地联邮性等于已把被给向对从到也都就还请您你我他她们这那没不个号证岁男市省区县路街',
  ),
);
// Field names that may follow a name directly (联系人张伟电话…).
const STOP_WORDS = [
  '电话',
  '手机',
  '身份',
  '地址',
  '住址',
  '邮箱',
  '性别',
  '年龄',
  '联系',
  '今年',
  ...TITLES,
];

const CJK = /^[\u4e00-\u9fff]$/;
const longestFirst = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length);
const LABEL_RE = new LiteralScanner(
  `(${longestFirst([...LABELS, ...INTROS]).join('|')})[\\s:]*(?:是|为)?[\\s:]*`,
  'i',
  [...LABELS, ...INTROS],
);
const TITLE_RE = new LiteralScanner(longestFirst(TITLES).join('|'), '', TITLES);

function isGivenChar(s: string, i: number): boolean {
  const c = s[i];
  if (c === undefined || !CJK.test(c) || STOP_CHARS.has(c)) return false;
  return !STOP_WORDS.some((w) => s.startsWith(w, i));
}

function surnameAt(s: string, i: number): number {
  if (CN_COMPOUND_SURNAMES.has(s.slice(i, i + 2))) return 2;
  return CN_SINGLE_SURNAMES.has(s[i] ?? '') ? 1 : 0;
}

/** Reads surname + 1-2 given-name characters forward from `i`; returns the end or -1. */
function readNameForward(s: string, i: number): number {
  const sur = surnameAt(s, i);
  if (sur === 0) return -1;
  let end = i + sur;
  while (end - i - sur < 2 && isGivenChar(s, end)) end++;
  return end === i + sur ? -1 : end;
}

/** Finds the name that ends at `end` (just before a title), preferring longer names. */
function readNameBackward(
  s: string,
  end: number,
): { start: number; surnameOnly: boolean } | undefined {
  const fits = (start: number, sur: number) =>
    start >= 0 &&
    surnameAt(s, start) === sur &&
    Array.from({ length: end - start - sur }, (_, k) => start + sur + k).every((k) =>
      isGivenChar(s, k),
    );
  for (const [len, sur] of [
    [4, 2],
    [3, 2],
    [3, 1],
    [2, 1],
  ] as const) {
    if (fits(end - len, sur)) return { start: end - len, surnameOnly: false };
  }
  if (end - 2 >= 0 && CN_COMPOUND_SURNAMES.has(s.slice(end - 2, end))) {
    return { start: end - 2, surnameOnly: true };
  }
  if (end - 1 >= 0 && CN_SINGLE_SURNAMES.has(s[end - 1]!))
    return { start: end - 1, surnameOnly: true };
  return undefined;
}

/**
 * Raw scanner for Chinese person names (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanCnPerson(scanInput('姓名：张伟'))[0]?.entity // 'CN_PERSON'
 */
export function scanCnPerson(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  const out: RawFinding[] = [];
  if (!hasHan(s)) return out;
  for (const m of LABEL_RE.matchAll(s)) {
    const start = m.index + m[0].length;
    const end = readNameForward(s, start);
    if (end < 0) continue;
    const cue = m[1]!;
    const score = INTROS.includes(cue) ? 0.75 : 0.85;
    out.push({ entity: 'CN_PERSON', start, end, score, context: [cue] });
  }
  for (const m of TITLE_RE.matchAll(s)) {
    const found = readNameBackward(s, m.index);
    if (!found || out.some((f) => f.start < m.index && found.start < f.end)) continue;
    const score = found.surnameOnly ? 0.4 : 0.65;
    out.push({ entity: 'CN_PERSON', start: found.start, end: m.index, score, context: [m[0]] });
  }
  return out;
}

/**
 * Finds Chinese person names next to a label (姓名, 联系人, ...) or a title (先生, 女士, ...).
 * @example detectCnPersons('联系人：张伟，电话13812345678')
 * // [{ entity: 'CN_PERSON', start: 4, end: 6, text: '张伟', score: 0.85, context: ['联系人'] }]
 */
export function detectCnPersons(text: string): PiiFinding[] {
  return runScanner(text, scanCnPerson);
}
