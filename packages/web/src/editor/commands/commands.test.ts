import { describe, it, expect } from 'vitest';
import type { Task } from '../../api/types.ts';
import type { Region } from '../../schema/types.ts';
import { TEMPLATES } from '../../schema/templates.ts';
import {
  editorReducer,
  initEditorState,
  type EditorAction,
  type EditorState,
} from '../state/editor-reducer.ts';
import { commandContext, type CommandInput } from './command-context.ts';
import { inputCommands } from './input-commands.ts';
import { nudged, regionCommands } from './region-commands.ts';

const schema = TEMPLATES.find((t) => t.id === 'image-detection')!.schema;
const task = { id: 1, data: { image: '/x.png' } } as unknown as Task;
const box: Region = {
  id: 'b',
  control: 'objects',
  type: 'bbox',
  value: { x: 5, y: 5, width: 10, height: 10, labels: ['car'] },
};

function harness(regions: Region[], readOnly = false) {
  let state: EditorState = initEditorState(regions);
  const notes: string[] = [];
  const input = (): CommandInput => ({
    schema,
    task,
    state,
    dispatch: (a: EditorAction) => void (state = editorReducer(state, a)),
    suggestions: [],
    readOnly,
    notify: (k) => void notes.push(k),
    imageSize: () => ({ w: 100, h: 50 }),
  });
  const ctx = commandContext(input);
  return {
    ctx,
    get state() {
      return state;
    },
    notes,
    region: regionCommands(ctx),
    input: inputCommands(ctx),
  };
}

describe('editor commands', () => {
  it('nudges shapes in image pixels and keeps them inside the image', () => {
    expect(nudged(box, -10, 100, { w: 100, h: 50 }).value).toMatchObject({ x: 0, y: 40 });
    const h = harness([box]);
    h.region.select('b');
    expect(h.region.nudge(10, 0)).toBe(true);
    expect(h.state.history.present[0]!.value).toMatchObject({ x: 15 });
    h.region.select(null);
    expect(h.region.nudge(10, 0)).toBe(false);
  });

  it('cycles the selection and deletes the selected region as one undo step', () => {
    const other: Region = { ...box, id: 'c' };
    const h = harness([box, other]);
    h.region.selectNext(1);
    h.region.selectNext(1);
    expect(h.state.selectedId).toBe('c');
    h.region.deleteSelected();
    expect(h.state.history.present.map((r) => r.id)).toEqual(['b']);
    h.ctx.cur().dispatch({ type: 'undo' });
    expect(h.state.history.present.map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('refuses changes on a read-only (accepted) annotation and says so', () => {
    const h = harness([box], true);
    h.region.select('b');
    h.region.deleteSelected();
    expect(h.state.history.present).toHaveLength(1);
    expect(h.notes).toEqual(['editor.read_only']);
  });

  it('a shape hotkey arms its tool and label', () => {
    const h = harness([]);
    h.input.applyLabel({ control: 'areas', label: 'building' });
    expect([h.state.tool, h.state.activeControl, h.state.activeLabel.areas]).toEqual([
      'polygon',
      'areas',
      'building',
    ]);
  });
});
