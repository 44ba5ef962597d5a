import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../quality/index.ts';
import { BioTags } from './bio.ts';
import { marginals, viterbi, type ChainScores } from './decode.ts';

const bio = new BioTags(['A', 'B']);
const T = bio.size;

function randomChain(n: number, seed: number, spread = 6): ChainScores {
  const r = seededRandom(seed);
  return {
    emit: new Float64Array(n * T).map(() => (r() - 0.5) * spread),
    trans: new Float64Array(T * T).map(() => r() - 0.5),
    start: new Float64Array(T).map(() => r() - 0.5),
    length: n,
  };
}

/** Every valid BIO sequence with its score: the reference both decoders must agree with. */
function enumerate(s: ChainScores): { tags: number[]; score: number }[] {
  const out: { tags: number[]; score: number }[] = [];
  const seq: number[] = [];
  const rec = (i: number, score: number) => {
    if (i === s.length) return void out.push({ tags: [...seq], score });
    for (let t = 0; t < T; t++) {
      const prev = seq[i - 1];
      if (i === 0 ? !bio.allowedStart[t] : !bio.allowed[prev! * T + t]) continue;
      seq[i] = t;
      rec(i + 1, score + s.emit[i * T + t]! + (i === 0 ? s.start[t]! : s.trans[prev! * T + t]!));
    }
  };
  rec(0, 0);
  return out;
}

describe('viterbi', () => {
  it('finds the best valid BIO sequence (exhaustive check)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const s = randomChain(5, seed);
      const all = enumerate(s);
      const best = all.reduce((a, b) => (b.score > a.score ? b : a));
      expect(Array.from(viterbi(s, bio))).toEqual(best.tags);
    }
  });

  it('never starts with I- nor puts I-X after O or after another label', () => {
    const s = randomChain(30, 3, 20);
    for (let i = 0; i < 30; i++) s.emit[i * T + 2] = 100; // I-A everywhere is tempting
    const tags = viterbi(s, bio);
    expect(tags[0]).not.toBe(2);
    for (let i = 1; i < 30; i++) expect(bio.allowed[tags[i - 1]! * T + tags[i]!]).toBe(1);
  });
});

describe('marginals', () => {
  it('equal brute-force marginals at several temperatures, including underflowing ones', () => {
    for (const temp of [0.01, 0.3, 1, 4]) {
      const s = randomChain(5, 11, temp < 0.1 ? 40 : 6);
      const all = enumerate(s);
      const m = marginals(s, bio, temp);
      const top = Math.max(...all.map((x) => x.score));
      const ref = new Float64Array(5 * T);
      let z = 0;
      for (const x of all) {
        const w = Math.exp((x.score - top) / temp);
        z += w;
        x.tags.forEach((t, i) => (ref[i * T + t]! += w));
      }
      for (let k = 0; k < ref.length; k++) expect(m[k]!).toBeCloseTo(ref[k]! / z, 9);
    }
  });
});

describe('BioTags', () => {
  it('encodes and decodes spans, and names tags', () => {
    const tags = bio.encode(
      6,
      [
        { start: 1, end: 3, label: 'B' },
        { start: 3, end: 4, label: 'A' },
      ],
      'x',
    );
    expect(Array.from(tags)).toEqual([0, 3, 4, 1, 0, 0]);
    expect(bio.decode(tags)).toEqual([
      { start: 1, end: 3, label: 'B' },
      { start: 3, end: 4, label: 'A' },
    ]);
    expect([0, 1, 2].map((t) => bio.name(t))).toEqual(['O', 'B-A', 'I-A']);
  });

  it('rejects spans it cannot represent, saying which one and why', () => {
    expect(() => bio.encode(3, [{ start: 0, end: 4, label: 'A' }], 'examples[2]')).toThrow(
      /examples\[2\]\.spans\[0\]: \[0, 4\) is empty or past the end/,
    );
    expect(() => bio.encode(3, [{ start: 0, end: 1, label: 'C' }], 'e')).toThrow(
      /unknown label "C"/,
    );
    expect(() =>
      bio.encode(
        5,
        [
          { start: 0, end: 3, label: 'A' },
          { start: 2, end: 4, label: 'B' },
        ],
        'e',
      ),
    ).toThrow(/e\.spans\[1\]: overlaps another span at offset 2/);
  });
});
