/**
 * A non-blocking notice that the task just submitted carries quality warnings (the submit
 * went through; the warnings are stored for review). Shown above the next task, with a link
 * back to the task and a close button.
 *
 * @example
 * <QcWarningsNotice projectId={1} taskId={12} findings={warnings} onClose={() => setWarnings(null)} />
 */
import { useTranslation } from 'react-i18next';
import type { QcFinding } from '../../api/quality-types.ts';
import { Link } from '../../components/link.tsx';

/** Props of QcWarningsNotice. */
export interface QcWarningsNoticeProps {
  projectId: number;
  taskId: number;
  findings: readonly QcFinding[];
  onClose: () => void;
}

/** Warnings notice. */
export function QcWarningsNotice({ projectId, taskId, findings, onClose }: QcWarningsNoticeProps) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-warning qc-warnings" role="status" data-testid="qc-warnings">
      <div className="qc-warnings-head">
        <strong>
          {t('quality.editor.warnings_title', { count: findings.length, id: taskId })}
        </strong>
        <Link to={`/projects/${projectId}/label/${taskId}`} className="button button-small">
          {t('quality.editor.open_task')}
        </Link>
        <button
          type="button"
          className="icon-button"
          aria-label={t('common.close')}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <ul>
        {findings.map((f, i) => (
          <li key={i}>{f.message}</li>
        ))}
      </ul>
    </div>
  );
}
