import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssues, parseLabelingSchema } from '../../format/index.ts';
import type { Region } from '../../format/index.ts';
import { checkAnnotation } from './check-annotation.ts';
import { parseQcRules } from './config.ts';

/*
 * The "Rules" section of docs/quality.md: its example config must parse against the full
 * example schema of docs/FORMAT.md, and its example finding must be what the code says.
 */

const docs = new URL('../../../../../docs/', import.meta.url);
const quality = readFileSync(new URL('quality.md', docs), 'utf8');
const format = readFileSync(new URL('FORMAT.md', docs), 'utf8');

function jsonBlocks(markdown: string): unknown[] {
  return [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map(
    (m) => JSON.parse(m[1] ?? '') as unknown,
  );
}

const rulesSection = quality.slice(quality.indexOf('\n## Rules\n'));
const [rulesJson, findingJson] = jsonBlocks(rulesSection);
const schemaJson = jsonBlocks(format.slice(format.indexOf('### Full example')))[0];

describe('docs/quality.md Rules example', () => {
  const schema = parseLabelingSchema(schemaJson);
  if (!schema.ok) throw new Error(formatIssues(schema.issues));

  it('parses against the FORMAT.md full example schema, with every rule kind', () => {
    const rules = parseQcRules(rulesJson, { schema: schema.value });
    expect(rules.ok ? [] : formatIssues(rules.issues)).toEqual([]);
    expect(new Set(rules.ok ? rules.value.map((r) => r.kind) : []).size).toBe(8);
  });

  it('shows a finding the code produces word for word', () => {
    const rules = parseQcRules(rulesJson, { schema: schema.value });
    if (!rules.ok) throw new Error(formatIssues(rules.issues));
    const regions: Region[] = [
      // "Alice" at its UTF-16 offsets [14, 19): one past its code points after the emoji.
      {
        id: 's2',
        control: 'entities',
        type: 'span',
        value: { start: 14, end: 19, labels: ['PER'] },
      },
      { id: 'c1', control: 'sentiment', type: 'choice', value: { choices: ['neutral'] } },
    ];
    const findings = checkAnnotation(
      rules.value.filter((r) => r.id === 'tokens'),
      { schema: schema.value, regions, data: { caption: '🐕 Rex chases Alice in 巴黎.' } },
    );
    expect(findings[0]).toEqual(findingJson);
  });
});
