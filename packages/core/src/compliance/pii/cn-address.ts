/**
 * Chinese postal addresses: a run of administrative and street-level components
 * (省/市/区/县/镇/街道, 路/街/巷/弄, 号/栋/单元/室, 小区/大厦, ...).
 *
 * A run starts at a province name (广东省, 北京市), after an address label (地址：, 家住,
 * 位于) or at a street-plus-number (建国路88号). It is reported only when it reaches street
 * level, since '广东省深圳市' alone does not locate a person.
 */

import { hasHan, LiteralScanner, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

const PROVINCE_NAMES = (
  '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|' +
  '海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门'
).split('|');
const PROVINCE =
  `(?:${PROVINCE_NAMES.join('|')})` + '(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)?';
const LABEL_WORDS = (
  '通讯地址|联系地址|收货地址|家庭住址|家庭地址|户籍地址|户籍地|居住地|现住址|地址|住址|家住|住在|' +
  '现住|位于|寄往|寄到|送到|address'
).split('|');
const LABELS = `(?:${LABEL_WORDS.join('|')})[\\s:：]*`;

const ADMIN_SUFFIX = [
  '特别行政区',
  '自治区',
  '自治州',
  '自治县',
  '地区',
  '街道',
  '省',
  '市',
  '区',
  '县',
  '旗',
  '盟',
  '镇',
  '乡',
];
const FINE_SUFFIX = [
  '大道',
  '胡同',
  '小区',
  '大厦',
  '公寓',
  '花园',
  '广场',
  '新村',
  '社区',
  '号楼',
  '号院',
  '单元',
  '路',
  '街',
  '巷',
  '弄',
  '道',
  '村',
  '组',
  '号',
  '栋',
  '幢',
  '座',
  '楼',
  '层',
  '室',
  '苑',
  '园',
  '院',
];
// Characters that end an address: function words and field names that follow one.
const STOP =
  '的了是在我你他她它们和与及或到去从住电话手机邮箱请您这那有没不很也都就还说要想会把被给向对为以将已并而但且个';
const BODY_ONE = `[^\\s${STOP}\\p{P}\\p{S}]`;
// 都 and 和 are stop characters ('也都', '我和') but also in place names: 成都市, 都江堰市, 和平区.
const BODY = `(?:${BODY_ONE}|都(?=[市区县江])|和(?=平))`;
const suffixes = [...ADMIN_SUFFIX, ...FINE_SUFFIX].sort((a, b) => b.length - a.length);
// One component: a short name then a suffix; numbers may carry a dash (3-2号).
const COMPONENT = new RegExp(` ?(${BODY}{1,12}?|\\d+(?:-\\d+)*)(${suffixes.join('|')})`, 'uy');
// A trailing room number without a suffix: 5号楼3单元501.
const TRAILING_NUMBER = /\d+(?:-\d+)*(?![\d\p{L}])/uy;
// Where a run may start: a province or a label (literal alternatives, cheap to scan for)...
const STARTS = new LiteralScanner(`${PROVINCE}|${LABELS}`, 'i', [
  ...PROVINCE_NAMES,
  ...LABEL_WORDS,
]);
// ...or up to 12 name characters before a street and house number (建国路88号). Scanning for
// the street-and-number anchor and walking back is linear; a lazy `BODY{1,12}?` tried at every
// position of a Chinese text was a third of the whole PII scan.
const STREET_NUMBER = /(?:路|街|大道|巷|弄|胡同)\d+(?:-\d+)*号/g;
const BODY_CHAR = new RegExp(`^${BODY_ONE}$`, 'u');
const PROVINCE_AT = new RegExp(PROVINCE, 'y');
const LABEL_AT = new RegExp(LABELS, 'iy');
const FINE = new Set(FINE_SUFFIX);

interface Run {
  start: number;
  end: number;
  components: number;
  fine: boolean;
  numbered: boolean;
  province: boolean;
}

/** Parses components forward from `start`; returns the run (possibly empty). */
function parseRun(s: string, start: number): Run {
  const run: Run = {
    start,
    end: start,
    components: 0,
    fine: false,
    numbered: false,
    province: false,
  };
  PROVINCE_AT.lastIndex = start;
  const p = PROVINCE_AT.exec(s);
  if (p) {
    run.end = start + p[0].length;
    run.components++;
    run.province = true;
  }
  for (;;) {
    COMPONENT.lastIndex = run.end;
    const m = COMPONENT.exec(s);
    if (!m) break;
    run.end += m[0].length;
    run.components++;
    if (FINE.has(m[2]!)) run.fine = true;
    if (/^\d/.test(m[1]!)) run.numbered = true;
  }
  TRAILING_NUMBER.lastIndex = run.end;
  const t = run.fine ? TRAILING_NUMBER.exec(s) : null;
  if (t) run.end += t[0].length;
  return run;
}

/** Candidate run starts in text order (see STARTS and STREET_NUMBER). */
function runStarts(s: string): number[] {
  const starts: number[] = [];
  for (const m of STARTS.matchAll(s)) starts.push(m.index);
  let last = -1;
  for (const m of s.matchAll(STREET_NUMBER)) {
    // The earliest start from which 1-12 name characters reach this street name.
    let a = m.index;
    while (a > 0 && a > last && m.index - a < 12 && BODY_CHAR.test(s[a - 1]!)) a--;
    if (a < m.index) starts.push(a);
    last = m.index + m[0].length;
  }
  return starts.length > 1 ? starts.sort((x, y) => x - y) : starts;
}

/**
 * Raw scanner for Chinese addresses (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanCnAddress(scanInput('地址：上海市世纪大道100号'))[0]?.entity // 'CN_ADDRESS'
 */
export function scanCnAddress(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  const out: RawFinding[] = [];
  if (!hasHan(s)) return out;
  let covered = 0;
  for (const at of runStarts(s)) {
    if (at < covered) continue;
    LABEL_AT.lastIndex = at;
    const label = LABEL_AT.exec(s);
    const start = label ? at + label[0].length : at;
    const run = parseRun(s, start);
    if (!run.fine || run.components < 2) continue;
    const cue = label ? [label[0].replace(/[\s:：]+$/, '')] : [];
    // Without a label or a province, only a house number shows this is an address.
    if (!label && !run.province && !run.numbered) continue;
    // More components pin the place down better; a label says it is an address.
    const base = Math.min(0.85, 0.35 + 0.1 * run.components);
    const score = cue.length > 0 ? Math.max(base, 0.85) : base;
    out.push({ entity: 'CN_ADDRESS', start: run.start, end: run.end, score, context: cue });
    covered = run.end;
  }
  return out;
}

/**
 * Finds Chinese addresses down to street level.
 * @example detectCnAddresses('地址：北京市朝阳区建国路88号')
 * // [{ entity: 'CN_ADDRESS', start: 3, end: 16, text: '北京市朝阳区建国路88号', score: 0.85, context: ['地址'] }]
 */
export function detectCnAddresses(text: string): PiiFinding[] {
  return runScanner(text, scanCnAddress);
}
