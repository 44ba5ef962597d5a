/**
 * `npm run bench -- pii` (or `node --import tsx bench/src/pii.ts`): per-entity precision and
 * recall of the PII detectors on Presidio's own recognizer test cases, and text PII scan
 * throughput on one core (target >= 20 MB/s). Figures go to docs/compliance.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  cnIdCheckChar,
  detectBankCards,
  detectCnPhones,
  detectEmails,
  detectIpAddresses,
  detectPassports,
  detectPii,
  detectUsSsns,
  luhnValid,
  PII_ENTITIES,
  type PiiFinding,
} from '@tessera/core/compliance';
import { scanLines, scanText } from '../../packages/server/src/compliance/pii-scan.ts';
import { DEFAULT_VIEW_OPERATORS } from '../../packages/server/src/compliance/compliance-settings.ts';

const CASES = fileURLToPath(
  new URL(
    '../../../shared/datasets/pii-test-cases/presidio_recognizer_cases.json',
    import.meta.url,
  ),
);

interface Case {
  text: string;
  expected_len: number;
  expected_res?: number[][];
  expected_positions?: number[][];
  expected_position?: number[];
}

/** Presidio recognizer -> our entities and the detector that implements them. */
const MAP: Record<
  string,
  { entities: string[]; detector?: (t: string) => PiiFinding[]; note?: string }
> = {
  credit_card: { entities: ['BANK_CARD'], detector: detectBankCards },
  email: { entities: ['EMAIL'], detector: detectEmails },
  ip: { entities: ['IP_ADDRESS'], detector: detectIpAddresses },
  us_ssn: { entities: ['US_SSN'], detector: detectUsSsns },
  uk_passport: { entities: ['UK_PASSPORT'], detector: only('UK_PASSPORT') },
  us_passport: { entities: ['US_PASSPORT'], detector: only('US_PASSPORT') },
  in_passport: { entities: ['IN_PASSPORT'], detector: only('IN_PASSPORT') },
  es_passport: { entities: ['ES_PASSPORT'], detector: only('ES_PASSPORT') },
  phone: {
    entities: ['CN_MOBILE', 'CN_LANDLINE'],
    detector: detectCnPhones,
    note: 'Presidio finds phone numbers of any country; Tessera only Chinese ones',
  },
  url: {
    entities: [],
    note: 'plain URLs are not PII here; only URLs with credentials are (URL_CREDENTIALS)',
  },
  crypto: { entities: [], note: 'no detector' },
  date: { entities: [], note: 'no detector' },
  uk_nhs: { entities: [], note: 'no detector' },
  us_bank: { entities: [], note: 'no detector' },
  us_driver_license: { entities: [], note: 'no detector' },
};

function only(entity: string) {
  return (t: string) => detectPassports(t).filter((f) => f.entity === entity);
}

/** Gold spans of a case, or undefined when the case gives only a count. */
function goldSpans(c: Case): number[][] | undefined {
  if (c.expected_position) return c.expected_position.length ? [c.expected_position] : [];
  const spans = c.expected_res ?? c.expected_positions;
  return spans && (spans.length > 0 || c.expected_len === 0) ? spans : undefined;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** Exact-span matching; count-only cases are matched by count. */
function score(cases: Case[], detect: (t: string) => PiiFinding[]): Counts {
  const c = { tp: 0, fp: 0, fn: 0 };
  for (const k of cases) {
    const found = detect(k.text).map((f) => `${f.start}:${f.end}`);
    const gold = goldSpans(k);
    if (!gold) {
      c.tp += Math.min(found.length, k.expected_len);
      c.fp += Math.max(0, found.length - k.expected_len);
      c.fn += Math.max(0, k.expected_len - found.length);
      continue;
    }
    const want = new Set(gold.map(([s, e]) => `${s}:${e}`));
    const hit = found.filter((f) => want.has(f)).length;
    c.tp += hit;
    c.fp += found.length - hit;
    c.fn += want.size - hit;
  }
  return c;
}

const ratio = (a: number, b: number) => (b === 0 ? undefined : a / b);
const fmt = (v: number | undefined) => (v === undefined ? 'n/a' : v.toFixed(3));

/** One accuracy row per Presidio recognizer. */
export interface AccuracyRow {
  recognizer: string;
  entities: string;
  cases: number;
  gold: number;
  /** The detector alone, every score. */
  detector: { precision?: number; recall?: number };
  /** detectPii with its defaults (all entities, min score 0.3, overlaps resolved). */
  pipeline: { precision?: number; recall?: number };
  note: string;
}

function accuracy(): AccuracyRow[] {
  const data = JSON.parse(readFileSync(CASES, 'utf8')) as {
    recognizers: Record<string, { cases: Case[] }>;
  };
  const rows: AccuracyRow[] = [];
  for (const [name, { cases }] of Object.entries(data.recognizers)) {
    if (cases.length === 0) continue;
    const m = MAP[name] ?? { entities: [], note: 'no detector' };
    const gold = cases.reduce((a, c) => a + c.expected_len, 0);
    const none = () => [] as PiiFinding[];
    const d = score(cases, m.detector ?? none);
    const wanted = new Set(m.entities);
    const p = score(cases, (t) =>
      wanted.size ? detectPii(t).filter((f) => wanted.has(f.entity)) : [],
    );
    rows.push({
      recognizer: name,
      entities: m.entities.join(', ') || '—',
      cases: cases.length,
      gold,
      detector: { precision: ratio(d.tp, d.tp + d.fp), recall: ratio(d.tp, d.tp + d.fn) },
      pipeline: { precision: ratio(p.tp, p.tp + p.fp), recall: ratio(p.tp, p.tp + p.fn) },
      note: m.note ?? '',
    });
  }
  return rows;
}

/** A deterministic pseudo-random generator (mulberry32), so corpora are the same every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixed corpus lines: about one line in three carries PII, in Chinese and English. */
function corpus(bytes: number, lang: 'zh' | 'en' | 'mixed', seed = 7): string[] {
  const r = rng(seed);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const id = () => {
    const first = `110105${1950 + Math.floor(r() * 50)}0${1 + Math.floor(r() * 9)}1${Math.floor(r() * 9)}${digits(3)}`;
    return first + cnIdCheckChar(first);
  };
  const card = () => {
    for (;;) {
      const c = `622202${digits(10)}`;
      if (luhnValid(c)) return c;
    }
  };
  const zh = [
    () => `联系人王芳，手机1${3 + Math.floor(r() * 6)}${digits(9)}，身份证号${id()}。`,
    () => `退款请打到银行卡${card()}，谢谢，邮箱 user${digits(4)}@example.cn`,
    () => '今天天气很好，我们在河边散步，然后去吃了午饭，下午看了一场电影，晚上回家做饭。',
    () => '这款产品的质量不错，物流也很快，包装完好，客服态度很好，会推荐给朋友。',
    () => '会议纪要：第三季度的目标已经完成，下一步需要整理数据并准备新的标注规范。',
  ];
  const en = [
    () =>
      `Please call Mr. David Miller at 415-555-${digits(4)} or email d.miller${digits(3)}@example.com.`,
    () =>
      `Server 10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)} rejected card ${card()} at checkout.`,
    () => 'The weather was nice today and we walked along the river for a while before lunch.',
    () =>
      'This product works well, shipping was fast and the packaging was intact; would buy again.',
    () =>
      'Meeting notes: the quarterly goals are done; next we clean the data and update the guidelines.',
  ];
  const pool = lang === 'zh' ? zh : lang === 'en' ? en : [...zh, ...en];
  const lines: string[] = [];
  for (let n = 0; n < bytes;) {
    const l = pool[Math.floor(r() * pool.length)]!();
    lines.push(l);
    n += Buffer.byteLength(l) + 1;
  }
  return lines;
}

/** One throughput measurement (median of three runs after a warm-up). */
export interface SpeedRow {
  corpus: string;
  entities: string;
  method: string;
  mb: number;
  seconds: number;
  mbPerSecond: number;
  findings: number;
}

const IDENTIFIERS = Object.keys(DEFAULT_VIEW_OPERATORS);
const NO_PERSON = PII_ENTITIES.filter((e) => e !== 'PERSON');

function measure(
  name: string,
  lines: string[],
  entities: readonly string[] | undefined,
  entityLabel: string,
  method: 'batched' | 'per line',
): SpeedRow {
  const mb = lines.reduce((a, l) => a + Buffer.byteLength(l) + 1, 0) / 1e6;
  const opts = entities ? { entities } : {};
  const once = () => {
    let findings = 0;
    if (method === 'per line') for (const l of lines) findings += detectPii(l, opts).length;
    else {
      let batch: { line: number; text: string }[] = [];
      let size = 0;
      lines.forEach((text, i) => {
        batch.push({ line: i + 1, text });
        size += text.length;
        if (size >= 4096) {
          findings += scanLines(batch, opts).length;
          batch = [];
          size = 0;
        }
      });
      findings += scanLines(batch, opts).length;
    }
    return findings;
  };
  // Warm the JIT on a slice, then take the median of three runs: the steady state.
  scanText(lines.slice(0, 500).join('\n'), opts);
  const runs = [0, 1, 2].map(() => {
    const t = performance.now();
    const findings = once();
    return { findings, seconds: (performance.now() - t) / 1000 };
  });
  const mid = runs.sort((a, b) => a.seconds - b.seconds)[1]!;
  return {
    corpus: name,
    entities: entityLabel,
    method,
    mb,
    seconds: mid.seconds,
    mbPerSecond: mb / mid.seconds,
    findings: mid.findings,
  };
}

function throughput(): SpeedRow[] {
  const rows: SpeedRow[] = [];
  for (const lang of ['zh', 'en', 'mixed'] as const) {
    const big = corpus(4e6, lang);
    const small = corpus(1.5e5, lang); // English names (compromise) run near 0.1 MB/s: keep it short
    rows.push(measure(lang, big, IDENTIFIERS, 'identifiers (default view policy)', 'batched'));
    rows.push(measure(lang, big, NO_PERSON, 'all but PERSON', 'batched'));
    rows.push(measure(lang, small, undefined, 'all 17', 'batched'));
    rows.push(measure(lang, small, IDENTIFIERS, 'identifiers (default view policy)', 'per line'));
  }
  return rows;
}

/**
 * Runs both parts, prints two markdown tables and returns the rows.
 * @example const { accuracy, speed } = await runPiiBench();
 */
export async function runPiiBench(): Promise<{ accuracy: AccuracyRow[]; speed: SpeedRow[] }> {
  let acc: AccuracyRow[] = [];
  if (!existsSync(CASES))
    process.stderr.write(`notice: ${CASES} is absent: accuracy is not measured.\n`);
  else {
    acc = accuracy();
    process.stdout.write(
      '| Presidio recognizer | Tessera entity | cases | gold spans | precision (detector) | recall (detector) | precision (detectPii defaults) | recall (detectPii defaults) | note |\n|---|---|---|---|---|---|---|---|---|\n',
    );
    for (const r of acc)
      process.stdout.write(
        `| ${r.recognizer} | ${r.entities} | ${r.cases} | ${r.gold} | ${fmt(r.detector.precision)} | ${fmt(r.detector.recall)} | ${fmt(r.pipeline.precision)} | ${fmt(r.pipeline.recall)} | ${r.note} |\n`,
      );
  }
  const speed = throughput();
  process.stdout.write(
    '\n| corpus | entities | method | MB | seconds | MB/s | findings |\n|---|---|---|---|---|---|---|\n',
  );
  for (const r of speed)
    process.stdout.write(
      `| ${r.corpus} | ${r.entities} | ${r.method} | ${r.mb.toFixed(1)} | ${r.seconds.toFixed(2)} | ${r.mbPerSecond.toFixed(2)} | ${r.findings} |\n`,
    );
  return { accuracy: acc, speed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runPiiBench();
