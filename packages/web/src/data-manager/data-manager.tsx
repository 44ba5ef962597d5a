/**
 * The data manager: filters, the task table with keyset paging, and bulk actions.
 *
 * @example
 * <DataManager project={project} reloadKey={n} />
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type Project, type Task } from '../api/types.ts';
import { api } from '../app/api.ts';
import { navigate } from '../app/router.ts';
import { errorMessage } from '../components/error-message.ts';
import { Spinner } from '../components/spinner.tsx';
import { useAsync } from '../components/use-async.ts';
import { BulkBar } from './bulk-bar.tsx';
import {
  currentCursor,
  initialPager,
  nextPage,
  pageNumber,
  prevPage,
  type Pager,
} from './keyset-pager.ts';
import { TaskFilters, type Filters } from './task-filters.tsx';
import { TaskTable } from './task-table.tsx';

const PAGE_SIZE = 50;

/** `?status=rejected` (the rework list link) preselects the status filter. */
function initialStatus(): Filters['status'] {
  const s = new URLSearchParams(window.location.search).get('status');
  return (TASK_STATUSES as readonly string[]).includes(s ?? '') ? (s as Filters['status']) : '';
}

/** Props of DataManager. */
export interface DataManagerProps {
  project: Project;
  /** Bump to reload (after an import). */
  reloadKey: number;
}

/** Data manager. */
export function DataManager({ project, reloadKey }: DataManagerProps) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(() => ({
    status: initialStatus(),
    label: '',
    annotator: '',
  }));
  const [pager, setPager] = useState<Pager>(initialPager);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const members = useAsync(() => api.listMembers(project.id).catch(() => []), [project.id]);
  const page = useAsync(
    () => api.listTasks(project.id, { ...filters, limit: PAGE_SIZE, cursor: currentCursor(pager) }),
    [project.id, filters, pager, reloadKey],
  );
  useEffect(() => setSelected(new Set()), [filters, reloadKey]);
  const onFilters = useCallback((f: Filters) => {
    setFilters(f);
    setPager(initialPager());
  }, []);
  const open = (task: Task) => navigate(`/projects/${project.id}/label/${task.id}`);
  const canManage = project.role === 'manager' || project.role === 'admin';
  const items = page.data?.items ?? [];

  return (
    <div className="data-manager card">
      <div className="dm-toolbar">
        <TaskFilters value={filters} members={members.data ?? []} onChange={onFilters} />
        <span className="spacer" />
        {page.data?.total !== undefined && (
          <span className="muted small">{t('tasks.total', { count: page.data.total })}</span>
        )}
      </div>
      <BulkBar
        projectId={project.id}
        selected={selected}
        canManage={canManage}
        onCleared={() => setSelected(new Set())}
        onDeleted={() => {
          setSelected(new Set());
          page.reload();
        }}
      />
      {page.error !== undefined && <p className="form-error">{errorMessage(t, page.error)}</p>}
      {page.loading && !page.data && <Spinner label={t('common.loading')} />}
      {page.data && items.length === 0 && (
        <div className="empty-state">
          <h2>{t('tasks.empty_title')}</h2>
          <p>
            {filters.status || filters.label || filters.annotator
              ? t('tasks.empty_filtered')
              : t('tasks.empty_text')}
          </p>
        </div>
      )}
      {items.length > 0 && (
        <TaskTable
          tasks={items}
          schema={project.schema}
          selected={selected}
          onSelect={setSelected}
          onOpen={open}
        />
      )}
      <div className="pager">
        <button
          type="button"
          className="button button-small"
          disabled={pageNumber(pager) === 1}
          onClick={() => setPager(prevPage(pager))}
        >
          ← {t('tasks.prev')}
        </button>
        <span className="muted small">{t('tasks.page', { page: pageNumber(pager) })}</span>
        <button
          type="button"
          className="button button-small"
          data-testid="next-page"
          disabled={!page.data?.next_cursor}
          onClick={() => page.data?.next_cursor && setPager(nextPage(pager, page.data.next_cursor))}
        >
          {t('tasks.next')} →
        </button>
      </div>
    </div>
  );
}
