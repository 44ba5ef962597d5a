import { describe, expect, it } from 'vitest';
import { buildImageSchema, buildSchema, validateRegions, type Region } from '../../format/index.ts';
import { generateZhNer } from '../spans/zh-ner-synth.ts';
import type { AdapterExample, ModelAdapter } from './model-adapter.ts';
import { SpanTaggerAdapter } from './span-tagger-adapter.ts';
import { TextClassifierAdapter } from './text-classifier-adapter.ts';

const schema = buildSchema();

const SENTIMENT: [string, string][] = [
  ['I love this, great product', 'positive'],
  ['Wonderful service, very happy', 'positive'],
  ['Excellent quality, love it', 'positive'],
  ['Terrible, broke after a day', 'negative'],
  ['Awful support, very angry', 'negative'],
  ['Bad quality, I hate it', 'negative'],
  ['It arrived on Tuesday', 'neutral'],
  ['The box is blue', 'neutral'],
  ['It has two buttons', 'neutral'],
];

const choiceExample = ([text, label]: [string, string], i: number): AdapterExample => ({
  task: { id: i, data: { text } },
  regions: [{ id: 'c', control: 'sentiment', type: 'choice', value: { choices: [label] } }],
});

describe('TextClassifierAdapter', () => {
  it('predicts valid choice regions after fit, and nothing before', async () => {
    const adapter: ModelAdapter = new TextClassifierAdapter(schema, 'sentiment');
    const tasks = [
      { id: 't-1', data: { text: 'great product, love it' } },
      { id: 't-2', data: { text: 'awful, I hate it' } },
    ];
    expect((await adapter.predict(tasks))[0]).toEqual({ task_id: 't-1', regions: [], score: 0 });
    const v0 = adapter.version;
    await adapter.fit!(SENTIMENT.map(choiceExample));
    expect(adapter.version).not.toBe(v0);
    const out = await adapter.predict(tasks);
    expect(out.map((p) => (p.regions[0]?.value as { choices: string[] }).choices[0])).toEqual([
      'positive',
      'negative',
    ]);
    out.forEach((p, i) => {
      expect(validateRegions(schema, p.regions, tasks[i]!.data)).toMatchObject({ ok: true });
      expect(p.score).toBeGreaterThan(1 / 3);
      expect(p.score).toBe(p.regions[0]!.score);
    });
  });

  it('learns online from single accepted annotations', async () => {
    const adapter = new TextClassifierAdapter(schema, 'sentiment');
    SENTIMENT.map(choiceExample).forEach((ex) => adapter.update(ex));
    adapter.update({ task: { id: 'x', data: { text: 'no label here' } }, regions: [] });
    expect(adapter.classifier.examplesSeen).toBe(SENTIMENT.length);
  });

  it('refuses controls it cannot serve and tasks without text, naming them', async () => {
    expect(() => new TextClassifierAdapter(schema, 'entities')).toThrow(
      /control "entities" is of type spans/,
    );
    expect(() => new TextClassifierAdapter(schema, 'nope')).toThrow(/no control named "nope"/);
    const multi = buildSchema({
      controls: [
        {
          name: 'tags',
          type: 'choices',
          field: 'text',
          multiple: true,
          labels: [{ value: 'a' }, { value: 'b' }],
        },
      ],
    });
    expect(() => new TextClassifierAdapter(multi, 'tags')).toThrow(/allows several choices/);
    const image = buildImageSchema({
      controls: [
        { name: 'kind', type: 'choices', field: 'image', labels: [{ value: 'a' }, { value: 'b' }] },
      ],
    });
    expect(() => new TextClassifierAdapter(image, 'kind')).toThrow(/reads text fields/);
    const adapter = new TextClassifierAdapter(schema, 'sentiment');
    await expect(adapter.predict([{ id: 1, data: { text: 5 } }])).rejects.toThrow(
      /tasks\[0\]\.data\.text: expected a string, got number/,
    );
    const badLabel = choiceExample(['x', 'meh'], 0);
    await expect(adapter.fit(SENTIMENT.map(choiceExample).concat(badLabel))).rejects.toThrow(
      /unknown label "meh"/,
    );
  });
});

describe('SpanTaggerAdapter', () => {
  const toExample = (
    ex: { text: string; spans: readonly { start: number; end: number; label: string }[] },
    i: number,
  ): AdapterExample => ({
    task: { id: i, data: { text: ex.text } },
    regions: ex.spans.map((s, k): Region => ({
      id: `s${k}`,
      control: 'entities',
      type: 'span',
      value: { start: s.start, end: s.end, labels: [s.label] },
    })),
  });

  it('predicts span regions that pass validateRegions (code points, text, no overlap)', async () => {
    const adapter = new SpanTaggerAdapter(schema, 'entities');
    await adapter.fit(generateZhNer(600, 1).map(toExample));
    const tasks = generateZhNer(50, 2, 'unseen').map((ex, i) => ({
      id: `t${i}`,
      data: { text: `😀${ex.text}` },
    }));
    const out = await adapter.predict(tasks);
    expect(out.reduce((n, p) => n + p.regions.length, 0)).toBeGreaterThan(50);
    out.forEach((p, i) => {
      const r = validateRegions(schema, p.regions, tasks[i]!.data);
      expect(r.ok ? [] : r.issues).toEqual([]);
      expect(p.score).toBeLessThanOrEqual(Math.min(1, ...p.regions.map((x) => x.score ?? 1)));
      expect(p.task_id).toBe(`t${i}`);
    });
  });

  it('updates the tagger and the gazetteer online', async () => {
    const adapter = new SpanTaggerAdapter(schema, 'entities', { epochs: 3 });
    generateZhNer(50, 3)
      .map(toExample)
      .forEach((ex) => adapter.update(ex));
    expect(adapter.tagger.examplesSeen).toBe(50);
    expect(adapter.gazetteer!.size).toBeGreaterThan(20);
    expect(() => new SpanTaggerAdapter(schema, 'sentiment')).toThrow(/needs a spans control/);
  });
});
