/**
 * Where the editor starts for a task: my annotation (or my unsynced local work, or a conflict
 * between the two), the reducer initialised with it, and the caret in the first text field
 * with spans.
 *
 * @example
 * const { mine, start, state, dispatch } = useEditorStart(project, detail, me);
 */
import { useMemo, useReducer } from 'react';
import type { Annotation, Project, TaskDetail, User } from '../api/types.ts';
import { chooseStart, readDraft } from './persistence/local-draft.ts';
import { editorReducer, initEditorState } from './state/editor-reducer.ts';
import { browserStorage } from '../components/browser-storage.ts';

/** My working annotation on the task: the latest of mine that is not a model's. */
export function pickMine(annotations: readonly Annotation[], me: number): Annotation | null {
  const mine = annotations.filter((a) => a.created_by === me && a.origin !== 'model');
  return mine.sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0] ?? null;
}

/** The editor's starting point and reducer. */
export function useEditorStart(project: Project, detail: TaskDetail, me: User) {
  const { schema } = project;
  const task = detail.task;
  const mine = useMemo(() => pickMine(detail.annotations, me.id), [detail.annotations, me.id]);
  const start = useMemo(
    () => chooseStart(mine, readDraft(browserStorage(), project.id, task.id)),
    [mine, project.id, task.id],
  );
  const firstText = schema.fields.find(
    (f) =>
      f.type === 'text' && schema.controls.some((c) => c.type === 'spans' && c.field === f.name),
  );
  const [state, dispatch] = useReducer(editorReducer, start, (s) => ({
    ...initEditorState(s.regions),
    rejected: s.rejected,
    dirty: s.source === 'local',
    caret: firstText ? { field: firstText.name, anchor: 0, focus: 0 } : null,
  }));
  const rejection = (detail.reviews ?? [])
    .filter((r) => r.annotation_id === mine?.id && r.decision === 'reject')
    .at(-1);
  return {
    mine,
    start,
    state,
    dispatch,
    readOnly: mine?.status === 'accepted',
    rework: mine?.status === 'rejected' ? { reason: rejection?.reason ?? null } : null,
  };
}
