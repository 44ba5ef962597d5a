/**
 * i18next set-up for the app: both languages bundled (they are small), the start language
 * detected once, the choice remembered in localStorage and mirrored on `<html lang>`.
 *
 * @example
 * import { i18n, setLanguage } from './i18n/i18n.ts';
 * await setLanguage('zh-CN');
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';
import { LANGUAGE_KEY, detectLanguage, type Language } from './language.ts';
import { browserStorage } from '../components/browser-storage.ts';

/** The configured i18next instance. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: detectLanguage(browserStorage(), navigator.languages ?? [navigator.language]),
  fallbackLng: 'en',
  // React escapes text itself; i18next escaping would double-escape user data in messages.
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** Switches the UI language and remembers the choice. */
export async function setLanguage(lang: Language): Promise<void> {
  try {
    browserStorage()?.setItem(LANGUAGE_KEY, lang);
  } catch {
    // Not remembered when storage is off; the switch still applies.
  }
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}
