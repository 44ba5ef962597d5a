/**
 * An editor context for one annotation in the review view: read-only to show a version, or
 * editable for a reviewer's fix. It reuses the editor's reducer and commands, so the review
 * view renders fields exactly as the annotator saw them.
 *
 * @example
 * const ctx = useColumnEditor(schema, task, annotation.regions, true);
 * <EditorContext.Provider value={ctx}>...</EditorContext.Provider>
 */
import { useReducer } from 'react';
import type { Task } from '../api/types.ts';
import type { EditorContextValue } from '../editor/editor-context.ts';
import { imageSize } from '../editor/image/image-sizes.ts';
import { currentRegions, editorReducer, initEditorState } from '../editor/state/editor-reducer.ts';
import { useEditorCommands } from '../editor/use-editor-commands.ts';
import type { LabelingSchema, Region } from '../schema/types.ts';

/** Builds the context for a column. */
export function useColumnEditor(
  schema: LabelingSchema,
  task: Task,
  regions: Region[],
  readOnly: boolean,
  notify: (key: string) => void = () => undefined,
): EditorContextValue {
  const [state, dispatch] = useReducer(editorReducer, regions, initEditorState);
  const commands = useEditorCommands({
    schema,
    task,
    state,
    dispatch,
    suggestions: [],
    readOnly,
    notify,
    imageSize,
  });
  return {
    schema,
    task,
    state,
    dispatch,
    regions: currentRegions(state),
    suggestions: [],
    readOnly,
    commands,
  };
}
