/**
 * Skipping a task. The server leases the same task again while the caller holds its lease, so
 * skipping first asks for a skip endpoint (`POST /api/projects/:id/tasks/:taskId/skip`,
 * assumed; it should release the lease and not offer the task again) and, where the server
 * has none yet, picks the next open task from the list that was not skipped in this session.
 *
 * @example
 * const id = await nextAfterSkip(1, 17, skipped); // another task id, or null
 */
import { ApiError } from '../api/api-error.ts';
import { api } from '../app/api.ts';

/** The task to go to after skipping `taskId`, or null when none is left. */
export async function nextAfterSkip(
  projectId: number,
  taskId: number,
  skipped: ReadonlySet<number>,
): Promise<number | null> {
  try {
    await api.http.request<unknown>(`/api/projects/${projectId}/tasks/${taskId}/skip`, {
      method: 'POST',
      body: {},
    });
    const next = await api.nextTask(projectId);
    if (next && !skipped.has(next.task.id)) return next.task.id;
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 405)) throw e;
  }
  for (const status of ['new', 'prelabeled', 'in_progress'] as const) {
    const page = await api.listTasks(projectId, { status, limit: 100 });
    const found = page.items.find((x) => x.id !== taskId && !skipped.has(x.id));
    if (found) return found.id;
  }
  return null;
}
