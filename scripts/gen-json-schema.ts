/**
 * Writes the JSON Schema files of the interchange format into docs/schema/ from the zod types
 * in packages/core/src/format. Run after changing the format:
 *
 *   npx tsx scripts/gen-json-schema.ts
 *
 * The unit test packages/core/src/format/json-schema.test.ts fails while the committed files
 * are out of date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildJsonSchemaFiles } from '../packages/core/src/format/json-schema.ts';

const outDir = new URL('../docs/schema/', import.meta.url);
mkdirSync(outDir, { recursive: true });
for (const [name, text] of Object.entries(buildJsonSchemaFiles())) {
  writeFileSync(new URL(name, outDir), text);
  console.log(`wrote docs/schema/${name}`);
}
