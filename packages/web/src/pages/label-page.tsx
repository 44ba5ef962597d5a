/**
 * The labeling page. `/projects/:id/label` leases the next task and shows it at
 * `/projects/:id/label/:taskId`; submit leases the next one straight away (the lease answer
 * carries the task, my annotations and the predictions, so no second request is needed).
 *
 * @example
 * <LabelPage projectId={1} taskId={17} />
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QcFinding } from '../api/quality-types.ts';
import type { TaskDetail } from '../api/types.ts';
import { api } from '../app/api.ts';
import { navigate } from '../app/router.ts';
import { useSession } from '../app/session.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Link } from '../components/link.tsx';
import { Spinner } from '../components/spinner.tsx';
import { useToast } from '../components/toasts.tsx';
import { useAsync } from '../components/use-async.ts';
import { Editor } from '../editor/editor.tsx';
import { submittedWarnings } from '../editor/qc/qc-findings.ts';
import { QcWarningsNotice } from '../editor/qc/qc-warnings-notice.tsx';
import { nextAfterSkip } from './skip-task.ts';

/** Props of LabelPage. */
export interface LabelPageProps {
  projectId: number;
  taskId?: number;
}

/** Labeling page. */
export function LabelPage({ projectId, taskId }: LabelPageProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const { user } = useSession();
  const project = useAsync(() => api.getProject(projectId), [projectId]);
  const cache = useRef(new Map<number, TaskDetail>());
  const skipped = useRef(new Set<number>());
  const [detail, setDetail] = useState<TaskDetail | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  // Quality warnings of the task just submitted, shown (non-blocking) above the next one.
  const [warnings, setWarnings] = useState<{ taskId: number; findings: QcFinding[] } | null>(null);

  const lease = useCallback(
    async (replace: boolean) => {
      setBusy(true);
      try {
        const next = await api.nextTask(projectId);
        if (!next) {
          setDone(true);
          setDetail(null);
          navigate(`/projects/${projectId}/label`, { replace: true });
          return;
        }
        cache.current.set(next.task.id, next);
        navigate(`/projects/${projectId}/label/${next.task.id}`, { replace });
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [projectId],
  );

  useEffect(() => {
    setError(undefined);
    if (taskId === undefined) {
      if (!done) void lease(true);
      return;
    }
    setDone(false);
    const cached = cache.current.get(taskId);
    if (cached) {
      cache.current.delete(taskId);
      setDetail(cached);
      return;
    }
    setDetail(null);
    api.getTask(projectId, taskId).then(setDetail, setError);
  }, [projectId, taskId, lease, done]);

  const onSkip = async () => {
    if (!detail) return;
    skipped.current.add(detail.task.id);
    setBusy(true);
    try {
      const id = await nextAfterSkip(projectId, detail.task.id, skipped.current);
      if (id === null) toast.show(t('editor.nothing_to_skip_to'));
      else navigate(`/projects/${projectId}/label/${id}`);
    } catch (e) {
      toast.show(errorMessage(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  const p = project.data;
  const notice = warnings && (
    <QcWarningsNotice
      projectId={projectId}
      taskId={warnings.taskId}
      findings={warnings.findings}
      onClose={() => setWarnings(null)}
    />
  );
  if (project.error !== undefined || error !== undefined) {
    return (
      <main className="page">
        <p className="form-error">{errorMessage(t, project.error ?? error)}</p>
        <Link to={`/projects/${projectId}`}>{t('editor.back_to_project')}</Link>
      </main>
    );
  }
  if (done) {
    return (
      <main className="page">
        {notice}
        <div className="card empty-state" data-testid="all-done">
          <h1>{t('editor.all_done')}</h1>
          <p>{t('editor.all_done_text')}</p>
          <Link to={`/projects/${projectId}`} className="button button-primary">
            {t('editor.back_to_project')}
          </Link>
        </div>
      </main>
    );
  }
  if (!p || !detail || !user) return <Spinner label={t('common.loading')} />;
  return (
    <Editor
      key={detail.task.id}
      project={p}
      detail={detail}
      me={user}
      busy={busy}
      notice={notice}
      onSubmitted={(a) => {
        const found = submittedWarnings(a);
        setWarnings(found.length ? { taskId: a.task_id, findings: found } : null);
        toast.show(t('editor.submitted'), 'success');
        void lease(false);
      }}
      onSkip={() => void onSkip()}
    />
  );
}
