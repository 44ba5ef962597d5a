/**
 * A short list of example task ids: links that open each task in the editor, or plain ids
 * for tasks that no longer exist (removed from the project).
 *
 * @example
 * <TaskLinks projectId={1} ids={[4, 9]} />
 */
import { Link } from '../components/link.tsx';

/** Props of TaskLinks. */
export interface TaskLinksProps {
  projectId: number;
  ids: readonly number[];
  /** Plain ids (removed tasks cannot be opened). */
  plain?: boolean;
}

/** Task links. */
export function TaskLinks({ projectId, ids, plain }: TaskLinksProps) {
  if (ids.length === 0) return <span className="muted">—</span>;
  return (
    <span className="task-links">
      {ids.map((id) =>
        plain ? (
          <span key={id} className="mono muted">
            #{id}
          </span>
        ) : (
          <Link
            key={id}
            to={`/projects/${projectId}/label/${id}`}
            className="mono"
            data-testid="diff-task-link"
          >
            #{id}
          </Link>
        ),
      )}
    </span>
  );
}
