/**
 * Dataset versions (数据集版本) of a project: the list with downloads, creating a new version
 * (managers; a background job), and the diff of two versions (版本对比). The compared pair
 * lives in the address (`?from=&to=`), so a diff can be shared as a link.
 *
 * @example
 * <VersionsPage projectId={1} />
 */
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { versionsApi } from '../app/quality-api.ts';
import { navigate, useLocation } from '../app/router.ts';
import { TopBar } from '../app/top-bar.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Link } from '../components/link.tsx';
import { Spinner } from '../components/spinner.tsx';
import { useAsync } from '../components/use-async.ts';
import { CreateVersionForm } from '../versions/create-version-form.tsx';
import { defaultPair, pairFromSearch, searchWithPair } from '../versions/diff-data.ts';
import { VersionDiffCard } from '../versions/version-diff-card.tsx';
import { VersionTable } from '../versions/version-table.tsx';

/** Versions page. */
export function VersionsPage({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const [path, search = ''] = useLocation().split('?');
  const project = useAsync(() => api.getProject(projectId), [projectId]);
  const versions = useAsync(() => versionsApi.list(projectId), [projectId]);
  const p = project.data;
  const canManage = p?.role === 'manager' || p?.role === 'admin';
  const list = [...(versions.data ?? [])].sort(
    (a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id,
  );
  const known = new Set(list.map((v) => v.id));
  const asked = pairFromSearch(search);
  const pair = asked && known.has(asked.from) && known.has(asked.to) ? asked : defaultPair(list);
  const error = project.error ?? versions.error;

  return (
    <>
      <TopBar
        crumbs={
          p ? [{ label: p.name, to: `/projects/${p.id}` }, { label: t('versions.title') }] : []
        }
      />
      <main className="page qc-page">
        <div className="page-header">
          <div className="page-title">
            <h1>{t('versions.title')}</h1>
            <p>{t('versions.subtitle')}</p>
          </div>
          <div className="actions">
            <Link to={`/projects/${projectId}/quality`} className="button">
              {t('quality.title')}
            </Link>
          </div>
        </div>
        {error !== undefined && <p className="form-error">{errorMessage(t, error)}</p>}
        {!versions.data && error === undefined ? (
          <Spinner label={t('common.loading')} />
        ) : (
          <div className="qc-stack">
            {canManage && (
              <CreateVersionForm
                projectId={projectId}
                suggestedName={`v${list.length + 1}`}
                onCreated={versions.reload}
              />
            )}
            <VersionTable projectId={projectId} versions={list} canDownload={canManage} />
            <VersionDiffCard
              projectId={projectId}
              versions={list}
              pair={pair}
              onPair={(next) =>
                navigate(`${path}${searchWithPair(search, next)}`, { replace: true })
              }
            />
          </div>
        )}
      </main>
    </>
  );
}
