/**
 * Person names in English (and pinyin) text, found by the `compromise` NLP library's
 * `people()` view.
 *
 * compromise reports offsets in UTF-16 units and splits words on spaces only, so a CJK run
 * glued to a name ('Johnson，电话…') would become part of it. Before parsing, every character
 * outside the Latin script is replaced by spaces of the same UTF-16 length: offsets stay
 * valid, and CJK text acts as a word break.
 */

import nlp from 'compromise';
import { ContextWords, runScanner } from './scan.ts';
import type { PiiFinding, RawFinding, ScanInput } from './types.ts';

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

/** The slice of compromise's `json({ offset: true })` output that is used here. */
interface CompromiseTerm {
  text: string;
  offset: { start: number; length: number };
}
interface CompromisePerson {
  terms: CompromiseTerm[];
}

/** Blanks everything outside Latin letters, digits and ASCII punctuation, unit for unit. */
function latinOnly(s: string): string {
  return s.replace(/[^\t-\u024f\u1e00-\u1eff\u2019]/g, ' ');
}

/**
 * Raw scanner for English person names (used by detectPii).
 * Offsets are UTF-16 units; the public detectors convert them to code points.
 * @example scanPerson(scanInput('Dear John Smith'))[0]?.entity // 'PERSON'
 */
export function scanPerson(input: ScanInput): RawFinding[] {
  const s = input.normalized;
  if (!/[A-Za-z]/.test(s)) return [];
  // compromise's json() is typed loosely; the fields read here are checked above.
  const people = nlp(latinOnly(s)).people().json({ offset: true }) as CompromisePerson[];
  const out: RawFinding[] = [];
  for (const person of people) {
    const terms = person.terms.filter((t) => t.text.length > 0);
    const honorific =
      terms.length > 1 && TITLES.has(terms[0]!.text.toLowerCase().replace(/\.$/, ''));
    const kept = honorific ? terms.slice(1) : terms;
    const first = kept[0];
    const last = kept[kept.length - 1];
    if (!first || !last) continue;
    const start = first.offset.start;
    let end = last.offset.start + last.offset.length;
    // A possessive ('John's') is not part of the name.
    if (/['’]s$/i.test(s.slice(start, end))) end -= 2;
    if (end - start < 2 || !/^\p{L}/u.test(s.slice(start, end))) continue;
    const context = CONTEXT.find(s, start, end);
    const title = terms[0]!.text.toLowerCase().replace(/\.$/, '');
    if (honorific && !context.includes(title)) context.unshift(title);
    // Capitalised names are the common case; lower-case hits are more often common nouns.
    const capital = /^\p{Lu}/u.test(s[start]!);
    const score = (capital ? 0.6 : 0.35) + (context.length > 0 ? 0.25 : 0);
    out.push({ entity: 'PERSON', start, end, score, context });
  }
  return out;
}

/**
 * Finds person names in English or pinyin with compromise, in code-point offsets.
 * @example detectPersons('😀 Dear Mrs. Mary Smith,')
 * // [{ entity: 'PERSON', start: 12, end: 22, text: 'Mary Smith', score: 0.85, context: ['dear', 'mrs'] }]
 */
export function detectPersons(text: string): PiiFinding[] {
  return runScanner(text, scanPerson);
}
