/**
 * Managers' "Set as gold answer": stores the editor's current regions as the task's gold
 * answer (a honeypot the quality report scores annotators against). The server validates
 * the regions against the schema and says what is wrong if they do not fit.
 *
 * @example
 * {canManage && <GoldButton projectId={project.id} />}
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { qualityApi } from '../../app/quality-api.ts';
import { errorMessage } from '../../components/error-message.ts';
import { useToast } from '../../components/toasts.tsx';
import { useEditor } from '../editor-context.ts';

/** Gold button. */
export function GoldButton({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { task, regions } = useEditor();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await qualityApi.setGold(projectId, task.id, regions);
      toast.show(t('quality.gold.saved', { id: task.id }), 'success');
    } catch (e) {
      toast.show(errorMessage(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="button button-small button-ghost"
      title={t('quality.gold.hint')}
      disabled={busy}
      onClick={() => void save()}
      data-testid="set-gold"
    >
      ★ {t('quality.gold.set')}
    </button>
  );
}
