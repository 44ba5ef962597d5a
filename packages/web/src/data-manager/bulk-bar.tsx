/**
 * Actions on the selected tasks: export them as JSONL, or delete them (with confirmation).
 *
 * @example
 * <BulkBar projectId={1} selected={sel} onCleared={() => setSel(new Set())} onDeleted={reload} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { Dialog } from '../components/dialog.tsx';
import { errorMessage } from '../components/error-message.ts';
import { useToast } from '../components/toasts.tsx';
import { toJsonl } from './export-selected.ts';

/** Props of BulkBar. */
export interface BulkBarProps {
  projectId: number;
  selected: ReadonlySet<number>;
  canManage: boolean;
  onCleared: () => void;
  onDeleted: () => void;
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Bulk action bar. */
export function BulkBar({ projectId, selected, canManage, onCleared, onDeleted }: BulkBarProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = Array.from(selected);

  const exportSelected = async () => {
    setBusy(true);
    try {
      const details = await Promise.all(ids.map((id) => api.getTask(projectId, id)));
      download(
        `tessera-project-${projectId}-selection.jsonl`,
        toJsonl(details),
        'application/x-ndjson',
      );
    } catch (e) {
      toast.show(errorMessage(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await api.bulkDeleteTasks(projectId, ids);
      toast.show(t('tasks.deleted', { count: ids.length }), 'success');
      setConfirm(false);
      onDeleted();
    } catch (e) {
      toast.show(errorMessage(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  if (ids.length === 0) return null;
  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      <strong>{t('tasks.selected', { count: ids.length })}</strong>
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        onClick={() => void exportSelected()}
      >
        {t('tasks.export_selected')}
      </button>
      {canManage && (
        <button
          type="button"
          className="button button-small button-danger"
          disabled={busy}
          onClick={() => setConfirm(true)}
          data-testid="bulk-delete"
        >
          {t('common.delete')}
        </button>
      )}
      <button type="button" className="button button-small button-ghost" onClick={onCleared}>
        {t('tasks.clear_selection')}
      </button>
      <Dialog
        open={confirm}
        title={t('tasks.delete_title')}
        onClose={() => setConfirm(false)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setConfirm(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button button-danger-solid"
              disabled={busy}
              onClick={() => void remove()}
              data-testid="confirm-delete"
            >
              {t('common.delete')}
            </button>
          </>
        }
      >
        <p>{t('tasks.delete_confirm', { count: ids.length })}</p>
      </Dialog>
    </div>
  );
}
