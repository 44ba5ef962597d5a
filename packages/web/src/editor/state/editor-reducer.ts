/**
 * The editor's state machine: regions with undo history, plus the non-undoable view state
 * (selection, tool, active labels, text caret, relation mode, rejected suggestions).
 * Every region change names whether it is undoable.
 *
 * @example
 * const [state, dispatch] = useReducer(editorReducer, [], initEditorState);
 * dispatch({ type: 'apply', regions: next });          // one undo step
 * dispatch({ type: 'apply', regions, undoable: false }); // no step
 */
import type { Region } from '../../schema/types.ts';
import {
  beginGesture,
  commit,
  createHistory,
  endGesture,
  redo,
  replace,
  undo,
  type History,
} from './history.ts';

/** Drawing and selection tools. */
export type ToolId = 'select' | 'bbox' | 'polygon' | 'keypoints';

/** Caret and selection in a text field, in code points (`anchor` stays, `focus` moves). */
export interface TextCaret {
  field: string;
  anchor: number;
  focus: number;
}

/** Editor state. */
export interface EditorState {
  history: History<Region[]>;
  selectedId: string | null;
  tool: ToolId;
  /** The label new shapes get, per control. */
  activeLabel: Record<string, string>;
  /** The control whose label was picked last (which control the drawing tool serves). */
  activeControl: string | null;
  caret: TextCaret | null;
  /** The source span while the user picks a relation target. */
  relationFrom: string | null;
  /** Suggestion region ids the annotator rejected. */
  rejected: string[];
  /** Changes not yet saved. */
  dirty: boolean;
  /** Bumped on every region change, so savers know what they saved. */
  revision: number;
}

/** Editor actions. */
export type EditorAction =
  | { type: 'load'; regions: Region[]; rejected?: string[]; dirty?: boolean }
  | { type: 'apply'; regions: Region[]; undoable?: boolean; select?: string | null }
  | { type: 'gesture-begin' }
  | { type: 'gesture-end' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'select'; id: string | null }
  | { type: 'tool'; tool: ToolId }
  | { type: 'active-label'; control: string; label: string }
  | { type: 'caret'; caret: TextCaret | null }
  | { type: 'relation-mode'; from: string | null }
  | { type: 'reject-suggestions'; ids: string[] }
  | { type: 'saved'; revision: number };

/** Initial state for a task's regions. */
export function initEditorState(regions: Region[]): EditorState {
  return {
    history: createHistory(regions),
    selectedId: null,
    tool: 'select',
    activeLabel: {},
    activeControl: null,
    caret: null,
    relationFrom: null,
    rejected: [],
    dirty: false,
    revision: 0,
  };
}

function withRegions(s: EditorState, history: History<Region[]>): EditorState {
  if (history.present === s.history.present) return { ...s, history };
  const exists = s.selectedId !== null && history.present.some((r) => r.id === s.selectedId);
  return {
    ...s,
    history,
    selectedId: exists ? s.selectedId : null,
    dirty: true,
    revision: s.revision + 1,
  };
}

/** The reducer. */
export function editorReducer(s: EditorState, a: EditorAction): EditorState {
  switch (a.type) {
    case 'load':
      return {
        ...initEditorState(a.regions),
        tool: s.tool,
        activeLabel: s.activeLabel,
        activeControl: s.activeControl,
        rejected: a.rejected ?? [],
        dirty: a.dirty ?? false,
        revision: s.revision + 1,
      };
    case 'apply': {
      const h = a.undoable === false ? replace(s.history, a.regions) : commit(s.history, a.regions);
      const next = withRegions(s, h);
      return a.select === undefined ? next : { ...next, selectedId: a.select };
    }
    case 'gesture-begin':
      return { ...s, history: beginGesture(s.history) };
    case 'gesture-end':
      return { ...s, history: endGesture(s.history) };
    case 'undo':
      return withRegions(s, undo(s.history));
    case 'redo':
      return withRegions(s, redo(s.history));
    case 'select':
      return { ...s, selectedId: a.id, relationFrom: a.id === null ? null : s.relationFrom };
    case 'tool':
      return { ...s, tool: a.tool };
    case 'active-label':
      return {
        ...s,
        activeLabel: { ...s.activeLabel, [a.control]: a.label },
        activeControl: a.control,
      };
    case 'caret':
      return { ...s, caret: a.caret };
    case 'relation-mode':
      return { ...s, relationFrom: a.from };
    case 'reject-suggestions':
      return {
        ...s,
        rejected: Array.from(new Set([...s.rejected, ...a.ids])),
        dirty: true,
        revision: s.revision + 1,
      };
    case 'saved':
      return a.revision === s.revision ? { ...s, dirty: false } : s;
  }
}

/** The current regions. */
export function currentRegions(s: EditorState): Region[] {
  return s.history.present;
}
