/**
 * Switches the UI between English and 简体中文; the choice is remembered.
 *
 * @example
 * <LanguageSwitch />
 */
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/i18n.ts';
import { isLanguage } from '../i18n/language.ts';

/** Language select. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span className="sr-only">{t('common.language')}</span>
      <select
        data-testid="language-switch"
        value={i18n.language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void setLanguage(e.target.value);
        }}
      >
        <option value="en">English</option>
        <option value="zh-CN">简体中文</option>
      </select>
    </label>
  );
}
