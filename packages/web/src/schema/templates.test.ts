import { describe, it, expect } from 'vitest';
import { TEMPLATES } from './templates.ts';
import { hotkeyConflicts } from './hotkey-conflicts.ts';
import { controlField } from './types.ts';
import { parseLabelingSchema } from '@tessera/core/format';

describe('project templates', () => {
  it('covers the jobs the app promises', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([
      'text-classification',
      'ner-relations',
      'image-detection',
      'llm-rating',
      'llm-pairwise',
      'llm-ranking',
      'dialogue-quality',
    ]);
  });

  for (const t of TEMPLATES) {
    it(`${t.id}: controls point at fields, hotkeys are unique and clash with no editor key`, () => {
      const fields = new Set(t.schema.fields.map((f) => f.name));
      for (const c of t.schema.controls) expect(fields.has(controlField(c) ?? '')).toBe(true);
      const keys = t.schema.controls.flatMap((c) =>
        (c.labels ?? []).flatMap((l) => (l.hotkey ? [l.hotkey] : [])),
      );
      expect(new Set(keys).size).toBe(keys.length);
      expect(hotkeyConflicts(t.schema)).toEqual([]);
      const parsed = parseLabelingSchema(t.schema);
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
      for (const s of t.samples)
        for (const f of fields) expect(s[f], `${t.id} sample lacks ${f}`).toBeDefined();
    });
  }

  it('reports a label hotkey the image tools already use', () => {
    const schema = {
      version: 1,
      fields: [{ name: 'image', type: 'image' as const }],
      controls: [
        {
          name: 'det',
          type: 'bbox' as const,
          field: 'image',
          labels: [{ value: 'bus', hotkey: 'B' }],
        },
      ],
    };
    expect(hotkeyConflicts(schema)).toEqual([
      { path: 'controls[0].labels[0].hotkey', hotkey: 'B', action: 'tool:bbox' },
    ]);
  });
});
