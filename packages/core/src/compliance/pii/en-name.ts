/**
 * Person names in English (and pinyin) text.
 *
 * Parsing whole texts with the `compromise` NLP library runs at well under 1 MB/s, and
 * importing it costs ~45 MB of memory, so it is loaded on first use ({@link loadPersonNames})
 * and used in two cheaper ways:
 * - its lexicon (first names, last names, honorifics, and every other word it knows) decides
 *   runs of capitalised words on its own: `Mr. David Miller`, `Emily Chen`, `Xiaoming Wang`;
 * - only a run it cannot decide (two or more capitalised words it does not know, not at a
 *   sentence start, e.g. `met Oluwaseun Adeyemi`) is parsed by compromise, and only its
 *   sentence.
 * A run of capitalised words is found by one regular expression, so text without one costs a
 * single scan. Lower-case names are not reported.
 *
 * Offsets are UTF-16 units; CJK characters end a run (they are not Latin letters).
 */

import type nlpType from 'compromise';
import { ContextWords, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

type Nlp = typeof nlpType;

const CONTEXT = new ContextWords([
  'name',
  'named',
  'called',
  'dear',
  'signed',
  'contact',
  'patient',
  'customer',
  'client',
  'employee',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  '姓名',
  '联系人',
]);

const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'madam',
  'dame',
  'rev',
]);

// Common pinyin surnames (compromise knows a few as last names and 'wang' as a noun); those
// that are also English words (he, ma, yu, long, song, fan) are left out.
const PINYIN_SURNAMES =
  'wang li zhang liu chen yang huang zhao zhou xu sun zhu hu guo gao lin luo zheng liang xie ' +
  'tang han feng deng cao peng zeng xiao tian dong yuan cai jiang du cheng wei shen yao zhong ' +
  'cui liao jin qian qin kong xue lei hao gong shao wan qiu mo bai hou meng duan lai wu';

/** What the lexicon says about a capitalised word. */
// Common: a word the lexicon knows as something other than a name (ends a name);
// Initial: a single capital with a dot (J.).
const Kind = { Title: 0, First: 1, Last: 2, Common: 3, Unknown: 4, Initial: 5 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

interface NameModel {
  nlp: Nlp;
  kinds: Map<string, Kind>;
}

let model: NameModel | undefined;
let loading: Promise<void> | undefined;

const NAME_TAGS: Record<string, Kind> = {
  MaleName: Kind.First,
  FemaleName: Kind.First,
  FirstName: Kind.First,
  Person: Kind.First,
  LastName: Kind.Last,
  Honorific: Kind.Title,
};

/**
 * Builds the word table from compromise's lexicon (one entry per single word).
 * @example buildModel(nlp).kinds.get('david') // Kind.First
 */
function buildModel(nlp: Nlp): NameModel {
  // compromise's model() is typed loosely; the lexicon is word -> tag or tags.
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one
    .lexicon;
  const kinds = new Map<string, Kind>();
  for (const [word, tag] of Object.entries(lexicon)) {
    if (word.includes(' ')) continue;
    const tags = Array.isArray(tag) ? tag : [tag];
    let kind: Kind = Kind.Common;
    for (const t of tags) if (t in NAME_TAGS) kind = NAME_TAGS[t]!;
    kinds.set(word, kind);
  }
  for (const t of TITLES) kinds.set(t, Kind.Title);
  for (const s of PINYIN_SURNAMES.split(' ')) kinds.set(s, Kind.Last);
  return { nlp, kinds };
}

/**
 * Loads compromise (once; later calls return the same promise). `detectPii` and
 * {@link detectPersons} need it for `PERSON` and throw until it has loaded.
 * @example await loadPersonNames(); detectPersons('Dear Mr. John Smith')
 */
export function loadPersonNames(): Promise<void> {
  loading ??= import('compromise').then((m) => {
    model = buildModel(m.default);
  });
  return loading;
}

/**
 * Whether {@link loadPersonNames} has finished.
 * @example personNamesReady() // false before the first load
 */
export function personNamesReady(): boolean {
  return model !== undefined;
}

function requireModel(): NameModel {
  if (!model)
    throw new Error(
      'English person names (PERSON) need the compromise NLP library: await preparePii() ' +
        '(or loadPersonNames()) once before scanning',
    );
  return model;
}

// A capitalised word: Latin letters, apostrophe parts (O'Brien, John's), inner capitals
// (McDonald), hyphenated parts (Jean-Luc), an optional dot (Dr., J.); runs are joined by
// spaces or tabs. All-capital words (ID, USA) are not names.
// Each inner part starts with its own character (an apostrophe or a capital), so a word that
// fails the run's end check backtracks in linear time, not over every split of its letters.
const WORD =
  "[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]*(?:['\u2019][A-Za-z\u00c0-\u00ff][a-z\u00df-\u00ff]*|[A-Z][a-z\u00df-\u00ff]+)*(?:-[A-Z][a-z\u00df-\u00ff]+)?\\.?";
const RUN = new RegExp(
  `(?<![\\w\u00c0-\u024f'\u2019-])${WORD}(?:[ \\t]+${WORD})*(?![\\w\u00c0-\u024f])`,
  'g',
);
const TOKEN = new RegExp(WORD, 'g');
// A label right before a run of unknown words makes them a name ('name: Oluwaseun').
const LEAD_IN =
  /(?:name|named|called|dear|contact|patient|customer|client|signed|姓名|联系人)\s*[:：,，]?\s*$/i;
// Labels after which even known words are a name ('name: Grace Baker'); 'Contact: Sales
// Team' is not.
const NAME_LABEL = /(?:name|named|called|dear|signed|姓名|联系人)\s*[:：,，]?\s*$/i;
const SENTENCE_END = /[.!?。！？:;\n"“]\s*$/;

interface Token {
  start: number;
  end: number;
  kind: Kind;
}

function tokenize(s: string, from: number, to: number, kinds: Map<string, Kind>): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = from;
  for (let m = TOKEN.exec(s); m && m.index < to; m = TOKEN.exec(s)) {
    let word = m[0];
    let end = m.index + word.length;
    if (word.endsWith('.')) word = word.slice(0, -1);
    // A possessive ('John's') is not part of the name.
    if (/['\u2019]s$/.test(word)) {
      word = word.slice(0, -2);
      end = m.index + word.length;
    }
    const lower = word.toLowerCase();
    const kind =
      kinds.get(lower) ?? (word.length === 1 && m[0].endsWith('.') ? Kind.Initial : Kind.Unknown);
    out.push({ start: m.index, end, kind });
  }
  return out;
}

const nameLike = (k: Kind) =>
  k === Kind.First || k === Kind.Last || k === Kind.Unknown || k === Kind.Initial;

/** Names in one run of capitalised words, decided by the lexicon; undefined = undecided. */
function decideRun(tokens: Token[], s: string): Array<[number, number]> | undefined {
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    let j = i;
    if (t.kind === Kind.Title) {
      // After a title any capitalised word is part of the name: 'Dr. Montana Stark'.
      j = i + 1;
      while (j < tokens.length && j - i <= 3 && tokens[j]!.kind !== Kind.Title) j++;
      if (j > i + 1) spans.push([tokens[i + 1]!.start, tokens[j - 1]!.end]);
      i = Math.max(j, i + 1);
      continue;
    }
    const next = tokens[i + 1];
    const startsName =
      t.kind === Kind.First ||
      (t.kind === Kind.Unknown && next?.kind === Kind.Last) ||
      (t.kind === Kind.Last &&
        next !== undefined &&
        nameLike(next.kind) &&
        next.kind !== Kind.Last);
    if (startsName) {
      j = i + 1;
      // A capitalised common word right after a first name is a surname: 'Mary Rice'.
      if (t.kind === Kind.First && tokens[j]?.kind === Kind.Common) j++;
      while (j < tokens.length && j - i < 3 && nameLike(tokens[j]!.kind)) j++;
      // A last name alone before a word ('Smith Street') needs a first name or title.
      if (t.kind !== Kind.Last || j > i + 1) spans.push([t.start, tokens[j - 1]!.end]);
      i = j;
      continue;
    }
    i++;
  }
  if (spans.length > 0) return spans;
  const first = tokens[0];
  if (!first) return [];
  const before = s.slice(Math.max(0, first.start - 16), first.start);
  // Right after a label ('联系人 Ardella Rice', 'name: ...') the capitalised words are a name.
  const name = () =>
    [[first.start, tokens[Math.min(2, tokens.length - 1)]!.end]] as Array<[number, number]>;
  if (NAME_LABEL.test(before)) return name();
  const unknown = tokens.filter((x) => x.kind === Kind.Unknown || x.kind === Kind.Initial);
  if (unknown.length !== tokens.length) return [];
  if (LEAD_IN.test(before)) return name();
  // Two unknown capitalised words mid-sentence may be a name compromise knows how to read.
  if (tokens.length >= 2 && !(first.start === 0 || SENTENCE_END.test(before))) return undefined;
  return [];
}

/** The slice of compromise's `json({ offset: true })` output that is used here. */
interface CompromisePerson {
  terms: Array<{ text: string; offset: { start: number; length: number } }>;
}

/** Blanks everything outside Latin letters, digits and ASCII punctuation, unit for unit. */
function latinOnly(s: string): string {
  return s.replace(/[^\t-\u024f\u1e00-\u1eff\u2019]/g, ' ');
}

/** Asks compromise about one undecided run, parsing only its sentence. */
function parseRun(nlp: Nlp, s: string, from: number, to: number): Array<[number, number]> {
  let a = from;
  while (a > 0 && from - a < 200 && !/[.!?。！？\n]/.test(s[a - 1]!)) a--;
  let b = to;
  while (b < s.length && b - to < 200 && !/[.!?。！？\n]/.test(s[b]!)) b++;
  // compromise's json() is typed loosely; the fields read here are declared above.
  const people = nlp(latinOnly(s.slice(a, b)))
    .people()
    .json({ offset: true }) as CompromisePerson[];
  const out: Array<[number, number]> = [];
  for (const p of people) {
    const terms = p.terms.filter((t) => t.text.length > 0);
    const head = terms[0];
    const tail = terms[terms.length - 1];
    if (!head || !tail) continue;
    const start = a + head.offset.start;
    const end = a + tail.offset.start + tail.offset.length;
    if (start >= from && end <= to) out.push([start, end]);
  }
  return out;
}

/**
 * Raw scanner for English person names (used by detectPii); throws until
 * {@link loadPersonNames} has finished. Offsets are UTF-16 units.
 * @example await loadPersonNames(); scanPerson(scanInput('Dear John Smith'))[0]?.entity // 'PERSON'
 */
export function scanPerson(input: ScanInput): RawFinding[] {
  const { nlp, kinds } = requireModel();
  const s = input.normalized;
  const out: RawFinding[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(s); m; m = RUN.exec(s)) {
    const runEnd = m.index + m[0].length;
    // Most runs are one capitalised common word ('The', 'Please'): decide those without
    // tokenising.
    if (!/\s/.test(m[0]) && kinds.get(m[0].replace(/\.$/, '').toLowerCase()) === Kind.Common)
      continue;
    const tokens = tokenize(s, m.index, runEnd, kinds);
    const spans = decideRun(tokens, s) ?? parseRun(nlp, s, m.index, runEnd);
    for (const [start, end] of spans) {
      if (end - start < 2) continue;
      const context = CONTEXT.find(s, start, end);
      const title = tokens.find((t) => t.end <= start && t.kind === Kind.Title);
      if (title) {
        const word = s.slice(title.start, title.end).toLowerCase().replace(/\.$/, '');
        if (!context.includes(word)) context.unshift(word);
      }
      out.push({ entity: 'PERSON', start, end, score: context.length > 0 ? 0.85 : 0.6, context });
    }
  }
  return out;
}

/**
 * Finds person names in English or pinyin, in code-point offsets; throws until
 * {@link loadPersonNames} has finished.
 * @example await loadPersonNames(); detectPersons('😀 Dear Mrs. Mary Smith,')
 * // [{ entity: 'PERSON', start: 12, end: 22, text: 'Mary Smith', score: 0.85, context: ['dear', 'mrs'] }]
 */
export function detectPersons(text: string): PiiFinding[] {
  return runScanner(text, scanPerson);
}
