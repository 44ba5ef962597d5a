/**
 * Project name and description.
 *
 * @example
 * <GeneralSettings project={p} onSaved={setProject} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../api/types.ts';
import { api } from '../../app/api.ts';
import { errorMessage } from '../../components/error-message.ts';
import { useToast } from '../../components/toasts.tsx';

/** General settings form. */
export function GeneralSettings({
  project,
  onSaved,
}: {
  project: Project;
  onSaved: (p: Project) => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description ?? '');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card card-body form"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        api
          .updateProject(project.id, { name: name.trim(), description })
          .then((p) => {
            onSaved(p);
            toast.show(t('common.saved'), 'success');
          })
          .catch((err: unknown) => toast.show(errorMessage(t, err), 'error'))
          .finally(() => setBusy(false));
      }}
    >
      <h2>{t('settings.general')}</h2>
      <label className="field">
        <span>{t('projects.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label className="field">
        <span>{t('projects.description')}</span>
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
      </label>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || name.trim() === ''}
        >
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
