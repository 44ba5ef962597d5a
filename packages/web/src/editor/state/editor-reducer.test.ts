import { describe, it, expect } from 'vitest';
import type { Region } from '../../schema/types.ts';
import {
  editorReducer,
  initEditorState,
  type EditorAction,
  type EditorState,
} from './editor-reducer.ts';

const box = (x: number): Region => ({
  id: 'b1',
  control: 'det',
  type: 'bbox',
  value: { x, y: 0, width: 5, height: 5, labels: ['car'] },
});

function run(s: EditorState, ...actions: EditorAction[]): EditorState {
  return actions.reduce(editorReducer, s);
}

describe('editorReducer', () => {
  it('turns a drag of many moves into one undo step', () => {
    let s = run(initEditorState([]), { type: 'apply', regions: [box(0)], select: 'b1' });
    s = run(s, { type: 'gesture-begin' });
    for (let x = 1; x <= 20; x++) s = run(s, { type: 'apply', regions: [box(x)] });
    s = run(s, { type: 'gesture-end' });
    expect(s.history.present[0]!.value).toMatchObject({ x: 20 });
    s = run(s, { type: 'undo' });
    expect(s.history.present[0]!.value).toMatchObject({ x: 0 });
    s = run(s, { type: 'undo' });
    expect(s.history.present).toEqual([]);
    expect(s.selectedId).toBeNull(); // the selected region no longer exists
  });

  it('marks changes dirty and clears dirty only for the saved revision', () => {
    let s = run(initEditorState([]), { type: 'apply', regions: [box(1)] });
    const saving = s.revision;
    s = run(s, { type: 'apply', regions: [box(2)] });
    s = run(s, { type: 'saved', revision: saving });
    expect(s.dirty).toBe(true); // a change arrived while saving
    s = run(s, { type: 'saved', revision: s.revision });
    expect(s.dirty).toBe(false);
  });

  it('non-undoable applies leave no step', () => {
    const s = run(initEditorState([]), { type: 'apply', regions: [box(1)], undoable: false });
    expect(s.history.past).toEqual([]);
    expect(run(s, { type: 'undo' }).history.present).toHaveLength(1);
  });
});
