/**
 * Strategy experiments (A/B): managers start one (pre-labels or not; active-learning order or
 * random), with the control it is judged on, the model (for pre-labels) and arm B's share;
 * anyone may open a report (reviewers and managers: the server refuses annotators) and stop a
 * running one. The chosen experiment lives in the address (`?experiment=`).
 *
 * @example
 * <ExperimentsCard projectId={1} project={p} models={models} canManage canReview />
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Experiment, Model, NewExperimentBody } from '../api/ml-types.ts';
import type { Project } from '../api/types.ts';
import { mlApi } from '../app/ml-api.ts';
import { navigate, useLocation } from '../app/router.ts';
import { formatDateTime } from '../charts/format.ts';
import { errorMessage } from '../components/error-message.ts';
import { useAsync } from '../components/use-async.ts';
import { ExperimentReportView } from './experiment-report.tsx';

/** Props of ExperimentsCard. */
export interface ExperimentsCardProps {
  projectId: number;
  project: Project;
  models: readonly Model[];
  canManage: boolean;
  canReview: boolean;
}

/** Experiments card. */
export function ExperimentsCard({
  projectId,
  project,
  models,
  canManage,
  canReview,
}: ExperimentsCardProps) {
  const { t, i18n } = useTranslation();
  const [path, search = ''] = useLocation().split('?');
  const [tick, setTick] = useState(0);
  const list = useAsync(() => mlApi.experiments(projectId), [projectId, tick]);
  const [error, setError] = useState<string | null>(null);
  const asked = Number(new URLSearchParams(search).get('experiment'));
  const open = list.data?.find((e) => e.id === asked);
  const show = (e: Experiment | undefined) => {
    const q = new URLSearchParams(search);
    if (e) q.set('experiment', String(e.id));
    else q.delete('experiment');
    const qs = q.toString();
    navigate(`${path}${qs ? `?${qs}` : ''}`, { replace: true });
  };
  const stop = async (e: Experiment) => {
    setError(null);
    try {
      await mlApi.stopExperiment(projectId, e.id);
      setTick((n) => n + 1);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <section className="card qc-card" data-testid="experiments-card">
      <header className="qc-card-header">
        <h2>{t('experiments.title')}</h2>
        <span className="muted small">{t('experiments.subtitle')}</span>
      </header>
      {canManage && (
        <NewExperimentForm
          projectId={projectId}
          project={project}
          models={models}
          onCreated={(e) => {
            setTick((n) => n + 1);
            show(e);
          }}
        />
      )}
      {error && <p className="form-error">{error}</p>}
      {list.error !== undefined && <p className="form-error">{errorMessage(t, list.error)}</p>}
      {list.data && list.data.length === 0 && <p className="qc-empty">{t('experiments.none')}</p>}
      {list.data && list.data.length > 0 && (
        <div className="qc-table-wrap">
          <table className="simple-table qc-table">
            <thead>
              <tr>
                <th>{t('experiments.name')}</th>
                <th>{t('experiments.kind')}</th>
                <th>{t('experiments.control')}</th>
                <th>{t('experiments.arms')}</th>
                <th>{t('experiments.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((e) => (
                <tr
                  key={e.id}
                  data-testid="experiment-row"
                  className={open?.id === e.id ? 'ml-selected' : undefined}
                >
                  <td className="qc-strong">{e.name}</td>
                  <td>{t(`experiments.kinds.${e.kind}`)}</td>
                  <td>{e.control}</td>
                  <td className="small">
                    {t(`experiments.arm_names.${e.kind}.A`)} /{' '}
                    {t(`experiments.arm_names.${e.kind}.B`)}{' '}
                    <span className="muted">({Math.round(e.share_b * 100)}% B)</span>
                  </td>
                  <td className="small">
                    {e.status === 'running'
                      ? t('experiments.running_since', {
                          when: formatDateTime(e.created_at, i18n.language),
                        })
                      : t('experiments.stopped')}
                  </td>
                  <td className="qc-actions">
                    {canReview && (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => show(open?.id === e.id ? undefined : e)}
                        data-testid="experiment-report-open"
                      >
                        {open?.id === e.id ? t('experiments.hide_report') : t('experiments.report')}
                      </button>
                    )}
                    {canManage && e.status === 'running' && (
                      <button
                        type="button"
                        className="button button-small button-ghost"
                        onClick={() => void stop(e)}
                      >
                        {t('experiments.stop')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && canReview && (
        <ExperimentReportView key={open.id} projectId={projectId} experiment={open} />
      )}
    </section>
  );
}

function NewExperimentForm({
  projectId,
  project,
  models,
  onCreated,
}: {
  projectId: number;
  project: Project;
  models: readonly Model[];
  onCreated: (e: Experiment) => void;
}) {
  const { t } = useTranslation();
  const controls = project.schema.controls.map((c) => c.name);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'prelabel' | 'order'>('prelabel');
  const [control, setControl] = useState(controls[0] ?? '');
  const [modelId, setModelId] = useState('');
  const [share, setShare] = useState('50');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const shareB = Number(share) / 100;
    if (!Number.isFinite(shareB) || shareB < 0.05 || shareB > 0.95) {
      setError(t('experiments.bad_share'));
      return;
    }
    const body: NewExperimentBody = {
      name: name.trim() || t(`experiments.kinds.${kind}`),
      kind,
      control,
      share_b: shareB,
    };
    if (kind === 'prelabel' && modelId) body.model_id = Number(modelId);
    setBusy(true);
    setError(null);
    try {
      onCreated(await mlApi.createExperiment(projectId, body));
      setName('');
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="ml-exp-form" onSubmit={(e) => void submit(e)} data-testid="experiment-form">
      <label className="field">
        <span>{t('experiments.name')}</span>
        <input
          type="text"
          name="experiment-name"
          maxLength={200}
          value={name}
          placeholder={t(`experiments.kinds.${kind}`)}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('experiments.kind')}</span>
        <select
          name="experiment-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as 'prelabel' | 'order')}
        >
          <option value="prelabel">{t('experiments.kinds.prelabel')}</option>
          <option value="order">{t('experiments.kinds.order')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('experiments.control')}</span>
        <select
          name="experiment-control"
          value={control}
          onChange={(e) => setControl(e.target.value)}
        >
          {controls.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      {kind === 'prelabel' && (
        <label className="field">
          <span>{t('experiments.model')}</span>
          <select
            name="experiment-model"
            value={modelId}
            onChange={(e) => setModelId(e.target.value)}
          >
            <option value="">{t('experiments.any_model')}</option>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field ml-share">
        <span>{t('experiments.share_b')}</span>
        <input
          type="number"
          name="experiment-share"
          min={5}
          max={95}
          step={5}
          value={share}
          onChange={(e) => setShare(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className="button button-primary"
        disabled={busy || !control}
        data-testid="experiment-create"
      >
        {t('experiments.create')}
      </button>
      <p className="form-hint ml-wide">{t(`experiments.kind_hints.${kind}`)}</p>
      {error && <p className="form-error ml-wide">{error}</p>}
    </form>
  );
}
