import { describe, it, expect } from 'vitest';
import { detectLanguage } from './language.ts';

const store = (v: string | null) => ({
  getItem: () => v,
  setItem: () => undefined,
  removeItem: () => undefined,
});

describe('detectLanguage', () => {
  it('prefers the remembered choice', () => {
    expect(detectLanguage(store('zh-CN'), ['en-US'])).toBe('zh-CN');
    expect(detectLanguage(store('en'), ['zh-CN'])).toBe('en');
  });
  it('falls back to the browser language, any Chinese variant giving zh-CN', () => {
    expect(detectLanguage(store(null), ['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLanguage(store('fr'), ['de-DE', 'en-GB'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
  });
});
