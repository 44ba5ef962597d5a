import { z } from 'zod';

/** Modifiers a hotkey may hold; `cmd` is an alias of `meta`, `mod` is ctrl or cmd by platform. */
const MODIFIERS = ['ctrl', 'alt', 'shift', 'meta', 'cmd', 'mod'] as const;
const NAMED_KEYS = [
  'space',
  'enter',
  'tab',
  'escape',
  'backspace',
  'delete',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'plus',
] as const;

/**
 * Grammar of a hotkey: up to three lower-case modifiers joined by `+`, then one key: a printable
 * ASCII character other than `+` (write `plus`), `f1`..`f12` or a named key. Written as a plain
 * pattern so the JSON Schema carries it too.
 */
const HOTKEY_PATTERN = new RegExp(
  `^(?:(?:${MODIFIERS.join('|')})\\+){0,3}(?:[!-*,-~]|f(?:[1-9]|1[0-2])|${NAMED_KEYS.join('|')})$`,
);

const HOTKEY_HELP = `a key like "1", "q" or "f2", optionally after modifiers (${MODIFIERS.join(', ')}) joined by "+", e.g. "ctrl+1"`;

/**
 * Canonical form of a hotkey for comparing two of them: lower case, `cmd` read as `meta`,
 * modifiers sorted. `'shift+Ctrl+A'` and `'ctrl+shift+a'` are the same hotkey.
 *
 * @example
 * normalizeHotkey('shift+ctrl+A'); // 'ctrl+shift+a'
 */
export function normalizeHotkey(hotkey: string): string {
  const parts = hotkey.toLowerCase().split('+');
  // A trailing "+" cannot occur in a valid hotkey, so the last part is always the key.
  const key = parts.pop() ?? '';
  const modifiers = parts.map((m) => (m === 'cmd' ? 'meta' : m)).sort();
  return [...modifiers, key].join('+');
}

/**
 * A keyboard shortcut such as `'1'`, `'q'`, `'ctrl+1'` or `'shift+f2'`; a modifier may appear
 * once.
 *
 * @example
 * Hotkey.parse('ctrl+1'); // 'ctrl+1'
 * Hotkey.safeParse('ctrl+ctrl+1').success; // false
 */
export const Hotkey = z
  .string()
  .regex(HOTKEY_PATTERN, { error: `invalid hotkey: expected ${HOTKEY_HELP}` })
  .refine(
    (h) => {
      const modifiers = normalizeHotkey(h).split('+').slice(0, -1);
      return new Set(modifiers).size === modifiers.length;
    },
    { error: 'invalid hotkey: a modifier appears twice' },
  );
