// Tests may read files (helper rules); the lint rule that keeps core free of IO targets the code.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemaFiles } from './json-schema.ts';

const docsSchemaDir = new URL('../../../../docs/schema/', import.meta.url);

describe('JSON Schema files in docs/schema', () => {
  const files = buildJsonSchemaFiles();

  it.each(Object.keys(files))('%s is up to date', (name) => {
    let committed = '';
    try {
      committed = readFileSync(new URL(name, docsSchemaDir), 'utf8');
    } catch {
      committed = '(missing)';
    }
    const current = files[name as keyof typeof files];
    // A plain boolean first, so the failure message says what to do rather than a huge diff.
    expect(
      committed === current,
      `docs/schema/${name} is out of date: run \`npx tsx scripts/gen-json-schema.ts\``,
    ).toBe(true);
  });

  it('describe the structure with named definitions', () => {
    const task = JSON.parse(files['task.schema.json']) as Record<string, unknown>;
    expect(task).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Tessera task',
      required: ['data'],
      additionalProperties: false,
    });
    const defs = Object.keys(task.$defs as object);
    expect(defs).toEqual(
      expect.arrayContaining(['Region', 'Annotation', 'Prediction', 'BboxRegion', 'TextRegion']),
    );
    const schema = JSON.parse(files['labeling-schema.schema.json']) as Record<string, unknown>;
    expect(schema).toMatchObject({
      title: 'Tessera labeling schema',
      required: ['fields', 'controls'],
    });
  });
});
