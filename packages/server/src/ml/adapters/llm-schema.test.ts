import { describe, expect, it } from 'vitest';
import { buildSchema, validateRegions } from '@tessera/core/format';
import { answerToRegions, llmControls, responseSchema } from './llm-schema.ts';

describe('LLM JSON schema', () => {
  const schema = buildSchema();
  const controls = llmControls(schema, ['sentiment', 'entities']);

  it('builds a strict schema with the labels as enums', () => {
    const js = responseSchema(controls) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<
        string,
        { enum?: string[]; items?: { properties: { label: { enum: string[] } } } }
      >;
    };
    expect(js.required).toEqual(['sentiment', 'entities', 'confidence']);
    expect(js.additionalProperties).toBe(false);
    expect(js.properties.sentiment!.enum).toEqual(['positive', 'negative', 'neutral']);
    expect(js.properties.entities!.items!.properties.label.enum).toEqual(['PER', 'ORG', 'LOC']);
    expect(() => llmControls(schema, ['rel'])).toThrow(/relations/);
  });

  it('maps an answer to valid regions, locating each span text in code points', () => {
    const data = { text: '😀 王小明 met 王小明 in 北京' };
    const r = answerToRegions(
      {
        sentiment: 'positive',
        entities: [
          { text: '王小明', label: 'PER' },
          { text: '王小明', label: 'PER' },
          { text: '北京', label: 'LOC' },
        ],
        confidence: 0.8,
      },
      controls,
      data,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.score).toBe(0.8);
    const spans = r.regions
      .filter((x) => x.type === 'span')
      .map((x) => x.type === 'span' && [x.value.start, x.value.end]);
    expect(spans).toEqual([
      [2, 5],
      [10, 13],
      [17, 19],
    ]);
    expect(validateRegions(schema, r.regions, data).ok).toBe(true);
  });

  it('rejects what the schema does not allow', () => {
    const data = { text: 'hello' };
    expect(
      answerToRegions({ sentiment: 'meh', entities: [], confidence: 1 }, controls, data),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/not one of the labels/) });
    expect(
      answerToRegions(
        { sentiment: 'positive', entities: [{ text: 'bye', label: 'PER' }] },
        controls,
        data,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/does not occur/) });
    expect(answerToRegions({ sentiment: 'positive', extra: 1 }, controls, data)).toMatchObject({
      ok: false,
      reason: 'unexpected key "extra"',
    });
    expect(answerToRegions({ sentiment: 'positive', confidence: 3 }, controls, data)).toMatchObject(
      { ok: false },
    );
    expect(answerToRegions([1], controls, data)).toMatchObject({ ok: false });
  });
});
