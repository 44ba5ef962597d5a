import { describe, it, expect } from 'vitest';
import { displayKeys, eventKey, normalizeHotkey, type KeyLike } from './key-string.ts';

const ev = (over: Partial<KeyLike>): KeyLike => ({
  key: '',
  code: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...over,
});

describe('normalizeHotkey', () => {
  it('orders modifiers and maps aliases', () => {
    expect(normalizeHotkey('Shift+Ctrl+Z')).toBe('mod+shift+z');
    expect(normalizeHotkey('cmd+Enter')).toBe('mod+enter');
    expect(normalizeHotkey('A')).toBe('a');
    expect(normalizeHotkey('ctrl++')).toBe('mod++');
    expect(normalizeHotkey('shift+?')).toBe('?');
    expect(normalizeHotkey('ctrl')).toBeNull();
    expect(normalizeHotkey('')).toBeNull();
  });
});

describe('eventKey', () => {
  it('matches the schema form of the same keys', () => {
    expect(eventKey(ev({ key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true }))).toBe(
      'mod+shift+z',
    );
    expect(eventKey(ev({ key: '1', code: 'Digit1' }))).toBe('1');
    expect(eventKey(ev({ key: '1', code: 'Numpad1' }))).toBe('1');
    expect(eventKey(ev({ key: '?', code: 'Slash', shiftKey: true }))).toBe('?');
    expect(eventKey(ev({ key: 'ArrowLeft', code: 'ArrowLeft', shiftKey: true }))).toBe(
      'shift+arrowleft',
    );
  });

  it('reads letters from the physical key when Option changes the character', () => {
    expect(eventKey(ev({ key: 'å', code: 'KeyA', altKey: true }))).toBe('alt+a');
    expect(eventKey(ev({ key: '!', code: 'Digit1', shiftKey: true }))).toBe('shift+1');
  });

  it('ignores lone modifiers and IME composition', () => {
    expect(eventKey(ev({ key: 'Shift', code: 'ShiftLeft', shiftKey: true }))).toBeNull();
    expect(eventKey({ ...ev({ key: 'Process', code: 'KeyN' }), isComposing: true })).toBeNull();
  });
});

describe('displayKeys', () => {
  it('shows platform names', () => {
    expect(displayKeys('mod+shift+z', false)).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(displayKeys('mod+enter', true)).toEqual(['⌘', 'Enter']);
    expect(displayKeys('alt+arrowdown', false)).toEqual(['Alt', '↓']);
  });
});
