/**
 * The one keymap table. Each row names a namespaced action, its keys, the scope where it
 * applies and its help group. The same table drives the key handlers (`resolveKey`) and the
 * `?` shortcut help dialog, so the help can never drift from what the keys do.
 * Label hotkeys come from the labeling schema and are resolved between the scoped and the
 * global rows.
 *
 * @example
 * resolveKey('mod+enter', ['text'], new Map(), false) // [{ kind: 'action', action: 'annotation:submit' }]
 */
import { normalizeHotkey } from './key-string.ts';

/** Where a binding applies: `global` always; the others while focus is inside that area. */
export type KeyScope = 'global' | 'text' | 'image' | 'ranking' | 'rating' | 'pairwise' | 'review';

/** Every action a key can trigger. */
export type ActionId =
  | 'annotation:submit'
  | 'annotation:skip'
  | 'annotation:save'
  | 'history:undo'
  | 'history:redo'
  | 'region:delete'
  | 'region:deselect'
  | 'region:next'
  | 'region:prev'
  | 'region:nudge-left'
  | 'region:nudge-right'
  | 'region:nudge-up'
  | 'region:nudge-down'
  | 'relation:start'
  | 'relation:confirm'
  | 'suggestion:accept'
  | 'suggestion:reject'
  | 'suggestion:accept-all'
  | 'tool:select'
  | 'tool:bbox'
  | 'tool:polygon'
  | 'tool:keypoints'
  | 'draw:finish'
  | 'draw:cancel'
  | 'view:zoom-in'
  | 'view:zoom-out'
  | 'view:fit'
  | 'text:caret-left'
  | 'text:caret-right'
  | 'text:caret-home'
  | 'text:caret-end'
  | 'text:select-all'
  | 'ranking:focus-prev'
  | 'ranking:focus-next'
  | 'ranking:move-up'
  | 'ranking:move-down'
  | 'rating:set'
  | 'rating:decrease'
  | 'rating:increase'
  | 'pairwise:a'
  | 'pairwise:b'
  | 'pairwise:tie'
  | 'review:accept'
  | 'review:reject'
  | 'review:fix'
  | 'help:shortcuts';

/** One row of the keymap. */
export interface KeyBinding {
  action: ActionId;
  keys: readonly string[];
  scope: KeyScope;
  /** Still fires while typing in an input or a textarea. */
  inInput?: boolean;
}

/** The keymap table. Keys are canonical strings (see key-string.ts). */
export const KEYMAP: readonly KeyBinding[] = [
  { action: 'annotation:submit', keys: ['mod+enter'], scope: 'global', inInput: true },
  { action: 'annotation:skip', keys: ['mod+shift+enter'], scope: 'global', inInput: true },
  { action: 'annotation:save', keys: ['mod+s'], scope: 'global', inInput: true },
  { action: 'history:undo', keys: ['mod+z'], scope: 'global' },
  { action: 'history:redo', keys: ['mod+shift+z', 'mod+y'], scope: 'global' },
  { action: 'region:delete', keys: ['delete', 'backspace'], scope: 'global' },
  { action: 'region:deselect', keys: ['escape'], scope: 'global', inInput: true },
  { action: 'region:next', keys: ['alt+arrowdown'], scope: 'global' },
  { action: 'region:prev', keys: ['alt+arrowup'], scope: 'global' },
  { action: 'relation:start', keys: ['alt+r'], scope: 'global' },
  { action: 'relation:confirm', keys: ['enter'], scope: 'global' },
  { action: 'suggestion:accept', keys: ['alt+a'], scope: 'global' },
  { action: 'suggestion:reject', keys: ['alt+x'], scope: 'global' },
  { action: 'suggestion:accept-all', keys: ['alt+shift+a'], scope: 'global' },
  { action: 'help:shortcuts', keys: ['?'], scope: 'global' },
  {
    action: 'text:caret-left',
    keys: ['arrowleft', 'shift+arrowleft', 'mod+arrowleft', 'mod+shift+arrowleft'],
    scope: 'text',
  },
  {
    action: 'text:caret-right',
    keys: ['arrowright', 'shift+arrowright', 'mod+arrowright', 'mod+shift+arrowright'],
    scope: 'text',
  },
  { action: 'text:caret-home', keys: ['home', 'shift+home'], scope: 'text' },
  { action: 'text:caret-end', keys: ['end', 'shift+end'], scope: 'text' },
  { action: 'text:select-all', keys: ['mod+a'], scope: 'text' },
  { action: 'tool:select', keys: ['v'], scope: 'image' },
  { action: 'tool:bbox', keys: ['b'], scope: 'image' },
  { action: 'tool:polygon', keys: ['p'], scope: 'image' },
  { action: 'tool:keypoints', keys: ['k'], scope: 'image' },
  { action: 'draw:finish', keys: ['enter'], scope: 'image' },
  { action: 'draw:cancel', keys: ['escape'], scope: 'image' },
  { action: 'view:zoom-in', keys: ['=', '+'], scope: 'image' },
  { action: 'view:zoom-out', keys: ['-'], scope: 'image' },
  { action: 'view:fit', keys: ['f'], scope: 'image' },
  { action: 'region:nudge-left', keys: ['arrowleft', 'shift+arrowleft'], scope: 'image' },
  { action: 'region:nudge-right', keys: ['arrowright', 'shift+arrowright'], scope: 'image' },
  { action: 'region:nudge-up', keys: ['arrowup', 'shift+arrowup'], scope: 'image' },
  { action: 'region:nudge-down', keys: ['arrowdown', 'shift+arrowdown'], scope: 'image' },
  { action: 'ranking:focus-prev', keys: ['arrowup'], scope: 'ranking' },
  { action: 'ranking:focus-next', keys: ['arrowdown'], scope: 'ranking' },
  { action: 'ranking:move-up', keys: ['shift+arrowup'], scope: 'ranking' },
  { action: 'ranking:move-down', keys: ['shift+arrowdown'], scope: 'ranking' },
  {
    action: 'rating:set',
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
    scope: 'rating',
  },
  { action: 'rating:decrease', keys: ['arrowleft', 'arrowdown'], scope: 'rating' },
  { action: 'rating:increase', keys: ['arrowright', 'arrowup'], scope: 'rating' },
  { action: 'pairwise:a', keys: ['1', 'a', 'arrowleft'], scope: 'pairwise' },
  { action: 'pairwise:b', keys: ['2', 'b', 'arrowright'], scope: 'pairwise' },
  { action: 'pairwise:tie', keys: ['3', 't', 'arrowdown'], scope: 'pairwise' },
  { action: 'review:accept', keys: ['mod+enter'], scope: 'review', inInput: true },
  { action: 'review:reject', keys: ['mod+shift+x'], scope: 'review', inInput: true },
  { action: 'review:fix', keys: ['mod+e'], scope: 'review', inInput: true },
];

/** What a schema hotkey does: apply a label of a control, or (no label) focus the control. */
export interface LabelTarget {
  control: string;
  label?: string;
}

/** What a key press resolves to, in the order handlers should be tried. */
export type KeyTarget =
  { kind: 'action'; action: ActionId } | { kind: 'label'; target: LabelTarget };

/** i18n key of an action's description (i18next reserves ':' for namespaces). */
export function actionLabelKey(action: ActionId): string {
  return `keymap.${action.replace(/[:-]/g, '_')}`;
}

/** Maps each normalized schema hotkey (label and control hotkeys) to its targets. */
export function buildLabelHotkeys(
  controls: readonly {
    name: string;
    hotkey?: string;
    labels?: readonly { value: string; hotkey?: string }[];
  }[],
): Map<string, LabelTarget[]> {
  const map = new Map<string, LabelTarget[]>();
  for (const c of controls) {
    const own = c.hotkey ? normalizeHotkey(c.hotkey) : null;
    if (own) map.set(own, [...(map.get(own) ?? []), { control: c.name }]);
    for (const l of c.labels ?? []) {
      const key = l.hotkey ? normalizeHotkey(l.hotkey) : null;
      if (!key) continue;
      map.set(key, [...(map.get(key) ?? []), { control: c.name, label: l.value }]);
    }
  }
  return map;
}

/**
 * Everything `key` can mean with focus in `scopes` (innermost first): scoped actions, then
 * label hotkeys, then global actions. While typing in an input only `inInput` rows apply.
 */
export function resolveKey(
  key: string,
  scopes: readonly KeyScope[],
  labels: ReadonlyMap<string, LabelTarget[]>,
  inInput: boolean,
  keymap: readonly KeyBinding[] = KEYMAP,
): KeyTarget[] {
  const rows = (scope: KeyScope): KeyTarget[] =>
    keymap
      .filter((b) => b.scope === scope && b.keys.includes(key) && (!inInput || b.inInput))
      .map((b) => ({ kind: 'action', action: b.action }));
  const out: KeyTarget[] = [];
  for (const s of scopes) if (s !== 'global') out.push(...rows(s));
  if (!inInput) for (const target of labels.get(key) ?? []) out.push({ kind: 'label', target });
  out.push(...rows('global'));
  return out;
}
