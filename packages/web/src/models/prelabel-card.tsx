/**
 * Pre-label the project's open tasks (or the task ids given) with the chosen model, and follow
 * the job live over the server's event stream: done of total, tasks per second, stored,
 * empty, rejected and failed; cancel and resume; the final summary with the rejected tasks and
 * why. Opening the page while a job runs re-attaches to it (the newest running job of this
 * model), and a finished job's summary stays until the next one.
 *
 * @example
 * <PrelabelCard projectId={1} model={model} canManage onFinished={reload} />
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Model } from '../api/ml-types.ts';
import { mlApi } from '../app/ml-api.ts';
import { formatPercent } from '../charts/format.ts';
import { errorMessage } from '../components/error-message.ts';
import { Link } from '../components/link.tsx';
import { formatMs } from './experiment-data.ts';
import { jobActions, jobRate, jobToShow, parseTaskIds, type JobView } from './job-events.ts';
import { usePrelabelJob } from './use-prelabel-job.ts';

/** Props of PrelabelCard. */
export interface PrelabelCardProps {
  projectId: number;
  model: Model;
  canManage: boolean;
  /** Called when a followed job ends (to reload versions and curves). */
  onFinished: () => void;
}

/** Pre-label card. */
export function PrelabelCard({ projectId, model, canManage, onFinished }: PrelabelCardProps) {
  const { t } = useTranslation();
  const [jobId, setJobId] = useState<number | undefined>(undefined);
  const [tasks, setTasks] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = usePrelabelJob(projectId, jobId, onFinished);

  // Re-attach: the newest running job of this model, else the newest finished one.
  useEffect(() => {
    let live = true;
    mlApi.prelabelJobs(projectId, { model_id: model.id, limit: 10 }).then(
      (jobs) => live && setJobId(jobToShow(jobs)?.id),
      (e: unknown) => live && setError(errorMessage(t, e)),
    );
    return () => void (live = false);
  }, [projectId, model.id, t]);

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    act(async () => {
      const ids = parseTaskIds(tasks);
      if (!ids.ok) throw new Error(t('prelabel.bad_tasks', { part: ids.bad }));
      const started = await mlApi.startPrelabel(projectId, model.name, ids.ids);
      setJobId(started.id);
    });
  const view = job.view;
  const actions = view ? jobActions(view) : { cancel: false, resume: false };
  const running = view !== undefined && !view.final;

  return (
    <section className="card qc-card ml-prelabel" data-testid="prelabel-card">
      <header className="qc-card-header">
        <h2>{t('prelabel.title', { name: model.name })}</h2>
        <span className="muted small">{t('prelabel.subtitle')}</span>
      </header>
      {canManage && (
        <div className="ml-start">
          <label className="field ml-tasks">
            <span>{t('prelabel.tasks')}</span>
            <input
              type="text"
              name="prelabel-tasks"
              value={tasks}
              placeholder={t('prelabel.tasks_placeholder')}
              onChange={(e) => setTasks(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || running || !model.active}
            onClick={() => void start()}
            data-testid="prelabel-start"
          >
            {t('prelabel.start')}
          </button>
        </div>
      )}
      {!model.active && <p className="form-hint">{t('prelabel.inactive')}</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {job.error !== undefined && <p className="form-error">{errorMessage(t, job.error)}</p>}
      {view ? (
        <JobProgress
          view={view}
          projectId={projectId}
          actions={canManage ? actions : { cancel: false, resume: false }}
          busy={busy}
          onCancel={() => void act(() => mlApi.cancelJob(projectId, view.id))}
          onResume={() =>
            void act(async () => {
              await mlApi.resumeJob(projectId, view.id);
              job.follow();
            })
          }
        />
      ) : (
        <p className="qc-empty">{t('prelabel.none')}</p>
      )}
    </section>
  );
}

function JobProgress({
  view,
  projectId,
  actions,
  busy,
  onCancel,
  onResume,
}: {
  view: JobView;
  projectId: number;
  actions: { cancel: boolean; resume: boolean };
  busy: boolean;
  onCancel: () => void;
  onResume: () => void;
}) {
  const { t } = useTranslation();
  const c = view.counts;
  const rate = jobRate(c);
  const errors = c ? c.rejected + c.failed : 0;
  return (
    <div className="ml-job" data-testid="prelabel-job" data-status={view.status}>
      <div className="ml-job-head">
        <span className={`badge badge-job-${view.status}`} data-testid="prelabel-status">
          {t(`prelabel.status.${view.status}`)}
        </span>
        <span className="muted small">{t('prelabel.job', { id: view.id })}</span>
        <span className="ml-spacer" />
        {actions.cancel && (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={onCancel}
            data-testid="prelabel-cancel"
          >
            {t('prelabel.cancel')}
          </button>
        )}
        {actions.resume && (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={onResume}
            data-testid="prelabel-resume"
          >
            {t('prelabel.resume')}
          </button>
        )}
      </div>
      <div
        className="progress ml-progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(view.progress * 100)}
      >
        <span style={{ width: `${Math.round(view.progress * 100)}%` }} />
      </div>
      <dl className="ml-stats">
        <Stat
          label={t('prelabel.done')}
          value={
            c
              ? t('prelabel.done_of', { done: c.done, total: c.total })
              : formatPercent(view.progress, 0)
          }
          testId="prelabel-done"
        />
        <Stat
          label={t('prelabel.rate')}
          value={
            rate === undefined
              ? '—'
              : t('prelabel.per_second', { n: rate < 10 ? rate.toFixed(1) : Math.round(rate) })
          }
        />
        <Stat label={t('prelabel.stored')} value={c ? String(c.stored) : '—'} />
        <Stat label={t('prelabel.empty')} value={c ? String(c.empty) : '—'} />
        <Stat
          label={t('prelabel.errors')}
          value={c ? String(errors) : '—'}
          bad={errors > 0}
          testId="prelabel-errors"
        />
        {c && c.skipped > 0 && <Stat label={t('prelabel.skipped')} value={String(c.skipped)} />}
        <Stat label={t('prelabel.elapsed')} value={c ? formatMs(c.wall_ms) : '—'} />
      </dl>
      {view.final && (
        <div className="ml-summary" data-testid="prelabel-summary">
          <p>
            {view.status === 'done'
              ? t('prelabel.summary_done', {
                  stored: c?.stored ?? 0,
                  total: c?.done ?? 0,
                  rejected: c?.rejected ?? 0,
                  failed: c?.failed ?? 0,
                })
              : view.status === 'cancelled'
                ? t('prelabel.summary_cancelled', { done: c?.done ?? 0, total: c?.total ?? 0 })
                : t('prelabel.summary_failed', { error: view.error ?? view.status })}
          </p>
          {view.status === 'done' && (c?.stored ?? 0) > 0 && (
            <Link to={`/projects/${projectId}?status=prelabeled`} className="small">
              {t('prelabel.see_tasks')}
            </Link>
          )}
          {view.rejections.length > 0 && (
            <>
              <p className="small">{t('prelabel.rejections')}</p>
              <ul className="ml-rejections">
                {view.rejections.map((r, i) => (
                  <li key={i}>
                    <Link to={`/projects/${projectId}/review/${r.task_id}`}>#{r.task_id}</Link>{' '}
                    {r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function Stat({
  label,
  value,
  bad,
  testId,
}: {
  label: string;
  value: string;
  bad?: boolean;
  testId?: string;
}) {
  return (
    <div className={bad ? 'ml-stat ml-stat-bad' : 'ml-stat'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
