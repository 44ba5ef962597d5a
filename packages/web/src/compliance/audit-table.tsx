/**
 * The audit rows as a table, newest first: when, actor, action, result, project (on the
 * instance-wide page), target, IP and details.
 *
 * @example
 * <AuditTable rows={log.items} showProject />
 */
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../api/compliance-types.ts';
import { formatDateTime } from '../charts/format.ts';
import { actionKey, detailsText } from './audit-details.ts';

/** Props of AuditTable. */
export interface AuditTableProps {
  rows: readonly AuditRow[];
  showProject: boolean;
  projectName?: (id: number) => string | undefined;
}

/** Audit table. */
export function AuditTable({ rows, showProject, projectName }: AuditTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="qc-table-wrap">
      <table className="simple-table qc-table audit-table" data-testid="audit-table">
        <caption className="sr-only">{t('audit.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.result')}</th>
            {showProject && <th scope="col">{t('audit.project')}</th>}
            <th scope="col">{t('audit.target')}</th>
            <th scope="col">{t('audit.ip')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const details = detailsText(r.details);
            return (
              <tr key={r.id} data-testid="audit-row" data-action={r.action}>
                <td className="nowrap muted small" title={r.at}>
                  {formatDateTime(r.at, i18n.language)}
                </td>
                <td className="nowrap">{r.actor_name ?? '—'}</td>
                <td>
                  <span>{t(actionKey(r.action), { defaultValue: r.action })}</span>
                  <span className="qc-path mono">{r.action}</span>
                </td>
                <td>
                  <span className={`badge audit-result-${r.result}`}>
                    {t(`audit.results.${r.result}`)}
                  </span>
                </td>
                {showProject && (
                  <td className="nowrap">
                    {r.project_id === null
                      ? '—'
                      : (projectName?.(r.project_id) ?? `#${r.project_id}`)}
                  </td>
                )}
                <td className="nowrap mono small">
                  {r.target_type ? `${r.target_type}${r.target_id ? ` ${r.target_id}` : ''}` : '—'}
                </td>
                <td className="nowrap mono small">{r.ip ?? '—'}</td>
                <td
                  className="audit-details mono small"
                  title={details ? JSON.stringify(r.details) : undefined}
                >
                  {details || '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
