/**
 * The task table with row selection. A row opens the task in the editor.
 *
 * @example
 * <TaskTable tasks={page.items} schema={schema} selected={sel} onSelect={setSel} onOpen={open} />
 */
import { useTranslation } from 'react-i18next';
import type { Task } from '../api/types.ts';
import { StatusBadge } from '../components/status-badge.tsx';
import type { LabelingSchema } from '../schema/types.ts';
import { TaskPreview } from './task-preview.tsx';

/** Props of TaskTable. */
export interface TaskTableProps {
  tasks: Task[];
  schema: LabelingSchema;
  selected: ReadonlySet<number>;
  onSelect: (next: Set<number>) => void;
  onOpen: (task: Task) => void;
}

function formatDate(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Task table. */
export function TaskTable({ tasks, schema, selected, onSelect, onOpen }: TaskTableProps) {
  const { t, i18n } = useTranslation();
  const allOnPage = tasks.length > 0 && tasks.every((x) => selected.has(x.id));
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <table className="task-table" data-testid="task-table">
      <thead>
        <tr>
          <th className="col-check">
            <input
              type="checkbox"
              aria-label={t('tasks.select_page')}
              checked={allOnPage}
              onChange={() => {
                const next = new Set(selected);
                for (const x of tasks) {
                  if (allOnPage) next.delete(x.id);
                  else next.add(x.id);
                }
                onSelect(next);
              }}
            />
          </th>
          <th className="col-id">ID</th>
          <th>{t('tasks.data')}</th>
          <th className="col-status">{t('tasks.status')}</th>
          <th className="col-num">{t('tasks.annotations')}</th>
          <th className="col-num">{t('tasks.predictions')}</th>
          <th className="col-date">{t('tasks.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr
            key={task.id}
            className={selected.has(task.id) ? 'selected' : undefined}
            onClick={() => onOpen(task)}
            data-testid="task-row"
          >
            <td className="col-check" onClick={(e) => e.stopPropagation()}>
              <input
                type="checkbox"
                aria-label={t('tasks.select_task', { id: task.id })}
                checked={selected.has(task.id)}
                onChange={() => toggle(task.id)}
              />
            </td>
            <td className="col-id mono">{task.id}</td>
            <td className="col-data">
              <TaskPreview task={task} schema={schema} />
            </td>
            <td className="col-status">
              <StatusBadge status={task.status} />
            </td>
            <td className="col-num">{task.annotation_count}</td>
            <td className="col-num">{task.prediction_count}</td>
            <td className="col-date muted">{formatDate(task.updated_at, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
