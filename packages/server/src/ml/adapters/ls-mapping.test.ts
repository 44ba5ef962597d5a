import { describe, expect, it } from 'vitest';
import { buildImageSchema, buildSchema, validateRegions } from '@tessera/core/format';
import { labelConfigXml, lsResultsToRegions, regionsToLsResults } from './ls-mapping.ts';

describe('Label Studio mapping', () => {
  it('writes a labeling config with escaped values', () => {
    const schema = buildSchema();
    schema.controls[0]!.labels!.push({ value: 'a"b<c' });
    const xml = labelConfigXml(schema);
    expect(xml).toMatch(/^<View><Text name="text" value="\$text"\/>/);
    expect(xml).toContain('<Choices name="sentiment" toName="text" choice="single">');
    expect(xml).toContain('<Choice value="a&quot;b&lt;c"/>');
    expect(xml).toContain('<Labels name="entities" toName="text"><Label value="PER"/>');
    expect(xml).toContain('<Relations name="rel" toName="text">');
  });

  it('maps choices, labels and percent geometry to valid regions', () => {
    const text = buildSchema();
    const r = lsResultsToRegions(
      [
        {
          id: 'x',
          from_name: 'sentiment',
          to_name: 'text',
          type: 'choices',
          value: { choices: ['positive'] },
          score: 0.7,
        },
        {
          from_name: 'entities',
          to_name: 'text',
          type: 'labels',
          value: { start: 0, end: 5, labels: ['PER'], text: 'Alice' },
        },
      ],
      text,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.regions[0]).toEqual({
      id: 'x',
      control: 'sentiment',
      type: 'choice',
      value: { choices: ['positive'] },
      score: 0.7,
    });
    expect(r.regions[1]).toMatchObject({
      id: 'entities-2',
      type: 'span',
      value: { start: 0, end: 5 },
    });
    expect(validateRegions(text, r.regions, { text: 'Alice went home' }).ok).toBe(true);

    const img = buildImageSchema();
    const b = lsResultsToRegions(
      [
        {
          from_name: 'objects',
          to_name: 'image',
          type: 'rectanglelabels',
          original_width: 200,
          original_height: 100,
          value: { x: 10, y: 20, width: 50, height: 30, rotation: 0, rectanglelabels: ['car'] },
        },
      ],
      img,
    );
    expect(b.ok && b.regions[0]).toMatchObject({
      type: 'bbox',
      value: { x: 20, y: 20, width: 100, height: 30, labels: ['car'] },
    });
  });

  it('names what cannot be mapped', () => {
    const img = buildImageSchema();
    const noSize = lsResultsToRegions(
      [
        {
          from_name: 'objects',
          type: 'rectanglelabels',
          value: { x: 1, y: 1, width: 1, height: 1, rectanglelabels: ['car'] },
        },
      ],
      img,
    );
    expect(noSize).toEqual({ ok: false, reason: expect.stringMatching(/original_width/) });
    expect(lsResultsToRegions([{ from_name: 'nope', type: 'choices', value: {} }], img)).toEqual({
      ok: false,
      reason: expect.stringMatching(/no control "nope"/),
    });
    expect(
      lsResultsToRegions([{ from_name: 'objects', type: 'brushlabels', value: {} }], img),
    ).toEqual({
      ok: false,
      reason: expect.stringMatching(/unsupported result type "brushlabels"/),
    });
    expect(lsResultsToRegions('x', img).ok).toBe(false);
  });

  it('turns accepted regions back into results for /train', () => {
    const out = regionsToLsResults(
      [
        { id: 'c', control: 'sentiment', type: 'choice', value: { choices: ['negative'] } },
        {
          id: 's',
          control: 'entities',
          type: 'span',
          value: { start: 1, end: 3, labels: ['LOC'], text: 'ab' },
        },
      ],
      buildSchema(),
      {},
    );
    expect(out).toEqual([
      {
        id: 'c',
        from_name: 'sentiment',
        to_name: 'text',
        type: 'choices',
        value: { choices: ['negative'] },
      },
      {
        id: 's',
        from_name: 'entities',
        to_name: 'text',
        type: 'labels',
        value: { start: 1, end: 3, labels: ['LOC'], text: 'ab' },
      },
    ]);
  });
});
