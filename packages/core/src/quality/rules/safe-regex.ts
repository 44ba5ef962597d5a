/*
 * A static guard against catastrophic backtracking for the `text_regex` rule.
 *
 * JavaScript's regex engine backtracks and cannot be interrupted, so one bad project pattern
 * such as `(a+)+$` would freeze the submit path on a crafted text. Instead of a timeout we
 * refuse, when the rule is configured, the two shapes that make backtracking exponential:
 *
 * 1. a quantifier inside a repeated group (star height > 1): `(a+)+`, `(\w*\s?)*`, `(a?){12}`;
 * 2. an alternation inside a repeated group whose branches are not plain literals with no
 *    branch a prefix of another: `(a|a)*`, `(\w|\d)+`, `(ab|a)+`, `(x|)+`. Prefix-free literal
 *    branches (`(?:cat|dog)+`) decode one way only, so they are allowed.
 *
 * What it does not catch: polynomial backtracking from adjacent quantifiers over overlapping
 * characters (`\s*\s*\s*$`, `.*a.*a.*a`). For that the rule caps the number of unbounded
 * quantifiers per pattern and the length of the text it runs on (see text-regex.ts), which
 * bounds the work to a low-degree polynomial of a capped input.
 */

/** A quantifier's repetition range; `max` is Infinity for `*`, `+` and `{n,}`. */
type Quant = { min: number; max: number };

/** One atom of a parsed pattern: a character (`literal` set when it is one plain character), a class or escape, an assertion, or a group. */
type Atom = {
  literal?: string;
  quant?: Quant;
  /** Alternatives of a group (each a sequence of atoms); absent for non-groups. */
  alts?: Atom[][];
};

/**
 * Most unbounded quantifiers (`*`, `+`, `{n,}`) one pattern may hold.
 *
 * @example
 * unsafePatternReason('a*b*c*d*e*'); // '... 5 unbounded quantifiers ...'
 */
export const MAX_UNBOUNDED_QUANTIFIERS = 4;

/**
 * Longest pattern accepted, in UTF-16 units.
 *
 * @example
 * pattern.length <= MAX_PATTERN_LENGTH; // 500
 */
export const MAX_PATTERN_LENGTH = 500;

// Sticky, so it reads at a given index however many digits follow (`{99999999999999999999,}`).
const QUANT_BRACES = /\{(\d+)(?:(,)(\d*))?\}/y;

/** Reads a quantifier at `i`; returns it and the index after it (and after a lazy `?`). */
function readQuant(p: string, i: number): { quant: Quant; next: number } | undefined {
  const c = p[i];
  let quant: Quant | undefined;
  let next = i + 1;
  if (c === '*') quant = { min: 0, max: Infinity };
  else if (c === '+') quant = { min: 1, max: Infinity };
  else if (c === '?') quant = { min: 0, max: 1 };
  else if (c === '{') {
    QUANT_BRACES.lastIndex = i;
    const m = QUANT_BRACES.exec(p);
    if (!m) return undefined; // a literal "{" outside unicode mode
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    quant = { min, max };
    next = i + m[0].length;
  }
  if (!quant) return undefined;
  if (p[next] === '?') next++;
  return { quant, next };
}

/** Index just after the character class that opens at `i` (`[` ... `]`). */
function skipClass(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '^') j++;
  for (; j < p.length; j++) {
    if (p[j] === '\\') j++;
    else if (p[j] === ']') return j + 1;
  }
  return p.length;
}

/** Reads an escape at `i` (`\` ...); returns the atom and the index after it. */
function readEscape(p: string, i: number): { atom: Atom; next: number } {
  const c = p[i + 1] ?? '';
  if (/[pPk]/.test(c) || (c === 'u' && p[i + 2] === '{')) {
    const close = p.indexOf(c === 'k' ? '>' : '}', i + 2);
    return { atom: {}, next: close === -1 ? p.length : close + 1 };
  }
  if (c === 'u') return { atom: {}, next: i + 6 };
  if (c === 'x') return { atom: {}, next: i + 4 };
  if (c === 'c') return { atom: {}, next: i + 3 };
  if (/\d/.test(c)) {
    let j = i + 1;
    while (/\d/.test(p[j] ?? '')) j++;
    return { atom: {}, next: j };
  }
  // An escaped punctuation character (`\.`, `\(`) is that character; letters are classes.
  return { atom: /[A-Za-z]/.test(c) ? {} : { literal: c }, next: i + 2 };
}

/** Index after a group's opening (`(`, `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`). */
function skipGroupOpen(p: string, i: number): number {
  if (p[i + 1] !== '?') return i + 1;
  if (p[i + 2] === '<' && p[i + 3] !== '=' && p[i + 3] !== '!') {
    const close = p.indexOf('>', i + 3);
    return close === -1 ? p.length : close + 1;
  }
  return i + (p[i + 2] === '<' ? 4 : 3);
}

/** Parser over a pattern already known to compile, so it can be lenient about errors. */
class PatternParser {
  private i = 0;
  constructor(private readonly p: string) {}

  parse(): Atom[][] {
    return this.alternation();
  }

  private alternation(): Atom[][] {
    const alts: Atom[][] = [this.sequence()];
    while (this.p[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts;
  }

  private sequence(): Atom[] {
    const seq: Atom[] = [];
    while (this.i < this.p.length && this.p[this.i] !== '|' && this.p[this.i] !== ')') {
      const atom = this.atom();
      const q = readQuant(this.p, this.i);
      if (q) {
        atom.quant = q.quant;
        this.i = q.next;
      }
      seq.push(atom);
    }
    return seq;
  }

  private atom(): Atom {
    const { p } = this;
    const c = p[this.i];
    if (c === '(') {
      this.i = skipGroupOpen(p, this.i);
      const alts = this.alternation();
      if (p[this.i] === ')') this.i++;
      return { alts };
    }
    if (c === '[') {
      this.i = skipClass(p, this.i);
      return {};
    }
    if (c === '\\') {
      const e = readEscape(p, this.i);
      this.i = e.next;
      return e.atom;
    }
    this.i++;
    return c === '.' || c === '^' || c === '$' ? {} : { literal: c ?? '' };
  }
}

/** A quantifier that can match a varying number of times (`?`, `*`, `+`, `{1,3}`). */
function isVariable(q: Quant | undefined): boolean {
  return q !== undefined && q.max > q.min;
}

/** True when any atom in `alts` (at any depth) carries a variable quantifier. */
function hasVariableQuantifier(alts: readonly Atom[][]): boolean {
  return alts.some((seq) =>
    seq.some((a) => isVariable(a.quant) || (a.alts !== undefined && hasVariableQuantifier(a.alts))),
  );
}

/** The branch as a plain string when every atom is one unquantified literal character. */
function literalBranch(seq: readonly Atom[], ignoreCase: boolean): string | undefined {
  let s = '';
  for (const a of seq) {
    if (a.literal === undefined || a.alts !== undefined || (a.quant && a.quant.max !== 1)) {
      return undefined;
    }
    s += a.literal;
  }
  return ignoreCase ? s.toLowerCase() : s;
}

/** True when the branches are literals and none is a prefix of another (one way to decode). */
function isPrefixFree(alts: readonly Atom[][], ignoreCase: boolean): boolean {
  const lits = alts.map((seq) => literalBranch(seq, ignoreCase));
  if (lits.some((l) => l === undefined)) return false;
  const strs = lits as string[];
  return strs.every((a, i) => strs.every((b, j) => i === j || !b.startsWith(a)));
}

/** True when an alternation somewhere inside `alts` is ambiguous (see the file comment). */
function hasAmbiguousAlternation(alts: readonly Atom[][], ignoreCase: boolean): boolean {
  if (alts.length > 1 && !isPrefixFree(alts, ignoreCase)) return true;
  return alts.some((seq) =>
    seq.some((a) => a.alts !== undefined && hasAmbiguousAlternation(a.alts, ignoreCase)),
  );
}

/** Walks every group, returning the first reason a repeated group is unsafe. */
function findUnsafeGroup(alts: readonly Atom[][], ignoreCase: boolean): string | undefined {
  for (const seq of alts) {
    for (const a of seq) {
      if (a.alts === undefined) continue;
      if (a.quant && a.quant.max > 1) {
        if (hasVariableQuantifier(a.alts)) {
          return 'it repeats a group that holds another quantifier (like (a+)+), which can take exponential time';
        }
        if (hasAmbiguousAlternation(a.alts, ignoreCase)) {
          return 'it repeats a group whose alternatives can match the same text (like (a|a)* or (\\w|\\d)+), which can take exponential time';
        }
      }
      const inner = findUnsafeGroup(a.alts, ignoreCase);
      if (inner) return inner;
    }
  }
  return undefined;
}

function countUnbounded(alts: readonly Atom[][]): number {
  let n = 0;
  for (const seq of alts) {
    for (const a of seq) {
      if (a.quant && a.quant.max === Infinity) n++;
      if (a.alts) n += countUnbounded(a.alts);
    }
  }
  return n;
}

/**
 * Why a pattern is refused, or undefined when it compiles and passes the static
 * catastrophic-backtracking check (see the file comment for what is and is not caught).
 *
 * @example
 * unsafePatternReason('(a+)+$'); // 'it repeats a group that holds another quantifier ...'
 * unsafePatternReason('^[A-Z][^。]*。$'); // undefined
 */
export function unsafePatternReason(pattern: string, flags = ''): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `patterns are limited to ${MAX_PATTERN_LENGTH} characters (this one has ${pattern.length})`;
  }
  try {
    new RegExp(pattern, flags);
  } catch (e) {
    return `not a valid regular expression: ${(e as Error).message}`;
  }
  const tree = new PatternParser(pattern).parse();
  const reason = findUnsafeGroup(tree, flags.includes('i'));
  if (reason) return reason;
  const unbounded = countUnbounded(tree);
  if (unbounded > MAX_UNBOUNDED_QUANTIFIERS) {
    return `it has ${unbounded} unbounded quantifiers (*, + or {n,}); at most ${MAX_UNBOUNDED_QUANTIFIERS} are allowed, to bound backtracking`;
  }
  return undefined;
}
