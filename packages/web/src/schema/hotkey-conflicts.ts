/**
 * Finds schema hotkeys that clash with the editor's built-in keys. The core schema check
 * already refuses duplicates inside a schema; this adds what only the web app knows: which
 * keys the editor itself uses where a control's labels are active.
 *
 * @example
 * hotkeyConflicts({ version: 1, fields: [...], controls: [{ name: 'det', type: 'bbox', field: 'image',
 *   labels: [{ value: 'bus', hotkey: 'b' }] }] })
 * // [{ path: 'controls[0].labels[0].hotkey', hotkey: 'b', action: 'tool:bbox' }]
 */
import { KEYMAP, type ActionId, type KeyScope } from '../editor/keymap/keymap.ts';
import { normalizeHotkey } from '../editor/keymap/key-string.ts';
import type { ControlType, LabelingSchema } from './types.ts';

/** One clash. */
export interface HotkeyConflict {
  path: string;
  hotkey: string;
  action: ActionId;
}

const IMAGE: readonly ControlType[] = ['bbox', 'polygon', 'keypoints'];
const TEXT: readonly ControlType[] = ['spans', 'relations'];

function scopesOf(type: ControlType): KeyScope[] {
  if (IMAGE.includes(type)) return ['image', 'global'];
  if (TEXT.includes(type)) return ['text', 'global'];
  return ['global'];
}

function clash(hotkey: string, scopes: KeyScope[]): ActionId | undefined {
  const key = normalizeHotkey(hotkey);
  return KEYMAP.find((b) => scopes.includes(b.scope) && key !== null && b.keys.includes(key))
    ?.action;
}

/** Every label or control hotkey that a built-in key would shadow. */
export function hotkeyConflicts(schema: LabelingSchema): HotkeyConflict[] {
  const out: HotkeyConflict[] = [];
  schema.controls.forEach((c, i) => {
    const scopes = scopesOf(c.type);
    const check = (hotkey: string | undefined, path: string) => {
      if (!hotkey) return;
      const action = clash(hotkey, scopes);
      if (action) out.push({ path, hotkey, action });
    };
    check(c.hotkey, `controls[${i}].hotkey`);
    c.labels?.forEach((l, j) => check(l.hotkey, `controls[${i}].labels[${j}].hotkey`));
  });
  return out;
}
