/**
 * The generated Chinese test set (fixtures/zh-pii-set.json, from bench/src/pii-zh-set.ts):
 * per-entity precision and recall of detectPii at its defaults must not fall below the
 * figures in docs/compliance.md, so a regression fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateZhPiiSet, SEED } from '../../../../../bench/src/pii-zh-set.ts';
import fixture from '../fixtures/zh-pii-set.json' with { type: 'json' };
import { detectPii, preparePii } from './detect.ts';
import { scorePii, type LabelledText } from './evaluate.ts';
import { PII_ENTITIES } from './types.ts';

const set = fixture.sentences as LabelledText[];

// Recall floors: every type 1.0 except Chinese names, where a third of the gold names have no
// cue (张三昨天去了…, 客户张三的…) and the detector does not report a name without one.
const RECALL_FLOOR: Record<string, number> = { CN_PERSON: 0.6 };

describe('Chinese PII test set', () => {
  beforeAll(() => preparePii());

  it('is what the generator gives for its seed, with >= 300 sentences, negatives included', () => {
    expect(fixture.seed).toBe(SEED);
    expect(set).toEqual(generateZhPiiSet(SEED));
    expect(set.length).toBeGreaterThanOrEqual(300);
    expect(set.filter((s) => s.spans.length === 0).length).toBeGreaterThanOrEqual(50);
  });

  it('has gold spans of every entity detectPii reports', () => {
    const kinds = new Set(set.flatMap((s) => s.spans.map((g) => g.entity)));
    expect([...kinds].sort()).toEqual([...PII_ENTITIES].sort());
  });

  it('keeps precision 1.0 and the recall floors per entity at the default minimum score', () => {
    const rows = scorePii(set, (t) => detectPii(t));
    for (const r of rows) {
      expect(r.precision, `${r.entity} precision`).toBe(1);
      expect(r.recall!, `${r.entity} recall`).toBeGreaterThanOrEqual(RECALL_FLOOR[r.entity] ?? 1);
    }
  });

  it('finds nothing in the negative sentences (look-alike numbers, place names)', () => {
    for (const s of set.filter((x) => x.spans.length === 0))
      expect(detectPii(s.text), s.text).toEqual([]);
  });
});
