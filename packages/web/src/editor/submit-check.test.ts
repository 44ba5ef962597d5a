import { describe, it, expect } from 'vitest';
import { TEMPLATES } from '../schema/templates.ts';
import { submitProblems } from './submit-check.ts';

const schema = TEMPLATES.find((t) => t.id === 'text-classification')!.schema;

describe('submitProblems', () => {
  it('names required controls without a region', () => {
    expect(submitProblems(schema, [], { text: 'x' })).toEqual([
      { kind: 'required', control: 'sentiment' },
    ]);
  });
  it('passes a complete annotation and reports invalid labels from the core validator', () => {
    expect(
      submitProblems(
        schema,
        [{ id: 'c', control: 'sentiment', type: 'choice', value: { choices: ['positive'] } }],
        { text: 'x' },
      ),
    ).toEqual([]);
    const bad = submitProblems(
      schema,
      [{ id: 'c', control: 'sentiment', type: 'choice', value: { choices: ['<img src=x>'] } }],
      { text: 'x' },
    );
    expect(bad[0]).toMatchObject({ kind: 'invalid', path: 'regions[0].value.choices[0]' });
  });
});
