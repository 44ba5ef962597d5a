/**
 * The i18n `t` as the plain `Say` function the pure dashboard helpers take.
 *
 * @example
 * const say = useSay();
 * const series = agreementSeries(points, say);
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Say } from './quality-data.ts';

/** A stable `Say` bound to the current language. */
export function useSay(): Say {
  const { t } = useTranslation();
  return useCallback((key, vars) => t(key, vars ?? {}), [t]);
}
