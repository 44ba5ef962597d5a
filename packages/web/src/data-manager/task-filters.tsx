/**
 * Filters of the task table: status, label and annotator. Changing one goes back to page 1.
 *
 * @example
 * <TaskFilters value={filters} members={members} onChange={setFilters} />
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type Member, type TaskStatus } from '../api/types.ts';

/** The filter values. */
export interface Filters {
  status: TaskStatus | '';
  label: string;
  annotator: number | '';
}

/** Props of TaskFilters. */
export interface TaskFiltersProps {
  value: Filters;
  members: Member[];
  onChange: (f: Filters) => void;
}

/** Filter bar. */
export function TaskFilters({ value, members, onChange }: TaskFiltersProps) {
  const { t } = useTranslation();
  const [label, setLabel] = useState(value.label);
  // Debounce the label box so typing does not fire a request per key.
  useEffect(() => {
    const id = window.setTimeout(() => {
      if (label !== value.label) onChange({ ...value, label });
    }, 300);
    return () => window.clearTimeout(id);
  }, [label, value, onChange]);
  return (
    <div className="filters">
      <label className="filter">
        <span>{t('tasks.status')}</span>
        <select
          data-testid="filter-status"
          value={value.status}
          onChange={(e) => onChange({ ...value, status: e.target.value as TaskStatus | '' })}
        >
          <option value="">{t('tasks.any')}</option>
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t('tasks.label')}</span>
        <input
          type="search"
          data-testid="filter-label"
          value={label}
          placeholder={t('tasks.label_placeholder')}
          onChange={(e) => setLabel(e.target.value)}
        />
      </label>
      <label className="filter">
        <span>{t('tasks.annotator')}</span>
        <select
          value={value.annotator}
          onChange={(e) =>
            onChange({ ...value, annotator: e.target.value === '' ? '' : Number(e.target.value) })
          }
        >
          <option value="">{t('tasks.anyone')}</option>
          {members.map((m) => (
            <option key={m.user_id} value={m.user_id}>
              {m.username}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
