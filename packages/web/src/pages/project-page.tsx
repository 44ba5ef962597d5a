/**
 * A project's home: its name and progress, the actions (label, review, import, export,
 * settings, quality, versions) and the data manager.
 *
 * @example
 * <ProjectPage projectId={1} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { useLocation } from '../app/router.ts';
import { TopBar } from '../app/top-bar.tsx';
import { DataManager } from '../data-manager/data-manager.tsx';
import { ImportDialog } from '../data-manager/import-dialog.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Link } from '../components/link.tsx';
import { Spinner } from '../components/spinner.tsx';
import { useAsync } from '../components/use-async.ts';

/** Project page. */
export function ProjectPage({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const project = useAsync(() => api.getProject(projectId), [projectId]);
  const search = useLocation().split('?')[1] ?? '';
  const [importing, setImporting] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const p = project.data;
  const canManage = p?.role === 'manager' || p?.role === 'admin';
  const canReview = canManage || p?.role === 'reviewer';
  return (
    <>
      <TopBar crumbs={p ? [{ label: p.name }] : []} />
      <main className="page">
        {project.error !== undefined && (
          <p className="form-error">{errorMessage(t, project.error)}</p>
        )}
        {!p && project.loading && <Spinner label={t('common.loading')} />}
        {p && (
          <>
            <div className="page-header">
              <div className="page-title">
                <h1 data-testid="project-title">{p.name}</h1>
                {p.description && <p>{p.description}</p>}
                <div className="chips project-stats">
                  <span className="chip">
                    {t('projects.task_progress', {
                      done: p.annotated_count ?? 0,
                      total: p.task_count ?? 0,
                    })}
                  </span>
                  {p.role && <span className="chip">{t(`roles.${p.role}`)}</span>}
                  {p.schema_version !== undefined && (
                    <span className="chip">
                      {t('schema.version', { version: p.schema_version })}
                    </span>
                  )}
                </div>
              </div>
              <div className="actions">
                {canManage && (
                  <>
                    <button
                      type="button"
                      className="button"
                      onClick={() => setImporting(true)}
                      data-testid="open-import"
                    >
                      {t('import.title')}
                    </button>
                    <a className="button" href={api.exportUrl(p.id, 'jsonl')} download>
                      {t('export.jsonl')}
                    </a>
                    <a className="button" href={api.exportUrl(p.id, 'csv')} download>
                      {t('export.csv')}
                    </a>
                    <Link
                      to={`/projects/${p.id}/settings`}
                      className="button"
                      data-testid="open-settings"
                    >
                      {t('settings.title')}
                    </Link>
                  </>
                )}
                <Link
                  to={`/projects/${p.id}/quality`}
                  className="button"
                  data-testid="open-quality"
                >
                  {t('quality.short')}
                </Link>
                <Link
                  to={`/projects/${p.id}/versions`}
                  className="button"
                  data-testid="open-versions"
                >
                  {t('versions.short')}
                </Link>
                <Link to={`/projects/${p.id}/models`} className="button" data-testid="open-models">
                  {t('models.short')}
                </Link>
                <Link
                  to={`/projects/${p.id}?status=rejected`}
                  className="button"
                  data-testid="open-rework"
                >
                  {t('review.rework')}
                </Link>
                {canReview && (
                  <Link to={`/projects/${p.id}/bias`} className="button" data-testid="open-bias">
                    {t('bias.short')}
                  </Link>
                )}
                {canManage && (
                  <Link
                    to={`/projects/${p.id}/audit`}
                    className="button"
                    data-testid="open-project-audit"
                  >
                    {t('audit.title')}
                  </Link>
                )}
                {canReview && (
                  <Link
                    to={`/projects/${p.id}/review`}
                    className="button"
                    data-testid="open-review"
                  >
                    {t('review.title')}
                  </Link>
                )}
                <Link
                  to={`/projects/${p.id}/label`}
                  className="button button-primary"
                  data-testid="start-labeling"
                >
                  {t('projects.start_labeling')}
                </Link>
              </div>
            </div>
            {/* Keyed by the query so a link such as ?status=rejected (rework) resets the filters. */}
            <DataManager key={search} project={p} reloadKey={reloadKey} />
            {importing && (
              <ImportDialog
                open
                project={p}
                onClose={() => setImporting(false)}
                onImported={() => {
                  setReloadKey((k) => k + 1);
                  project.reload();
                }}
              />
            )}
          </>
        )}
      </main>
    </>
  );
}
