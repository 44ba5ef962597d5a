/**
 * What every editor component reads: the schema, the task, the editor state and the
 * commands. One context instead of prop chains through fields and controls.
 *
 * @example
 * const { regions, commands } = useEditor();
 */
import { createContext, useContext } from 'react';
import type { Dispatch } from 'react';
import type { Task } from '../api/types.ts';
import type { LabelingSchema, Region } from '../schema/types.ts';
import type { EditorCommands } from './use-editor-commands.ts';
import type { EditorAction, EditorState } from './state/editor-reducer.ts';
import type { Suggestion } from './suggestions.ts';

/** The editor context value. */
export interface EditorContextValue {
  schema: LabelingSchema;
  task: Task;
  state: EditorState;
  dispatch: Dispatch<EditorAction>;
  regions: Region[];
  suggestions: Suggestion[];
  readOnly: boolean;
  commands: EditorCommands;
}

/** The context. */
export const EditorContext = createContext<EditorContextValue | null>(null);

/** Reads the editor context. */
export function useEditor(): EditorContextValue {
  const v = useContext(EditorContext);
  if (!v) throw new Error('useEditor outside the editor');
  return v;
}
