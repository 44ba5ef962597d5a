/**
 * The labeling editor for one task: fields with their controls, the regions sidebar, model
 * suggestions, undo history, the keymap, autosave and submit. Keyed by task id by its parent,
 * so each task starts fresh.
 *
 * @example
 * <Editor project={project} detail={detail} me={user} onSubmitted={next} onSkip={skip} />
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, Project, TaskDetail, User } from '../api/types.ts';
import { useToast } from '../components/toasts.tsx';
import { EditorBanners } from './editor-banners.tsx';
import { EditorContext, type EditorContextValue } from './editor-context.ts';
import { EditorHeader } from './editor-header.tsx';
import { FieldPanel } from './field-panel.tsx';
import { imageSize } from './image/image-sizes.ts';
import { buildLabelHotkeys, type KeyScope } from './keymap/keymap.ts';
import { ShortcutHelp } from './keymap/shortcut-help.tsx';
import { focusedWidgetKeys } from './keymap/widget-keys.ts';
import { ConflictDialog } from './persistence/conflict-dialog.tsx';
import { GoldButton } from './qc/gold-button.tsx';
import { QcBlockedBanner } from './qc/qc-blocked-banner.tsx';
import { QcFindingsContext } from './qc/qc-context.ts';
import { groupFindings } from './qc/qc-findings.ts';
import { useAnnotationSync } from './persistence/use-annotation-sync.ts';
import { EditorSidebar } from './sidebar/editor-sidebar.tsx';
import { currentRegions } from './state/editor-reducer.ts';
import { submitProblems, type SubmitProblem } from './submit-check.ts';
import { pendingSuggestions } from './suggestions.ts';
import { useEditorCommands } from './use-editor-commands.ts';
import { useEditorKeys } from './use-editor-keys.ts';
import { useEditorStart } from './use-editor-start.ts';

/** Props of Editor. */
export interface EditorProps {
  project: Project;
  detail: TaskDetail;
  me: User;
  busy: boolean;
  onSubmitted: (a: Annotation) => void;
  onSkip: () => void;
  /** A notice shown above the fields (the previous submit's quality warnings). */
  notice?: ReactNode;
}

/** The key scopes this schema's editor uses (the help dialog lists only those). */
export function helpScopes(schema: Project['schema']): KeyScope[] {
  const types = new Set(schema.controls.map((c) => c.type));
  const scopes: KeyScope[] = ['global'];
  if (types.has('spans')) scopes.push('text');
  if (types.has('bbox') || types.has('polygon') || types.has('keypoints')) scopes.push('image');
  for (const s of ['ranking', 'rating', 'pairwise'] as const) if (types.has(s)) scopes.push(s);
  return scopes;
}

/** The editor. */
export function Editor({ project, detail, me, busy, onSubmitted, onSkip, notice }: EditorProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const { schema } = project;
  const task = detail.task;
  const { mine, start, state, dispatch, readOnly, rework } = useEditorStart(project, detail, me);
  const sync = useAnnotationSync(
    { projectId: project.id, task, mine, initialConflict: start.conflict, readOnly },
    state,
    dispatch,
  );
  const regions = currentRegions(state);
  const suggestions = useMemo(
    () => pendingSuggestions(detail.predictions, regions, state.rejected),
    [detail.predictions, regions, state.rejected],
  );
  const commands = useEditorCommands({
    schema,
    task,
    state,
    dispatch,
    suggestions,
    readOnly,
    notify: (key) => toast.show(t(key)),
    imageSize,
  });
  const labels = useMemo(() => buildLabelHotkeys(schema.controls), [schema.controls]);
  const [help, setHelp] = useState(false);
  const [problems, setProblems] = useState<SubmitProblem[]>([]);
  const startedAt = useRef(Date.now());
  const main = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (start.source === 'local') toast.show(t('editor.restored_local'));
    // Keyboard-first: focus the first place that takes keys.
    main.current
      ?.querySelector<HTMLElement>('[data-key-scope][tabindex="0"], [data-rank-key]')
      ?.focus({ preventScroll: true });
    // Once per task: the editor is keyed by task id.
  }, []);

  useEffect(() => {
    if (sync.error) toast.show(sync.error, 'error');
  }, [sync.error, toast]);

  const submit = async () => {
    if (readOnly || busy) return;
    const found = submitProblems(schema, regions, task.data);
    setProblems(found);
    if (found.length) return toast.show(t('editor.cannot_submit'), 'error');
    const res = await sync.submit(Date.now() - startedAt.current);
    if (res) onSubmitted(res);
  };

  useEditorKeys({
    commands,
    state,
    labels,
    onSubmit: () => void submit(),
    onSkip,
    onSave: () => void sync.saveNow(),
    onHelp: () => setHelp(true),
    enabled: !help && !sync.conflict,
    extra: focusedWidgetKeys,
  });

  const ctx: EditorContextValue = {
    schema,
    task,
    state,
    dispatch,
    regions,
    suggestions,
    readOnly,
    commands,
  };
  const scopes = useMemo(() => helpScopes(schema), [schema]);
  const qc = useMemo(() => groupFindings(sync.blocked, regions), [sync.blocked, regions]);
  const canManage = project.role === 'manager' || project.role === 'admin';
  return (
    <EditorContext.Provider value={ctx}>
      <QcFindingsContext.Provider value={qc}>
        <div className="editor" data-testid="editor">
          <EditorHeader
            projectId={project.id}
            projectName={project.name}
            saveState={sync.saveState}
            annotationStatus={sync.annotation?.status ?? null}
            busy={busy}
            onSubmit={() => void submit()}
            onSkip={onSkip}
            onHelp={() => setHelp(true)}
            extra={canManage ? <GoldButton projectId={project.id} /> : undefined}
          />
          <div className="editor-body">
            <div className="editor-main" ref={main}>
              {notice}
              <QcBlockedBanner findings={sync.blocked} />
              <EditorBanners
                rework={rework}
                readOnly={readOnly}
                problems={problems}
                relationMode={state.relationFrom !== null}
              />
              {schema.fields.map((f) => (
                <FieldPanel key={f.name} field={f} />
              ))}
            </div>
            <EditorSidebar />
          </div>
          <ShortcutHelp
            open={help}
            scopes={scopes}
            controls={schema.controls}
            onClose={() => setHelp(false)}
          />
          {sync.conflict && (
            <ConflictDialog
              mine={regions}
              theirs={sync.conflict}
              schema={schema}
              data={task.data}
              onKeepMine={() => void sync.keepMine()}
              onTakeTheirs={sync.takeTheirs}
            />
          )}
        </div>
      </QcFindingsContext.Provider>
    </EditorContext.Provider>
  );
}
