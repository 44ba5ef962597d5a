/**
 * The editor's bar: back to the project, the task, its status and save state, undo/redo,
 * shortcuts, skip and submit (with their keys).
 *
 * @example
 * <EditorHeader projectId={1} projectName="NER" saveState="saved" onSubmit={...} onSkip={...} onHelp={...} />
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Keys } from '../components/keys.tsx';
import { Link } from '../components/link.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { useEditor } from './editor-context.ts';
import type { SaveState } from './persistence/use-annotation-sync.ts';

/** Props of EditorHeader. */
export interface EditorHeaderProps {
  projectId: number;
  projectName: string;
  saveState: SaveState;
  annotationStatus: string | null;
  busy: boolean;
  onSubmit: () => void;
  onSkip: () => void;
  onHelp: () => void;
  /** Extra actions before the shortcuts button (the managers' gold answer). */
  extra?: ReactNode;
}

/** Editor header. */
export function EditorHeader(p: EditorHeaderProps) {
  const { t } = useTranslation();
  const { task, state, commands, readOnly } = useEditor();
  return (
    <header className="editor-header">
      <Link to={`/projects/${p.projectId}`} className="button button-ghost button-small back-link">
        ← <span className="back-name">{p.projectName}</span>
      </Link>
      <span className="task-id mono" data-testid="task-id">
        #{task.id}
      </span>
      <StatusBadge status={p.annotationStatus ?? task.status} />
      <span className={`save-state save-${p.saveState}`} data-testid="save-state" role="status">
        {p.saveState === 'idle' && !state.dirty ? '' : t(`editor.save.${p.saveState}`)}
      </span>
      <span className="spacer" />
      <button
        type="button"
        className="icon-button"
        aria-label={t('keymap.history_undo')}
        title={t('keymap.history_undo')}
        disabled={state.history.past.length === 0}
        onClick={commands.undo}
      >
        ↶
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={t('keymap.history_redo')}
        title={t('keymap.history_redo')}
        disabled={state.history.future.length === 0}
        onClick={commands.redo}
      >
        ↷
      </button>
      {p.extra}
      <button
        type="button"
        className="button button-small button-ghost"
        onClick={p.onHelp}
        data-testid="open-help"
      >
        {t('editor.shortcuts')} <kbd>?</kbd>
      </button>
      <button
        type="button"
        className="button"
        onClick={p.onSkip}
        disabled={p.busy}
        data-testid="skip"
      >
        {t('editor.skip')} <Keys value="mod+shift+enter" />
      </button>
      <button
        type="button"
        className="button button-primary"
        onClick={p.onSubmit}
        disabled={p.busy || readOnly}
        data-testid="submit"
      >
        {t('editor.submit')} <Keys value="mod+enter" />
      </button>
    </header>
  );
}
