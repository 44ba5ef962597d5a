import type { LabelingSchema } from './labeling-schema.ts';

/*
 * Small builders of labeling schemas for tests and demos (here and in the server's tests), in
 * the manner of test factories: a sensible default, shallow overrides. They do not validate,
 * so a test can build an invalid schema on purpose; builders.test.ts checks the defaults are
 * valid.
 */

/**
 * A text-classification and NER schema: field `text` (text); choices `sentiment` (positive,
 * negative, neutral; hotkeys 1/2/3); spans `entities` (PER, ORG, LOC); relations `rel`
 * (works_for, located_in). Top-level keys of `overrides` replace the defaults.
 *
 * @example
 * const schema = buildSchema({ controls: [...buildSchema().controls, extra] });
 */
export function buildSchema(overrides: Partial<LabelingSchema> = {}): LabelingSchema {
  return {
    version: 1,
    fields: [{ name: 'text', type: 'text' }],
    controls: [
      {
        name: 'sentiment',
        type: 'choices',
        field: 'text',
        labels: [
          { value: 'positive', hotkey: '1' },
          { value: 'negative', hotkey: '2' },
          { value: 'neutral', hotkey: '3' },
        ],
      },
      {
        name: 'entities',
        type: 'spans',
        field: 'text',
        labels: [
          { value: 'PER', color: '#1f77b4' },
          { value: 'ORG', color: '#ff7f0e' },
          { value: 'LOC', color: '#2ca02c' },
        ],
      },
      {
        name: 'rel',
        type: 'relations',
        field: 'text',
        labels: [{ value: 'works_for' }, { value: 'located_in' }],
      },
    ],
    ...overrides,
  };
}

/**
 * An image schema: field `image` (image); bbox `objects` (car, person, dog); polygon `areas`
 * (road, building); keypoints `pose` (person). Top-level keys of `overrides` replace the
 * defaults.
 *
 * @example
 * const schema = buildImageSchema();
 * validateRegions(schema, [{ id: 'b1', control: 'objects', type: 'bbox',
 *   value: { x: 1, y: 2, width: 30, height: 40, labels: ['car'] } }]); // ok
 */
export function buildImageSchema(overrides: Partial<LabelingSchema> = {}): LabelingSchema {
  return {
    version: 1,
    fields: [{ name: 'image', type: 'image' }],
    controls: [
      {
        name: 'objects',
        type: 'bbox',
        field: 'image',
        labels: [{ value: 'car' }, { value: 'person' }, { value: 'dog' }],
      },
      {
        name: 'areas',
        type: 'polygon',
        field: 'image',
        labels: [{ value: 'road' }, { value: 'building' }],
      },
      { name: 'pose', type: 'keypoints', field: 'image', labels: [{ value: 'person' }] },
    ],
    ...overrides,
  };
}
