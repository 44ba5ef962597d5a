import { describe, it, expect } from 'vitest';
import { retypeControl, tidySchema } from './control-options.ts';
import { checkSchema } from './validate-schema.ts';
import type { LabelingSchema } from './types.ts';

describe('control options', () => {
  it('drops options and labels the new type does not take, so the schema stays valid', () => {
    const c = retypeControl(
      { name: 'q', type: 'choices', field: 'text', multiple: true, labels: [{ value: 'a' }] },
      'rating',
    );
    expect(c).toEqual({ name: 'q', type: 'rating', field: 'text' });
    const schema: LabelingSchema = {
      version: 1,
      fields: [{ name: 'text', type: 'text' }],
      controls: [c],
    };
    expect(checkSchema(schema)).toEqual([]);
  });

  it('gives a spans control an (empty) label list to fill in', () => {
    expect(retypeControl({ name: 'x', type: 'textarea', field: 'text' }, 'spans').labels).toEqual(
      [],
    );
  });

  it('tidies blank optional values', () => {
    const s = tidySchema({
      version: 1,
      fields: [{ name: 'text', type: 'text', label: '' }],
      controls: [
        {
          name: 'c',
          type: 'choices',
          field: 'text',
          description: '',
          labels: [{ value: 'a', hotkey: '' }],
        },
      ],
    });
    expect(s.fields[0]).toEqual({ name: 'text', type: 'text' });
    expect(s.controls[0]).toEqual({
      name: 'c',
      type: 'choices',
      field: 'text',
      labels: [{ value: 'a' }],
    });
  });

  it('reports core issues with paths and hotkey clashes', () => {
    const problems = checkSchema({
      version: 1,
      fields: [{ name: 'image', type: 'image' }],
      controls: [
        { name: 'det', type: 'bbox', field: 'image', labels: [{ value: 'car', hotkey: 'f' }] },
      ],
    });
    expect(problems).toEqual([
      { path: 'controls[0].labels[0].hotkey', hotkey: 'f', action: 'view:fit' },
    ]);
    expect(checkSchema({ version: 1, fields: [], controls: [] }).length).toBeGreaterThan(0);
  });
});
