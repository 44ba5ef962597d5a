/**
 * Project settings: general, labeling schema, members, and deletion.
 *
 * @example
 * <ProjectSettingsPage projectId={1} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { navigate } from '../app/router.ts';
import { TopBar } from '../app/top-bar.tsx';
import { Dialog } from '../components/dialog.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Spinner } from '../components/spinner.tsx';
import { useToast } from '../components/toasts.tsx';
import { useAsync } from '../components/use-async.ts';
import { GeneralSettings } from './settings/general-settings.tsx';
import { MembersSettings } from './settings/members-settings.tsx';
import { SchemaSettings } from './settings/schema-settings.tsx';

type Section = 'general' | 'schema' | 'members' | 'danger';
const SECTIONS: Section[] = ['general', 'schema', 'members', 'danger'];

/** Settings page. */
export function ProjectSettingsPage({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const toast = useToast();
  const project = useAsync(() => api.getProject(projectId), [projectId]);
  const [section, setSection] = useState<Section>('general');
  const [confirm, setConfirm] = useState(false);
  const p = project.data;
  return (
    <>
      <TopBar
        crumbs={
          p ? [{ label: p.name, to: `/projects/${p.id}` }, { label: t('settings.title') }] : []
        }
      />
      <main className="page">
        {project.error !== undefined && (
          <p className="form-error">{errorMessage(t, project.error)}</p>
        )}
        {!p && project.loading && <Spinner label={t('common.loading')} />}
        {p && (
          <div className="settings-layout">
            <nav className="side-nav" aria-label={t('settings.title')}>
              {SECTIONS.map((s) => (
                <button
                  key={s}
                  type="button"
                  aria-current={section === s}
                  onClick={() => setSection(s)}
                >
                  {t(`settings.${s}`)}
                </button>
              ))}
            </nav>
            <div>
              {section === 'general' && <GeneralSettings project={p} onSaved={project.setData} />}
              {section === 'schema' && <SchemaSettings project={p} onSaved={project.setData} />}
              {section === 'members' && <MembersSettings projectId={p.id} />}
              {section === 'danger' && (
                <div className="card card-body form danger-zone">
                  <h2>{t('settings.danger')}</h2>
                  <p>{t('settings.delete_text')}</p>
                  <div>
                    <button
                      type="button"
                      className="button button-danger"
                      onClick={() => setConfirm(true)}
                    >
                      {t('settings.delete_project')}
                    </button>
                  </div>
                </div>
              )}
            </div>
          </div>
        )}
        <Dialog
          open={confirm}
          title={t('settings.delete_project')}
          onClose={() => setConfirm(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirm(false)}>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="button button-danger-solid"
                onClick={() =>
                  void api
                    .deleteProject(projectId)
                    .then(() => navigate('/'))
                    .catch((e: unknown) => toast.show(errorMessage(t, e), 'error'))
                }
              >
                {t('common.delete')}
              </button>
            </>
          }
        >
          <p>{t('settings.delete_confirm', { name: p?.name ?? '' })}</p>
        </Dialog>
      </main>
    </>
  );
}
