/**
 * The editor's commands, shared by the keymap handlers and the buttons: label hotkeys,
 * deleting, relations, suggestions, selection cycling, nudging shapes and the text caret.
 * Each region change is one undoable step. The command object keeps one identity for the
 * editor's life and reads the latest state through a ref.
 *
 * @example
 * const commands = useEditorCommands({ schema, task, state, dispatch, suggestions, readOnly, notify, imageSize });
 * commands.deleteSelected();
 */
import { useMemo, useRef } from 'react';
import { commandContext, type CommandInput } from './commands/command-context.ts';
import { inputCommands } from './commands/input-commands.ts';
import { regionCommands } from './commands/region-commands.ts';

export type { CommandInput } from './commands/command-context.ts';
export { focusControl } from './commands/input-commands.ts';

/** Builds the commands. */
export function useEditorCommands(input: CommandInput) {
  const ref = useRef(input);
  ref.current = input;
  return useMemo(() => {
    const ctx = commandContext(() => ref.current);
    return {
      apply: ctx.apply,
      undo: () => ref.current.dispatch({ type: 'undo' }),
      redo: () => ref.current.dispatch({ type: 'redo' }),
      ...regionCommands(ctx),
      ...inputCommands(ctx),
    };
  }, []);
}

/** The commands object. */
export type EditorCommands = ReturnType<typeof useEditorCommands>;
