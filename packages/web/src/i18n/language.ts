/**
 * Picks the UI language: the user's earlier choice (localStorage), else the browser's
 * preferred languages (any Chinese variant -> zh-CN), else English.
 *
 * @example
 * detectLanguage(null, ['zh-TW', 'en']) // 'zh-CN'
 */
import type { KeyValueStore } from '../api/outbox.ts';

/** Languages the UI ships. */
export const LANGUAGES = ['en', 'zh-CN'] as const;

/** A UI language. */
export type Language = (typeof LANGUAGES)[number];

/** localStorage key of the user's choice. */
export const LANGUAGE_KEY = 'tessera.lang';

/** True for a language the UI ships. */
export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** The language to start in. */
export function detectLanguage(
  store: KeyValueStore | null,
  preferred: readonly string[],
): Language {
  let saved: string | null = null;
  try {
    saved = store?.getItem(LANGUAGE_KEY) ?? null;
  } catch {
    saved = null; // storage disabled
  }
  if (isLanguage(saved)) return saved;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
