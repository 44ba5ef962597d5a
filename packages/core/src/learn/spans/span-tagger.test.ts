import { describe, expect, it } from 'vitest';
import { LearnInputError } from '../errors.ts';
import { spanPrf } from './span-metrics.ts';
import { SpanTagger } from './span-tagger.ts';
import { generateZhNer } from './zh-ner-synth.ts';

const LABELS = ['PER', 'ORG', 'LOC'];

describe('generateZhNer', () => {
  it('is deterministic and its spans cover the entity text (code points)', () => {
    expect(generateZhNer(5, 9)).toEqual(generateZhNer(5, 9));
    for (const ex of generateZhNer(200, 1)) {
      const chars = Array.from(ex.text);
      for (const s of ex.spans) {
        expect(s.end).toBeGreaterThan(s.start);
        expect(chars.slice(s.start, s.end).join('')).not.toMatch(/[，。、：]/);
      }
    }
  });
});

describe('SpanTagger on generated Chinese NER', () => {
  const tagger = new SpanTagger({ labels: LABELS });
  tagger.fit(generateZhNer(1000, 1));

  it('tags new sentences of seen contexts almost perfectly (F1 >= 0.97)', () => {
    const test = generateZhNer(300, 2);
    const r = spanPrf(
      test.map((e) => e.spans),
      test.map((e) => tagger.predict(e.text)),
    );
    expect(r.overall.f1.value).toBeGreaterThanOrEqual(0.97);
    expect(r.perLabel.PER!.f1.value).toBeGreaterThanOrEqual(0.95);
  });

  it('generalises to unseen contexts (F1 >= 0.7) and scores its errors lower', () => {
    const test = generateZhNer(300, 3, 'unseen');
    const pred = test.map((e) => tagger.predict(e.text));
    expect(
      spanPrf(
        test.map((e) => e.spans),
        pred,
      ).overall.f1.value,
    ).toBeGreaterThanOrEqual(0.7);
    const right: number[] = [];
    const wrong: number[] = [];
    pred.forEach((p, i) => {
      for (const s of p) {
        const ok = test[i]!.spans.some(
          (g) => g.start === s.start && g.end === s.end && g.label === s.label,
        );
        (ok ? right : wrong).push(s.score);
      }
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(right)).toBeGreaterThan(mean(wrong) + 0.05);
    expect(tagger.temperatureSource).toBe('held-out');
  });

  it('returns code-point offsets, the covered text and scores in [0, 1]', () => {
    const text = '😀😀王小明在北京的华星科技公司工作。';
    const spans = tagger.predict(text);
    expect(spans.map((s) => s.text)).toContain('北京');
    for (const s of spans) {
      expect(Array.from(text).slice(s.start, s.end).join('')).toBe(s.text);
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(1);
    }
    expect(tagger.predict('')).toEqual([]);
    expect(tagger.analyze('今天天气不错。').confidence).toBeLessThanOrEqual(1);
  });

  it('round-trips through JSON with identical predictions', () => {
    const back = SpanTagger.fromJSON(JSON.parse(JSON.stringify(tagger.toJSON())) as unknown);
    const text = generateZhNer(1, 77)[0]!.text;
    expect(back.predict(text)).toEqual(tagger.predict(text));
    expect(() => SpanTagger.fromJSON({ ...tagger.toJSON(), temperature: -1 })).toThrow(
      /temperature/,
    );
  });
});

describe('SpanTagger online', () => {
  it('learns from partialFit alone', () => {
    const t = new SpanTagger({ labels: LABELS });
    const before = generateZhNer(100, 5);
    for (const ex of generateZhNer(400, 4)) t.partialFit(ex);
    const r = spanPrf(
      before.map((e) => e.spans),
      before.map((e) => t.predict(e.text)),
    );
    expect(r.overall.f1.value).toBeGreaterThanOrEqual(0.9);
    expect(t.examplesSeen).toBe(400);
    expect(t.temperatureSource).toBe('prequential');
  });

  it('rejects bad examples and options with their place', () => {
    const t = new SpanTagger({ labels: ['PER'] });
    expect(() => t.fit([{ text: '王小明', spans: [{ start: 0, end: 9, label: 'PER' }] }])).toThrow(
      /examples\[0\]\.spans\[0\]/,
    );
    expect(() =>
      t.partialFit({ text: '王小明', spans: [{ start: 0, end: 3, label: 'LOC' }] }),
    ).toThrow(LearnInputError);
    expect(() => new SpanTagger({ labels: [] })).toThrow(/at least one label/);
    expect(() => new SpanTagger({ labels: ['A'], epochs: 0 })).toThrow(/epochs/);
  });
});
