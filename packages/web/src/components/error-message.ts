/**
 * Turns any thrown value into a sentence for the user, in the UI language. Known statuses get
 * a translated explanation; otherwise the server's message (already written for users) is
 * shown.
 *
 * @example
 * toast.show(errorMessage(t, e), 'error');
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../api/api-error.ts';

/** A user-facing message for an error. */
export function errorMessage(t: TFunction, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('errors.network');
    if (e.status === 401) return t('errors.unauthorized');
    if (e.status === 403) return t('errors.forbidden');
    if (e.status === 404) return t('errors.not_found');
    if (e.status === 413) return t('errors.too_large');
    if (e.status === 429) return t('errors.throttled');
    if (e.status >= 500) return t('errors.server');
    const detail = e.issues.length
      ? ` (${e.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})`
      : '';
    return `${e.message}${detail}`;
  }
  return e instanceof Error ? e.message : String(e);
}
