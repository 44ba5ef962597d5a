/**
 * The project's dataset versions, newest first: name, when, size, schema version, content
 * hash (the snapshot's sha256) and, for managers, the download.
 *
 * @example
 * <VersionTable projectId={1} versions={list} canDownload />
 */
import { useTranslation } from 'react-i18next';
import type { DatasetVersion } from '../api/version-types.ts';
import { versionsApi } from '../app/quality-api.ts';
import { formatDateTime } from '../charts/format.ts';
import { shortHash } from './diff-data.ts';

/** Props of VersionTable. */
export interface VersionTableProps {
  projectId: number;
  versions: readonly DatasetVersion[];
  canDownload: boolean;
}

/** Version table. */
export function VersionTable({ projectId, versions, canDownload }: VersionTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card qc-card" data-testid="version-list">
      <header className="qc-card-header">
        <h2>{t('versions.list')}</h2>
        <span className="muted small">{t('versions.list_hint')}</span>
      </header>
      {versions.length === 0 ? (
        <p className="qc-empty">{t('versions.empty')}</p>
      ) : (
        <div className="qc-table-wrap">
          <table className="simple-table qc-table">
            <thead>
              <tr>
                <th>{t('versions.name')}</th>
                <th>{t('versions.created_at')}</th>
                <th className="num">{t('versions.tasks')}</th>
                <th className="num">{t('versions.annotations')}</th>
                <th className="num">{t('versions.schema')}</th>
                <th>{t('versions.hash')}</th>
                {canDownload && <th aria-label={t('versions.download')} />}
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} data-testid="version-row">
                  <td className="qc-strong">{v.name}</td>
                  <td className="nowrap">{formatDateTime(v.created_at, i18n.language)}</td>
                  <td className="num">{v.task_count ?? '—'}</td>
                  <td className="num">{v.annotation_count ?? '—'}</td>
                  <td className="num">{v.schema_version ?? '—'}</td>
                  <td className="mono small" title={v.content_hash}>
                    {shortHash(v.content_hash)}
                  </td>
                  {canDownload && (
                    <td className="qc-actions">
                      <a
                        className="button button-small"
                        href={versionsApi.downloadUrl(projectId, v.id)}
                        download
                      >
                        {t('versions.download')}
                      </a>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
