import { describe, it, expect } from 'vitest';
import en from './en.json' with { type: 'json' };
import zh from './zh-CN.json' with { type: 'json' };

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** Every source file's text (Vite's glob import: the web package has no Node types). */
const SOURCES = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** i18next plural forms differ by language (English has _one, Chinese only _other). */
const PLURAL = /_(?:zero|one|two|few|many|other)$/;
const base = (k: string) => k.replace(PLURAL, '');

describe('i18n', () => {
  const enKeys = [...new Set(keys(en).map(base))].sort();
  const zhKeys = [...new Set(keys(zh).map(base))].sort();

  it('en and zh-CN have exactly the same keys', () => {
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
  });

  it('has no empty translations and keeps every {{placeholder}} in both languages', () => {
    const pick = (o: unknown, k: string) =>
      keys(o).find(
        (full) => full === k || (PLURAL.test(full) && base(full) === k && full.endsWith('_other')),
      )!;
    const get = (o: unknown, key: string, k = pick(o, key)) =>
      k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o) as string;
    for (const k of enKeys) {
      expect(get(en, k), k).not.toBe('');
      expect(get(zh, k), k).not.toBe('');
      const vars = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
      expect(vars(get(zh, k)), k).toEqual(vars(get(en, k)));
    }
  });

  it('every literal key used in the code exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(SOURCES)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !enKeys.includes(k))).toEqual([]);
  });
});

describe('i18n keys built at run time', () => {
  it('covers every status, control, field, region type and keymap group', async () => {
    const { TASK_STATUSES } = await import('../api/types.ts');
    const { KEYMAP } = await import('../editor/keymap/keymap.ts');
    const { CONTROL_TYPES, FIELD_TYPES, REGION_TYPES } = await import('@tessera/core/format');
    const all = new Set(keys(en).map(base));
    const need = [
      ...[...TASK_STATUSES, 'draft', 'submitted'].map((s) => `status.${s}`),
      ...CONTROL_TYPES.map((c) => `controls.${c}`),
      ...FIELD_TYPES.map((f) => `fields.${f}`),
      ...REGION_TYPES.map((r) => `editor.type.${r}`),
      ...KEYMAP.map((b) => `keymap.groups.${b.action.split(':')[0]}`),
      ...['idle', 'saving', 'saved', 'local', 'offline', 'error', 'conflict'].map(
        (s) => `editor.save.${s}`,
      ),
      ...['select_text', 'overlap', 'select_relation', 'select_span', 'unsupported'].map(
        (s) => `editor.errors.${s}`,
      ),
      ...['manager', 'reviewer', 'annotator', 'admin'].map((r) => `roles.${r}`),
    ];
    expect(need.filter((k) => !all.has(k))).toEqual([]);
  });
});
