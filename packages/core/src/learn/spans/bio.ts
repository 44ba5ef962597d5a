import { LearnInputError } from '../errors.ts';

/**
 * A labeled span of text, `[start, end)` in Unicode code points (docs/FORMAT.md).
 *
 * @example
 * ```ts
 * const s: LabeledSpan = { start: 0, end: 3, label: 'PER' }; // "王小明" in "王小明在北京"
 * ```
 */
export interface LabeledSpan {
  start: number;
  end: number;
  label: string;
}

/**
 * BIO tags over `labels`: tag 0 is O, tag 1 + 2i is B-label_i, tag 2 + 2i is I-label_i.
 *
 * @example
 * ```ts
 * const tags = new BioTags(['PER', 'LOC']);
 * tags.size; // 5
 * tags.name(3); // 'B-LOC'
 * ```
 */
export class BioTags {
  readonly size: number;
  /** allowed[prev * size + cur]: 1 when tag `cur` may follow tag `prev`. */
  readonly allowed: Uint8Array;
  /** allowedStart[t]: 1 when a text may start with tag t (not with an I- tag). */
  readonly allowedStart: Uint8Array;

  constructor(readonly labels: readonly string[]) {
    this.size = 1 + 2 * labels.length;
    this.allowed = new Uint8Array(this.size * this.size);
    this.allowedStart = new Uint8Array(this.size);
    for (let cur = 0; cur < this.size; cur++) {
      this.allowedStart[cur] = this.isInside(cur) ? 0 : 1;
      for (let prev = 0; prev < this.size; prev++) {
        // I-X only continues B-X or I-X: the BIO constraint, enforced in decoding and training.
        const ok = !this.isInside(cur) || (prev !== 0 && this.labelOf(prev) === this.labelOf(cur));
        this.allowed[prev * this.size + cur] = ok ? 1 : 0;
      }
    }
  }

  /** True for I- tags. */
  isInside(t: number): boolean {
    return t > 0 && t % 2 === 0;
  }

  /** Label index of a B- or I- tag (-1 for O). */
  labelOf(t: number): number {
    return t === 0 ? -1 : (t - 1) >> 1;
  }

  /** Printable tag name (`O`, `B-PER`, `I-PER`). */
  name(t: number): string {
    if (t === 0) return 'O';
    return `${this.isInside(t) ? 'I' : 'B'}-${this.labels[this.labelOf(t)]}`;
  }

  /**
   * Tags of a text of `length` code points with `spans`. Spans must lie in the text, use known
   * labels and not overlap (a BIO tagger cannot represent overlaps); `where` names the input in
   * errors.
   */
  encode(length: number, spans: readonly LabeledSpan[], where: string): Int32Array {
    const tags = new Int32Array(length);
    spans.forEach((s, i) => {
      const at = `${where}.spans[${i}]`;
      if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0) {
        throw new LearnInputError('bad_example', `${at}: start and end must be integers >= 0`);
      }
      if (s.end <= s.start || s.end > length) {
        throw new LearnInputError(
          'bad_example',
          `${at}: [${s.start}, ${s.end}) is empty or past the end of the text (${length} code points)`,
        );
      }
      const li = this.labels.indexOf(s.label);
      if (li < 0) {
        throw new LearnInputError(
          'unknown_label',
          `${at}.label: unknown label ${JSON.stringify(s.label)} (labels: ${this.labels.join(', ')})`,
        );
      }
      for (let p = s.start; p < s.end; p++) {
        if (tags[p] !== 0) {
          throw new LearnInputError('bad_example', `${at}: overlaps another span at offset ${p}`);
        }
        tags[p] = p === s.start ? 1 + 2 * li : 2 + 2 * li;
      }
    });
    return tags;
  }

  /**
   * Spans of a tag sequence (valid BIO: decoders here never produce I- after O).
   *
   * @example
   * ```ts
   * new BioTags(['PER']).decode(Int32Array.of(1, 2, 0)); // [{ start: 0, end: 2, label: 'PER' }]
   * ```
   */
  decode(tags: Int32Array): LabeledSpan[] {
    const out: LabeledSpan[] = [];
    let i = 0;
    while (i < tags.length) {
      const t = tags[i]!;
      if (t === 0) {
        i++;
        continue;
      }
      const li = this.labelOf(t);
      let j = i + 1;
      while (j < tags.length && tags[j] === 2 + 2 * li) j++;
      out.push({ start: i, end: j, label: this.labels[li]! });
      i = j;
    }
    return out;
  }
}
