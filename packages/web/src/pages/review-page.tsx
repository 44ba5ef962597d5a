/**
 * The review page: a queue of tasks by status (to review, in review, rejected = rework,
 * accepted) on the left, the selected task's versions side by side on the right.
 *
 * Review endpoints are assumed (not yet in docs/API.md): `POST /api/projects/:id/annotations/:annId/review`
 * with `{decision, reason?, regions?}`; the rework list is `GET /api/projects/:id/tasks?status=rejected`.
 *
 * @example
 * <ReviewPage projectId={1} taskId={9} />
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskStatus } from '../api/types.ts';
import { api } from '../app/api.ts';
import { navigate } from '../app/router.ts';
import { TopBar } from '../app/top-bar.tsx';
import { errorMessage } from '../components/error-message.ts';
import { Spinner } from '../components/spinner.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { useAsync } from '../components/use-async.ts';
import { TaskPreview } from '../data-manager/task-preview.tsx';
import { ReviewTask } from '../review/review-task.tsx';

const QUEUES: TaskStatus[] = ['annotated', 'in_review', 'rejected', 'accepted'];

/** Review page. */
export function ReviewPage({ projectId, taskId }: { projectId: number; taskId?: number }) {
  const { t } = useTranslation();
  const [queue, setQueue] = useState<TaskStatus>('annotated');
  const [tick, setTick] = useState(0);
  const project = useAsync(() => api.getProject(projectId), [projectId]);
  const members = useAsync(() => api.listMembers(projectId).catch(() => []), [projectId]);
  const tasks = useAsync(
    () => api.listTasks(projectId, { status: queue, limit: 100 }),
    [projectId, queue, tick],
  );
  const usernames = useMemo(
    () => new Map((members.data ?? []).map((m) => [m.user_id, m.username])),
    [members.data],
  );
  const items = tasks.data?.items ?? [];
  const open = (id: number) => navigate(`/projects/${projectId}/review/${id}`);

  useEffect(() => {
    if (taskId === undefined && items[0])
      navigate(`/projects/${projectId}/review/${items[0].id}`, { replace: true });
  }, [taskId, items, projectId]);

  const p = project.data;
  return (
    <>
      <TopBar
        crumbs={p ? [{ label: p.name, to: `/projects/${p.id}` }, { label: t('review.title') }] : []}
      />
      <main className="review-page">
        <aside className="review-queue">
          <div className="segmented queue-tabs" role="group">
            {QUEUES.map((q) => (
              <button key={q} type="button" aria-pressed={queue === q} onClick={() => setQueue(q)}>
                {q === 'rejected' ? t('review.rework') : t(`status.${q}`)}
              </button>
            ))}
          </div>
          {tasks.loading && !tasks.data && <Spinner label={t('common.loading')} />}
          {tasks.error !== undefined && (
            <p className="form-error">{errorMessage(t, tasks.error)}</p>
          )}
          {tasks.data && items.length === 0 && (
            <p className="muted small queue-empty">{t('review.queue_empty')}</p>
          )}
          <ul className="queue-list">
            {items.map((task) => (
              <li key={task.id} aria-current={task.id === taskId} onClick={() => open(task.id)}>
                <span className="mono">#{task.id}</span>
                <StatusBadge status={task.status} />
                {p && <TaskPreview task={task} schema={p.schema} />}
              </li>
            ))}
          </ul>
        </aside>
        <section className="review-main">
          {p && taskId !== undefined ? (
            <ReviewTask
              key={taskId}
              projectId={projectId}
              taskId={taskId}
              schema={p.schema}
              usernames={usernames}
              onDone={() => {
                const next = items.find((x) => x.id !== taskId);
                setTick((n) => n + 1);
                if (next) open(next.id);
              }}
            />
          ) : (
            <div className="empty-state">{t('review.pick_task')}</div>
          )}
        </section>
      </main>
    </>
  );
}
