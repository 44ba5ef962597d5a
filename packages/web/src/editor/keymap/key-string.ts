/**
 * Canonical key strings: `mod+alt+shift+<key>`, lower case, where `mod` is Ctrl (or ⌘ on a Mac).
 * Keyboard events and schema hotkeys are both normalized to this form, so the keymap table,
 * label hotkeys and the help dialog compare plain strings.
 *
 * @example
 * normalizeHotkey('Ctrl+Shift+Z') // 'mod+shift+z'
 * normalizeHotkey('?')            // '?'
 */

/** The key fields of a KeyboardEvent (a plain object in tests). */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const ALIASES: Record<string, string> = {
  ctrl: 'mod',
  control: 'mod',
  cmd: 'mod',
  command: 'mod',
  meta: 'mod',
  super: 'mod',
  option: 'alt',
  esc: 'escape',
  del: 'delete',
  return: 'enter',
  up: 'arrowup',
  down: 'arrowdown',
  left: 'arrowleft',
  right: 'arrowright',
  ' ': 'space',
  spacebar: 'space',
};

const MODIFIERS = ['mod', 'alt', 'shift'] as const;

/** True for a single printable non-alphanumeric character ("?", "=", "+"): shift is implied. */
function isPunctuation(base: string): boolean {
  return [...base].length === 1 && !/^[\p{L}\p{N}]$/u.test(base) && base !== ' ';
}

function compose(mods: Set<string>, base: string): string {
  if (isPunctuation(base)) mods.delete('shift');
  return [...MODIFIERS.filter((m) => mods.has(m)), base].join('+');
}

/**
 * Normalizes a hotkey written by a person or a schema. Returns null for an empty or
 * modifier-only string. Letters are case-insensitive ("A" is "a").
 */
export function normalizeHotkey(raw: string): string | null {
  const s = raw.trim();
  if (s === '') return raw === ' ' ? 'space' : null;
  // '+' as the key itself: "+", "ctrl++".
  const parts =
    s === '+' ? ['+'] : s.endsWith('++') ? [...s.slice(0, -2).split('+'), '+'] : s.split('+');
  const mods = new Set<string>();
  let base: string | null = null;
  for (const p of parts) {
    const t = ALIASES[p.toLowerCase()] ?? p.toLowerCase();
    if ((MODIFIERS as readonly string[]).includes(t)) mods.add(t);
    else base = t;
  }
  return base === null || base === '' ? null : compose(mods, base);
}

/**
 * The canonical key string of a keyboard event, or null for a lone modifier or an IME
 * composition. Letters and digits come from the physical key when Alt changes the character
 * (macOS Option), so "alt+a" works everywhere.
 */
export function eventKey(e: KeyLike & { isComposing?: boolean; keyCode?: number }): string | null {
  if (e.isComposing || e.keyCode === 229 || e.key === 'Process') return null;
  if (['Control', 'Shift', 'Alt', 'Meta', 'OS', 'AltGraph', 'CapsLock'].includes(e.key))
    return null;
  const mods = new Set<string>();
  if (e.ctrlKey || e.metaKey) mods.add('mod');
  if (e.altKey) mods.add('alt');
  if (e.shiftKey) mods.add('shift');
  let base: string;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(e.code);
  if (digit) base = digit[1]!;
  else if (/^[a-zA-Z]$/.test(e.key) && !e.altKey) base = e.key.toLowerCase();
  else if (/^Key[A-Z]$/.test(e.code)) base = e.code.slice(3).toLowerCase();
  else base = ALIASES[e.key.toLowerCase()] ?? e.key.toLowerCase();
  return compose(mods, base);
}

const NAMES: Record<string, string> = {
  arrowleft: '←',
  arrowright: '→',
  arrowup: '↑',
  arrowdown: '↓',
  enter: 'Enter',
  escape: 'Esc',
  backspace: 'Backspace',
  delete: 'Delete',
  space: 'Space',
  home: 'Home',
  end: 'End',
  tab: 'Tab',
};

/**
 * The keys of a canonical string as the user sees them, one per <kbd>.
 *
 * @example
 * displayKeys('mod+shift+z', false) // ['Ctrl', 'Shift', 'Z']
 */
export function displayKeys(key: string, mac: boolean): string[] {
  const parts =
    key === '+'
      ? ['+']
      : key.endsWith('++')
        ? [...key.slice(0, -2).split('+'), '+']
        : key.split('+');
  return parts.map((p) => {
    if (p === 'mod') return mac ? '⌘' : 'Ctrl';
    if (p === 'alt') return mac ? '⌥' : 'Alt';
    if (p === 'shift') return 'Shift';
    return NAMES[p] ?? (p.length === 1 ? p.toUpperCase() : p);
  });
}
