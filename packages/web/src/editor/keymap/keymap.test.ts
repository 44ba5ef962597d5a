import { describe, it, expect } from 'vitest';
import { KEYMAP, actionLabelKey, buildLabelHotkeys, resolveKey } from './keymap.ts';
import { normalizeHotkey } from './key-string.ts';
import en from '../../i18n/en.json' with { type: 'json' };

describe('keymap', () => {
  it('uses canonical key strings only', () => {
    for (const b of KEYMAP) for (const k of b.keys) expect(normalizeHotkey(k)).toBe(k);
  });

  it('has no two rows in one scope on the same key', () => {
    const seen = new Map<string, string>();
    for (const b of KEYMAP) {
      for (const k of b.keys) {
        const id = `${b.scope}/${k}`;
        expect(seen.get(id), `${id} is bound to ${seen.get(id)} and ${b.action}`).toBeUndefined();
        seen.set(id, b.action);
      }
    }
  });

  it('has a help text for every action', () => {
    const texts = (en as unknown as { keymap: Record<string, string> }).keymap;
    for (const b of KEYMAP)
      expect(texts[actionLabelKey(b.action).slice('keymap.'.length)], b.action).toBeTruthy();
  });

  it('resolves scoped actions before label hotkeys before global actions', () => {
    const labels = buildLabelHotkeys([{ name: 'det', labels: [{ value: 'car', hotkey: 'B' }] }]);
    expect(resolveKey('b', ['image', 'global'], labels, false)).toEqual([
      { kind: 'action', action: 'tool:bbox' },
      { kind: 'label', target: { control: 'det', label: 'car' } },
    ]);
    expect(resolveKey('b', ['global'], labels, false)).toEqual([
      { kind: 'label', target: { control: 'det', label: 'car' } },
    ]);
    expect(
      resolveKey('escape', ['image'], labels, false).map((t) => t.kind === 'action' && t.action),
    ).toEqual(['draw:cancel', 'region:deselect']);
  });

  it('ignores label hotkeys and plain keys while typing, but not submit', () => {
    const labels = buildLabelHotkeys([{ name: 'c', labels: [{ value: 'x', hotkey: '1' }] }]);
    expect(resolveKey('1', ['global'], labels, true)).toEqual([]);
    expect(resolveKey('delete', ['global'], labels, true)).toEqual([]);
    expect(resolveKey('mod+enter', ['global'], labels, true)).toEqual([
      { kind: 'action', action: 'annotation:submit' },
    ]);
  });
});
