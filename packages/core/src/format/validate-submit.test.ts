import { describe, expect, it } from 'vitest';
import { buildImageSchema, buildSchema } from './builders.ts';
import type { Control } from './control.ts';
import type { Issue } from './issues.ts';
import type { LabelingSchema } from './labeling-schema.ts';
import { validateAnnotationForSubmit, validateRegions } from './validate-regions.ts';

/* Attribute checks and what submit adds on top of validateRegions. */

const span = (id: string, start: number, end: number, labels = ['PER']): unknown => ({
  id,
  control: 'entities',
  type: 'span',
  value: { start, end, labels },
});
const choice = (id: string, choices: string[]): unknown => ({
  id,
  control: 'sentiment',
  type: 'choice',
  value: { choices },
});
const box = (id: string, extra: object = {}): unknown => ({
  id,
  control: 'objects',
  type: 'bbox',
  value: { x: 1, y: 2, width: 30, height: 40, labels: ['car'] },
  ...extra,
});

function issues(schema: LabelingSchema, regions: unknown): Issue[] {
  const r = validateRegions(schema, regions);
  return r.ok ? [] : r.issues;
}

describe('validateRegions: attributes', () => {
  const schema = buildImageSchema({
    controls: [
      {
        name: 'objects',
        type: 'bbox',
        field: 'image',
        labels: [{ value: 'car' }],
        attributes: [
          { name: 'occluded', type: 'boolean', required: true },
          { name: 'colour', type: 'choice', options: ['red', 'blue'] },
          { name: 'tags', type: 'multichoice', options: ['new', 'old'] },
          { name: 'note', type: 'text' },
          { name: 'count', type: 'number' },
        ],
      },
    ],
  });

  it('accepts attributes as defined', () => {
    const attributes = { occluded: true, colour: 'red', tags: ['new'], note: 'x', count: 2 };
    expect(issues(schema, [box('b1', { attributes })])).toEqual([]);
  });

  it('reports unknown attributes, wrong types and options', () => {
    const attributes = { occluded: 'yes', colour: 'pink', tags: ['new', 'new', 'odd'], size: 3 };
    expect(issues(schema, [box('b1', { attributes })])).toEqual([
      {
        path: 'regions[0].attributes.occluded',
        message: 'attribute "occluded" takes true or false, not a string',
      },
      {
        path: 'regions[0].attributes.colour',
        message: '"pink" is not an option of attribute "colour" (options: red, blue)',
      },
      { path: 'regions[0].attributes.tags[1]', message: 'option "new" is chosen twice' },
      {
        path: 'regions[0].attributes.tags[2]',
        message: '"odd" is not an option of attribute "tags" (options: new, old)',
      },
      {
        path: 'regions[0].attributes.size',
        message:
          'control "objects" has no attribute "size" (attributes are occluded, colour, tags, note, count)',
      },
    ]);
  });

  it('leaves required attributes to submit', () => {
    expect(issues(schema, [box('b1')])).toEqual([]);
    const r = validateAnnotationForSubmit(schema, [box('b1')]);
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          path: 'regions[0].attributes',
          message: 'attribute "occluded" of control "objects" is required',
        },
      ],
    });
  });
});

describe('validateAnnotationForSubmit', () => {
  const required = buildSchema();
  required.controls[0] = { ...(required.controls[0] as Control), required: true };

  it('needs a region for each required control, at path regions', () => {
    expect(validateAnnotationForSubmit(required, [span('s1', 0, 1)])).toEqual({
      ok: false,
      issues: [
        {
          path: 'regions',
          message: 'control "sentiment" is required: add at least one region for it',
        },
      ],
    });
    expect(validateAnnotationForSubmit(required, [choice('c1', ['neutral'])]).ok).toBe(true);
    expect(validateRegions(required, [span('s1', 0, 1)]).ok).toBe(true); // drafts may be incomplete
  });

  it('reports missing required controls together with other issues', () => {
    const r = validateAnnotationForSubmit(required, [span('s1', 0, 1, ['FOO'])]);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual([
      'regions[0].value.labels[0]',
      'regions',
    ]);
  });

  it('does not call a control missing when its region is merely broken', () => {
    const r = validateAnnotationForSubmit(required, [choice('c1', [])]);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['regions[0].value.choices']);
  });
});
