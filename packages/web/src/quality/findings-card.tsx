/**
 * Rule findings, newest first: filter by severity and rule, each with a link that opens its
 * task in the editor; more load on demand.
 *
 * @example
 * <FindingsCard projectId={1} counts={summary.findings} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindingCount, QcSeverity } from '../api/quality-types.ts';
import { formatDateTime } from '../charts/format.ts';
import { errorMessage } from '../components/error-message.ts';
import { Link } from '../components/link.tsx';
import { findingLink } from './quality-data.ts';
import { useFindings } from './use-findings.ts';

/** Props of FindingsCard. */
export interface FindingsCardProps {
  projectId: number;
  counts: readonly FindingCount[];
  reloadKey: number;
}

/** Findings card. */
export function FindingsCard({ projectId, counts, reloadKey }: FindingsCardProps) {
  const { t, i18n } = useTranslation();
  const [severity, setSeverity] = useState<QcSeverity | ''>('');
  const [rule, setRule] = useState('');
  const f = useFindings(projectId, { severity, rule }, reloadKey);
  const rules = [...new Set(counts.map((c) => c.rule))].sort();
  return (
    <section className="card qc-card" data-testid="qc-findings">
      <header className="qc-card-header">
        <h2>{t('quality.findings.title')}</h2>
        <span className="muted small">{t('quality.findings.subtitle')}</span>
      </header>
      <div className="qc-filters">
        <label className="field">
          <span>{t('quality.findings.severity')}</span>
          <select
            value={severity}
            onChange={(e) => setSeverity(e.target.value as QcSeverity | '')}
            data-testid="findings-severity"
          >
            <option value="">{t('quality.findings.any_severity')}</option>
            <option value="block">{t('quality.severity.block')}</option>
            <option value="warn">{t('quality.severity.warn')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('quality.findings.rule')}</span>
          <select
            value={rule}
            onChange={(e) => setRule(e.target.value)}
            data-testid="findings-rule"
          >
            <option value="">{t('quality.findings.any_rule')}</option>
            {rules.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <div className="chips qc-rule-counts">
          {counts.map((c) => (
            <span key={`${c.rule}-${c.severity}`} className={`chip qc-sev-${c.severity}`}>
              {c.rule} · {t(`quality.severity.${c.severity}`)} · {c.count}
            </span>
          ))}
        </div>
      </div>
      {f.error !== undefined && <p className="form-error">{errorMessage(t, f.error)}</p>}
      {!f.loading && f.items.length === 0 && f.error === undefined && (
        <p className="qc-empty">{t('quality.findings.empty')}</p>
      )}
      {f.items.length > 0 && (
        <div className="qc-table-wrap">
          <table className="simple-table qc-table">
            <thead>
              <tr>
                <th>{t('quality.findings.when')}</th>
                <th>{t('quality.findings.severity')}</th>
                <th>{t('quality.findings.rule')}</th>
                <th>{t('quality.findings.message')}</th>
                <th>{t('quality.findings.task')}</th>
              </tr>
            </thead>
            <tbody>
              {f.items.map((x) => {
                const to = findingLink(projectId, x);
                return (
                  <tr key={x.id} data-testid="finding-row">
                    <td className="nowrap muted small">
                      {formatDateTime(x.created_at, i18n.language)}
                    </td>
                    <td>
                      <span className={`badge qc-sev-${x.severity}`}>
                        {t(`quality.severity.${x.severity}`)}
                      </span>
                    </td>
                    <td className="mono small">{x.rule}</td>
                    <td>
                      {x.message}
                      {x.path && <span className="qc-path mono">{x.path}</span>}
                    </td>
                    <td className="nowrap">
                      {to ? (
                        <Link to={to} data-testid="finding-task-link">
                          #{x.task_id}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {f.hasMore && (
        <div className="qc-more">
          <button
            type="button"
            className="button button-small"
            disabled={f.loading}
            onClick={f.more}
          >
            {t('quality.findings.more')}
          </button>
        </div>
      )}
    </section>
  );
}
