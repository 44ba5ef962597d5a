/**
 * Managers' "Recompute" button: runs full truth inference as a background job, shows its
 * progress, and reloads the dashboard when it is done.
 *
 * @example
 * <RecomputeButton projectId={1} onDone={reloadAll} />
 */
import { useTranslation } from 'react-i18next';
import { qualityApi } from '../app/quality-api.ts';
import { errorMessage } from '../components/error-message.ts';
import { useToast } from '../components/toasts.tsx';
import { useJob } from '../components/use-job.ts';

/** Props of RecomputeButton. */
export interface RecomputeButtonProps {
  projectId: number;
  onDone: () => void;
}

/** Recompute button. */
export function RecomputeButton({ projectId, onDone }: RecomputeButtonProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const job = useJob((jobId) => qualityApi.job(projectId, jobId));
  const run = async () => {
    const last = await job.run(() => qualityApi.recompute(projectId));
    if (last?.status === 'done') {
      toast.show(t('quality.recompute.done'), 'success');
      onDone();
    } else if (last) {
      toast.show(t('quality.recompute.failed', { error: last.error ?? last.status }), 'error');
    }
  };
  return (
    <>
      <button
        type="button"
        className="button button-primary"
        disabled={job.running}
        onClick={() => void run()}
        data-testid="recompute"
        title={t('quality.recompute.hint')}
      >
        {job.running
          ? t('quality.recompute.running', { percent: Math.round(job.progress * 100) })
          : t('quality.recompute.button')}
      </button>
      {job.error !== undefined && (
        <span className="form-error qc-inline-error">{errorMessage(t, job.error)}</span>
      )}
    </>
  );
}
