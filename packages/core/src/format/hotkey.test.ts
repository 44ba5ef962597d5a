import { describe, expect, it } from 'vitest';
import { Hotkey, normalizeHotkey } from './hotkey.ts';

describe('Hotkey', () => {
  it.each(['1', 'q', 'A', '/', 'ctrl+1', 'shift+f2', 'ctrl+alt+shift+k', 'mod+enter', 'plus'])(
    'accepts %s',
    (h) => expect(Hotkey.safeParse(h).success).toBe(true),
  );

  it.each(['', ' ', 'ctrl+', '+', 'ctrl++', 'f13', 'Ctrl+1', 'ctrl 1', 'hyper+1', 'ab', '中'])(
    'rejects %j',
    (h) => expect(Hotkey.safeParse(h).success).toBe(false),
  );

  it('rejects a repeated modifier, cmd and meta included', () => {
    expect(Hotkey.safeParse('ctrl+ctrl+1').error?.issues[0]?.message).toMatch(/twice/);
    expect(Hotkey.safeParse('cmd+meta+1').success).toBe(false);
  });

  it('normalizes case, aliases and modifier order', () => {
    expect(normalizeHotkey('shift+ctrl+A')).toBe('ctrl+shift+a');
    expect(normalizeHotkey('cmd+k')).toBe(normalizeHotkey('meta+k'));
    expect(normalizeHotkey('q')).toBe('q');
  });
});
