import { describe, expect, it } from 'vitest';
import { buildImageSchema, buildSchema } from './builders.ts';
import { parseLabelingSchema } from './labeling-schema.ts';
import { validateRegions } from './validate-regions.ts';

describe('builders', () => {
  it('build valid schemas', () => {
    expect(parseLabelingSchema(buildSchema())).toEqual({ ok: true, value: buildSchema() });
    expect(parseLabelingSchema(buildImageSchema())).toEqual({
      ok: true,
      value: buildImageSchema(),
    });
  });

  it('have the controls and labels other tests rely on', () => {
    const [sentiment, entities, rel] = buildSchema().controls;
    expect(sentiment).toMatchObject({ name: 'sentiment', type: 'choices', field: 'text' });
    expect(sentiment?.labels?.map((l) => [l.value, l.hotkey])).toEqual([
      ['positive', '1'],
      ['negative', '2'],
      ['neutral', '3'],
    ]);
    expect(entities?.labels?.map((l) => l.value)).toEqual(['PER', 'ORG', 'LOC']);
    expect(rel).toMatchObject({ name: 'rel', type: 'relations' });
    expect(buildImageSchema().controls.map((c) => c.type)).toEqual([
      'bbox',
      'polygon',
      'keypoints',
    ]);
  });

  it('apply overrides and return fresh objects', () => {
    expect(buildSchema({ version: 4, guidelines: 'g' })).toMatchObject({
      version: 4,
      guidelines: 'g',
    });
    const a = buildSchema();
    a.controls.pop();
    expect(buildSchema().controls).toHaveLength(3);
  });

  it('build an image schema that accepts each of its region types', () => {
    const regions = [
      {
        id: 'b',
        control: 'objects',
        type: 'bbox',
        value: { x: 0, y: 0, width: 5, height: 5, labels: ['car'] },
      },
      {
        id: 'p',
        control: 'areas',
        type: 'polygon',
        value: {
          points: [
            [0, 0],
            [4, 0],
            [4, 4],
          ],
          labels: ['road'],
        },
      },
      {
        id: 'k',
        control: 'pose',
        type: 'keypoints',
        value: { points: [{ x: 1, y: 1 }], labels: ['person'] },
      },
    ];
    expect(validateRegions(buildImageSchema(), regions).ok).toBe(true);
  });
});
