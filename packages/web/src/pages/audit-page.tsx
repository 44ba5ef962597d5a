/**
 * The audit log viewer (审计日志): every audited event, newest first, with filters (action,
 * actor, result, date range, project), "load more" by keyset, and CSV / JSONL export of the
 * same filters. Instance admins open it from the top bar and see every row; a project manager
 * opens it from the project page and sees that project's rows (the server enforces both).
 * The filters live in the URL, so a reload or a shared link shows the same rows.
 *
 * @example
 * <AuditPage />            // /audit, instance admins
 * <AuditPage projectId={3} /> // /projects/3/audit, the project's managers
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { complianceApi } from '../app/compliance-api.ts';
import { navigate, useLocation } from '../app/router.ts';
import { TopBar } from '../app/top-bar.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Spinner } from '../components/spinner.tsx';
import { useAsync } from '../components/use-async.ts';
import { AuditFilterForm } from '../compliance/audit-filter-form.tsx';
import {
  auditExportUrl,
  auditQuery,
  filtersFromSearch,
  filtersToSearch,
  type AuditFilters,
} from '../compliance/audit-filters.ts';
import { AuditTable } from '../compliance/audit-table.tsx';
import { useAuditLog } from '../compliance/use-audit-log.ts';

/** Audit log page. */
export function AuditPage({ projectId }: { projectId?: number }) {
  const { t } = useTranslation();
  const [path, search = ''] = useLocation().split('?');
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const query = useMemo(() => auditQuery(filters, projectId), [filters, projectId]);
  const log = useAuditLog(query);
  const project = useAsync(
    () => (projectId ? api.getProject(projectId) : Promise.resolve(undefined)),
    [projectId],
  );
  const projects = useAsync(
    () => (projectId ? Promise.resolve([]) : api.listProjects()),
    [projectId],
  );
  const actions = useAsync(() => complianceApi.auditActions(projectId), [projectId]);
  const names = useMemo(
    () => new Map((projects.data ?? []).map((p) => [p.id, p.name])),
    [projects.data],
  );
  const setFilters = (f: AuditFilters) =>
    navigate(`${path ?? '/audit'}${filtersToSearch(f)}`, { replace: true });
  const p = project.data;
  const crumbs = projectId
    ? p
      ? [{ label: p.name, to: `/projects/${p.id}` }, { label: t('audit.title') }]
      : []
    : [{ label: t('audit.title') }];

  return (
    <>
      <TopBar crumbs={crumbs} />
      <main className="page qc-page audit-page">
        <div className="page-header">
          <div className="page-title">
            <h1>{t('audit.title')}</h1>
            <p>{projectId ? t('audit.subtitle_project') : t('audit.subtitle_all')}</p>
          </div>
          <div className="actions">
            <a
              className="button"
              href={auditExportUrl(query, 'csv')}
              download
              data-testid="audit-export-csv"
            >
              {t('audit.export_csv')}
            </a>
            <a
              className="button"
              href={auditExportUrl(query, 'jsonl')}
              download
              data-testid="audit-export-jsonl"
            >
              {t('audit.export_jsonl')}
            </a>
          </div>
        </div>
        <section className="card qc-card" aria-busy={log.loading}>
          <AuditFilterForm
            value={filters}
            onChange={setFilters}
            actions={actions.data ?? []}
            projects={projectId ? undefined : (projects.data ?? [])}
          />
          {log.error !== undefined && (
            <p className="form-error" role="alert">
              {errorMessage(t, log.error)}
            </p>
          )}
          <p className="muted small" role="status" data-testid="audit-count">
            {log.loading && log.items.length === 0
              ? t('common.loading')
              : t('audit.shown', { count: log.items.length })}
          </p>
          {!log.loading && log.items.length === 0 && log.error === undefined && (
            <p className="qc-empty" data-testid="audit-empty">
              {t('audit.empty')}
            </p>
          )}
          {log.items.length > 0 && (
            <AuditTable
              rows={log.items}
              showProject={!projectId}
              projectName={(id) => names.get(id)}
            />
          )}
          {log.loading && log.items.length > 0 && <Spinner label={t('common.loading')} />}
          {log.hasMore && (
            <div className="qc-more">
              <button
                type="button"
                className="button button-small"
                disabled={log.loading}
                onClick={log.more}
                data-testid="audit-more"
              >
                {t('audit.more')}
              </button>
            </div>
          )}
        </section>
      </main>
    </>
  );
}
