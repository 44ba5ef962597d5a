import { z } from 'zod';
import { LearnInputError } from '../errors.ts';
import { parseState } from '../state-schema.ts';
import { charType } from '../text/char-type.ts';
import type { ScoredSpan, SpanExample } from './span-tagger.ts';

/**
 * Settings of a {@link Gazetteer}.
 *
 * @example
 * ```ts
 * const o: GazetteerOptions = { minLength: 2, caseSensitive: false };
 * ```
 */
export interface GazetteerOptions {
  /** Shortest entry in code points (default 2: one-character entries match too much). */
  minLength?: number;
  /** Match case exactly (default false: "Paris" also matches "PARIS"). */
  caseSensitive?: boolean;
}

/**
 * Zod schema of a saved gazetteer.
 *
 * @example
 * ```ts
 * GazetteerStateSchema.parse(gazetteer.toJSON()); // ok
 * ```
 */
export const GazetteerStateSchema = z.strictObject({
  kind: z.literal('tessera.gazetteer'),
  formatVersion: z.literal(1),
  options: z.strictObject({ minLength: z.number().int().positive(), caseSensitive: z.boolean() }),
  entries: z.array(z.tuple([z.string().min(1), z.record(z.string(), z.number().int().positive())])),
});

/**
 * A saved gazetteer (see {@link GazetteerStateSchema}).
 *
 * @example
 * ```ts
 * const s: GazetteerState = gazetteer.toJSON(); // entries: [['北京', { LOC: 3 }], ...]
 * ```
 */
export type GazetteerState = z.infer<typeof GazetteerStateSchema>;

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Label counts when an entry ends here. */
  labels?: Map<string, number>;
  /** The entry as first added (for saving). */
  surface?: string;
}

/**
 * A dictionary of entity strings built from accepted spans, matched leftmost-longest over a
 * character trie (a match is O(text length × longest entry), no regular expressions, so any
 * number of entries is safe). Each entry remembers how often it was accepted under each
 * label; a match takes the most frequent label and the score (count + 1) / (total + 2), the
 * Laplace estimate of that label being right. Latin and digit entries only match whole
 * tokens ("Li" does not match inside "Lisbon"); CJK entries match anywhere, there being no
 * word boundaries to check.
 *
 * @example
 * ```ts
 * const g = new Gazetteer();
 * g.add('北京', 'LOC');
 * g.match('我在北京工作'); // [{ start: 2, end: 4, label: 'LOC', text: '北京', score: 0.667 }]
 * ```
 */
export class Gazetteer {
  readonly options: Required<GazetteerOptions>;
  private readonly root: TrieNode = { next: new Map() };
  private count = 0;

  constructor(opts: GazetteerOptions = {}) {
    this.options = { minLength: opts.minLength ?? 2, caseSensitive: opts.caseSensitive ?? false };
    if (!Number.isInteger(this.options.minLength) || this.options.minLength < 1) {
      throw new LearnInputError(
        'bad_option',
        `minLength must be a positive integer, got ${this.options.minLength}`,
      );
    }
  }

  /** Number of distinct entries. */
  get size(): number {
    return this.count;
  }

  /** Adds `surface` as an accepted entity of `label` (`times` times). Short entries are ignored. */
  add(surface: string, label: string, times = 1): void {
    const chars = this.normalize(surface.trim());
    if (chars.length < this.options.minLength || label === '') return;
    let node = this.root;
    for (const ch of chars) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map() }));
      node = child;
    }
    if (!node.labels) {
      node.labels = new Map();
      node.surface = surface.trim();
      this.count++;
    }
    node.labels.set(label, (node.labels.get(label) ?? 0) + times);
  }

  /** Adds every span of accepted examples (the text each span covers). */
  addExamples(examples: readonly SpanExample[]): void {
    for (const ex of examples) {
      const chars = Array.from(ex.text);
      for (const s of ex.spans) this.add(chars.slice(s.start, s.end).join(''), s.label);
    }
  }

  /** Entries found in `text`, leftmost-longest, non-overlapping, offsets in code points. */
  match(text: string): ScoredSpan[] {
    const orig = Array.from(text);
    const chars = this.normalize(text);
    const out: ScoredSpan[] = [];
    let i = 0;
    while (i < chars.length) {
      const end = this.longestAt(chars, i);
      if (end < 0) {
        i++;
        continue;
      }
      const node = this.walk(chars, i, end)!;
      const [label, n, total] = majority(node.labels!);
      out.push({
        start: i,
        end,
        label,
        text: orig.slice(i, end).join(''),
        score: (n + 1) / (total + 2),
      });
      i = end;
    }
    return out;
  }

  /** Everything needed to restore the gazetteer. */
  toJSON(): GazetteerState {
    const entries: GazetteerState['entries'] = [];
    const visit = (n: TrieNode) => {
      if (n.labels) entries.push([n.surface!, Object.fromEntries(n.labels)]);
      for (const c of n.next.values()) visit(c);
    };
    visit(this.root);
    return { kind: 'tessera.gazetteer', formatVersion: 1, options: { ...this.options }, entries };
  }

  /** Restores a gazetteer saved with `toJSON`. */
  static fromJSON(state: unknown): Gazetteer {
    const s = parseState(GazetteerStateSchema, state, 'Gazetteer.fromJSON');
    const g = new Gazetteer(s.options);
    for (const [surface, labels] of s.entries) {
      for (const [label, n] of Object.entries(labels)) g.add(surface, label, n);
    }
    return g;
  }

  /** Code points, lower-cased one by one unless case-sensitive (offsets must not move). */
  private normalize(s: string): string[] {
    const chars = Array.from(s);
    if (this.options.caseSensitive) return chars;
    return chars.map((c) => {
      const l = c.toLowerCase();
      return Array.from(l).length === 1 ? l : c;
    });
  }

  /** End of the longest entry starting at i that sits on token boundaries, or -1. */
  private longestAt(chars: readonly string[], i: number): number {
    if (isWordChar(chars[i]) && isWordChar(chars[i - 1])) return -1;
    let node = this.root;
    let best = -1;
    for (let j = i; j < chars.length; j++) {
      const next = node.next.get(chars[j]!);
      if (!next) break;
      node = next;
      if (node.labels && !(isWordChar(chars[j]) && isWordChar(chars[j + 1]))) best = j + 1;
    }
    return best;
  }

  private walk(chars: readonly string[], i: number, end: number): TrieNode | undefined {
    let node: TrieNode | undefined = this.root;
    for (let j = i; j < end && node; j++) node = node.next.get(chars[j]!);
    return node;
  }
}

/** Latin letters and digits form tokens; CJK characters do not need boundaries. */
function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const t = charType(ch);
  return t === 'latin' || t === 'digit';
}

/** Most frequent label (first added on ties), its count and the total. */
function majority(labels: Map<string, number>): [string, number, number] {
  let best = '';
  let n = -1;
  let total = 0;
  for (const [l, c] of labels) {
    total += c;
    if (c > n) [best, n] = [l, c];
  }
  return [best, n, total];
}
