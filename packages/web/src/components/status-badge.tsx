/**
 * A coloured badge for a task or annotation status, in the UI language.
 *
 * @example
 * <StatusBadge status="in_review" />
 */
import { useTranslation } from 'react-i18next';

/** Badge for a status value. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`}>
      {t(`status.${status}`, { defaultValue: status })}
    </span>
  );
}
