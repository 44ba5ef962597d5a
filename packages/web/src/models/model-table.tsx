/**
 * The project's models: name, kind, version, the controls it serves, status, when it last
 * trained and on how many labels, and its latest held-out accuracy; managers edit, retrain
 * now (a background job, followed to the end), check a model server, or delete. Clicking a
 * row chooses the model for pre-labeling and its curve.
 *
 * @example
 * <ModelTable projectId={1} models={models} curves={curves} canManage onSelect={pick} … />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LearningCurveResponse, Model } from '../api/ml-types.ts';
import { mlApi } from '../app/ml-api.ts';
import { qualityApi } from '../app/quality-api.ts';
import { formatDateTime, formatPercent } from '../charts/format.ts';
import { errorMessage } from '../components/error-message.ts';
import { useToast } from '../components/toasts.tsx';
import { useJob } from '../components/use-job.ts';
import { TRAINABLE_KINDS } from './model-form.ts';

/** Props of ModelTable. */
export interface ModelTableProps {
  projectId: number;
  models: readonly Model[];
  curves: Map<number, LearningCurveResponse | undefined> | undefined;
  selectedId: number | undefined;
  canManage: boolean;
  onSelect: (m: Model) => void;
  onEdit: (m: Model) => void;
  onChanged: () => void;
}

/** Model table. */
export function ModelTable(p: ModelTableProps) {
  const { t } = useTranslation();
  return (
    <section className="card qc-card" data-testid="model-list">
      <header className="qc-card-header">
        <h2>{t('models.list')}</h2>
        <span className="muted small">{t('models.list_hint')}</span>
      </header>
      {p.models.length === 0 ? (
        <p className="qc-empty">{p.canManage ? t('models.none_manager') : t('models.none')}</p>
      ) : (
        <div className="qc-table-wrap">
          <table className="simple-table qc-table ml-table">
            <thead>
              <tr>
                <th>{t('models.name')}</th>
                <th>{t('models.kind')}</th>
                <th>{t('models.version')}</th>
                <th>{t('models.controls')}</th>
                <th>{t('models.status')}</th>
                <th>{t('models.last_trained')}</th>
                <th className="num">{t('models.accuracy')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {p.models.map((m) => (
                <ModelRow key={m.id} {...p} model={m} curve={p.curves?.get(m.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ModelRow({
  projectId,
  model: m,
  curve,
  selectedId,
  canManage,
  onSelect,
  onEdit,
  onChanged,
}: ModelTableProps & { model: Model; curve: LearningCurveResponse | undefined }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const job = useJob((jobId) => qualityApi.job(projectId, jobId));
  const [note, setNote] = useState<{ text: string; bad: boolean } | null>(null);
  const last = curve?.points.at(-1);
  const selected = selectedId === m.id;

  const retrain = async () => {
    setNote(null);
    const done = await job.run(() => mlApi.train(projectId, m.id));
    if (done?.status === 'done') {
      const r = done.result as { accuracy?: number; labels?: number; reason?: string } | null;
      toast.show(
        r?.accuracy !== undefined
          ? t('models.retrained', { labels: r.labels ?? 0, accuracy: formatPercent(r.accuracy) })
          : t('models.retrained_no_score', { reason: r?.reason ?? '' }),
        'success',
      );
      onChanged();
    } else if (done) setNote({ text: done.error ?? t(`status.${done.status}`), bad: true });
  };
  const check = async () => {
    setNote(null);
    try {
      const h = await mlApi.health(projectId, m.id);
      setNote(
        h.ok
          ? { text: t('models.health_ok', { version: h.version ?? m.version }), bad: false }
          : { text: h.message ?? h.error ?? h.status ?? '', bad: true },
      );
    } catch (e) {
      setNote({ text: errorMessage(t, e), bad: true });
    }
  };
  const remove = async () => {
    if (!window.confirm(t('models.delete_confirm', { name: m.name }))) return;
    try {
      await mlApi.deleteModel(projectId, m.id);
      onChanged();
    } catch (e) {
      setNote({ text: errorMessage(t, e), bad: true });
    }
  };

  return (
    <>
      <tr
        className={selected ? 'ml-selected' : undefined}
        data-testid="model-row"
        data-model={m.name}
        onClick={() => onSelect(m)}
      >
        <td className="qc-strong">
          <button
            type="button"
            className="link-button"
            aria-pressed={selected}
            onClick={() => onSelect(m)}
          >
            {m.name}
          </button>
        </td>
        <td>{t(`models.kinds.${m.kind}`, { defaultValue: m.kind })}</td>
        <td className="mono small">{m.version}</td>
        <td>{m.controls.join(', ')}</td>
        <td>
          <span className={`badge ${m.active ? 'badge-accepted' : 'badge-new'}`}>
            {m.active ? t('models.active') : t('models.inactive')}
          </span>
          {m.has_secret && <span className="chip ml-chip">{t('models.key_set')}</span>}
        </td>
        <td className="small">
          {m.trained_at
            ? t('models.trained_on', {
                when: formatDateTime(m.trained_at, i18n.language),
                labels: m.labels_trained,
              })
            : t('models.never_trained')}
        </td>
        <td className="num" data-testid="model-accuracy">
          {last ? (
            <span title={t('models.accuracy_title', { n: last.eval_size, labels: last.labels })}>
              {formatPercent(last.accuracy)}
            </span>
          ) : (
            '—'
          )}
        </td>
        <td className="qc-actions" onClick={(e) => e.stopPropagation()}>
          {canManage && (
            <>
              {TRAINABLE_KINDS.includes(m.kind) && (
                <button
                  type="button"
                  className="button button-small"
                  disabled={job.running}
                  onClick={() => void retrain()}
                  data-testid="model-retrain"
                >
                  {job.running ? t('models.retraining') : t('models.retrain')}
                </button>
              )}
              {m.kind === 'ls-ml-backend' && (
                <button type="button" className="button button-small" onClick={() => void check()}>
                  {t('models.health')}
                </button>
              )}
              <button
                type="button"
                className="button button-small"
                onClick={() => onEdit(m)}
                data-testid="model-edit"
              >
                {t('models.edit')}
              </button>
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => void remove()}
              >
                {t('common.delete')}
              </button>
            </>
          )}
        </td>
      </tr>
      {(note || job.error !== undefined) && (
        <tr className="qc-expanded">
          <td colSpan={8}>
            <p className={note?.bad !== false ? 'form-error' : 'form-hint'} role="status">
              {note?.text ?? errorMessage(t, job.error)}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}
