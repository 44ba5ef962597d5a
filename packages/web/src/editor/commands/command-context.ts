/**
 * What every editor command reads: the latest editor inputs (through a getter, so command
 * objects stay stable across renders) and a few shared helpers.
 *
 * @example
 * const ctx = commandContext(() => ref.current);
 * ctx.apply(removeRegion(ctx.regions(), id), null);
 */
import type { Dispatch } from 'react';
import type { Task } from '../../api/types.ts';
import type { LabelingSchema, Region } from '../../schema/types.ts';
import { currentRegions, type EditorAction, type EditorState } from '../state/editor-reducer.ts';
import type { Suggestion } from '../suggestions.ts';

/** Inputs of the commands. */
export interface CommandInput {
  schema: LabelingSchema;
  task: Task;
  state: EditorState;
  dispatch: Dispatch<EditorAction>;
  suggestions: Suggestion[];
  readOnly: boolean;
  /** Shows a short message (an i18n key). */
  notify: (key: string) => void;
  /** Image size by field, for keeping nudged shapes inside. */
  imageSize: (field: string) => { w: number; h: number } | undefined;
}

/** Shared access for command builders. */
export interface CommandContext {
  cur: () => CommandInput;
  regions: () => Region[];
  selected: () => Region | undefined;
  /** One undoable change of the regions (refused, with a notice, when read-only). */
  apply: (next: Region[], select?: string | null) => void;
}

/** Builds the shared access from a getter of the latest inputs. */
export function commandContext(cur: () => CommandInput): CommandContext {
  const regions = () => currentRegions(cur().state);
  return {
    cur,
    regions,
    selected: () => regions().find((r) => r.id === cur().state.selectedId),
    apply: (next, select) => {
      if (cur().readOnly) return cur().notify('editor.read_only');
      cur().dispatch({ type: 'apply', regions: next, ...(select !== undefined ? { select } : {}) });
    },
  };
}
