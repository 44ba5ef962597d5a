/**
 * Managers freeze the project into a new dataset version: a name, then a background job that
 * snapshots every task with its accepted annotations; the list reloads when it is done.
 *
 * @example
 * <CreateVersionForm projectId={1} suggestedName="v3" onCreated={reload} />
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { versionsApi, qualityApi } from '../app/quality-api.ts';
import { errorMessage } from '../components/error-message.ts';
import { useToast } from '../components/toasts.tsx';
import { useJob } from '../components/use-job.ts';

/** Props of CreateVersionForm. */
export interface CreateVersionFormProps {
  projectId: number;
  suggestedName: string;
  onCreated: () => void;
}

/** Create-version form. */
export function CreateVersionForm({ projectId, suggestedName, onCreated }: CreateVersionFormProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const [name, setName] = useState('');
  const job = useJob((jobId) => qualityApi.job(projectId, jobId));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const final = name.trim() || suggestedName;
    const last = await job.run(() => versionsApi.create(projectId, final));
    if (last?.status === 'done') {
      toast.show(t('versions.created', { name: final }), 'success');
      setName('');
      onCreated();
    } else if (last) {
      toast.show(t('versions.create_failed', { error: last.error ?? last.status }), 'error');
    }
  };

  return (
    <form className="card qc-card version-form" onSubmit={(e) => void submit(e)}>
      <label className="field version-name">
        <span>{t('versions.name')}</span>
        <input
          type="text"
          name="version-name"
          maxLength={200}
          placeholder={suggestedName}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className="button button-primary"
        disabled={job.running}
        data-testid="create-version"
      >
        {job.running
          ? t('versions.creating', { percent: Math.round(job.progress * 100) })
          : t('versions.create')}
      </button>
      <p className="muted small version-hint">{t('versions.create_hint')}</p>
      {job.error !== undefined && <p className="form-error">{errorMessage(t, job.error)}</p>}
    </form>
  );
}
