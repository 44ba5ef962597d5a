/**
 * The editor's key handlers: the keymap table's actions mapped onto editor commands, plus
 * schema label hotkeys. Tool, drawing and zoom keys are handled by the image canvas itself
 * (it registers its own handlers while focused), so this file covers everything else.
 *
 * @example
 * useEditorKeys({ commands, state, labels, onSubmit, onSkip, onSave, onHelp, extra: canvasHandlers });
 */
import type { KeyHandler } from './keymap/use-keymap.ts';
import { useKeymap } from './keymap/use-keymap.ts';
import type { ActionId, LabelTarget } from './keymap/keymap.ts';
import type { EditorCommands } from './use-editor-commands.ts';
import type { EditorState } from './state/editor-reducer.ts';
import type { CaretMove } from './text/caret.ts';

/** Inputs of useEditorKeys. */
export interface EditorKeysInput {
  commands: EditorCommands;
  state: EditorState;
  labels: ReadonlyMap<string, LabelTarget[]>;
  onSubmit: () => void;
  onSkip: () => void;
  onSave: () => void;
  onHelp: () => void;
  enabled: boolean;
  /** Handlers supplied by the focused widget (image canvas, ranking, rating, pairwise). */
  extra: () => Partial<Record<ActionId, KeyHandler>>;
}

function focusedField(): string | null {
  return document.activeElement?.closest('[data-field]')?.getAttribute('data-field') ?? null;
}

function caretHandler(commands: EditorCommands, move: CaretMove): KeyHandler {
  return (e) => {
    const field = focusedField();
    if (!field) return false;
    commands.caret(field, move, { extend: e.shiftKey, word: e.ctrlKey || e.metaKey });
  };
}

/** Installs the editor's keys. */
export function useEditorKeys(input: EditorKeysInput): void {
  const { commands, state } = input;
  const base: Partial<Record<ActionId, KeyHandler>> = {
    'annotation:submit': () => input.onSubmit(),
    'annotation:skip': () => input.onSkip(),
    'annotation:save': () => input.onSave(),
    'history:undo': () => commands.undo(),
    'history:redo': () => commands.redo(),
    'region:delete': () => commands.deleteSelected(),
    'region:deselect': () => {
      if (state.relationFrom) commands.select(null);
      else if (state.selectedId) commands.select(null);
      else return false;
    },
    'region:next': () => commands.selectNext(1),
    'region:prev': () => commands.selectNext(-1),
    'relation:start': () => commands.startRelation(),
    'relation:confirm': () => {
      if (!state.relationFrom || !state.selectedId || state.selectedId === state.relationFrom)
        return false;
      commands.completeRelation(state.selectedId);
    },
    'suggestion:accept': () => commands.acceptSuggestion(),
    'suggestion:reject': () => commands.rejectSuggestion(),
    'suggestion:accept-all': () => commands.acceptAll(),
    'help:shortcuts': () => input.onHelp(),
    'text:caret-left': caretHandler(commands, 'left'),
    'text:caret-right': caretHandler(commands, 'right'),
    'text:caret-home': caretHandler(commands, 'home'),
    'text:caret-end': caretHandler(commands, 'end'),
    'text:select-all': caretHandler(commands, 'all'),
  };
  // A focused widget's handlers (read at key time: they depend on focus) come first; when one
  // passes (returns false) the editor's own handler for the same action still gets the key.
  const handlers = () => {
    const merged = { ...base };
    for (const [action, h] of Object.entries(input.extra()) as [ActionId, KeyHandler][]) {
      const own = base[action];
      merged[action] = (e, k) => {
        const r = h(e, k);
        return r === false && own ? own(e, k) : r;
      };
    }
    return merged;
  };
  useKeymap({
    handlers,
    labels: input.labels,
    onLabel: (target) => commands.applyLabel(target),
    enabled: input.enabled,
  });
}
