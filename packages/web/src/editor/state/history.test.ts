import { describe, it, expect } from 'vitest';
import { beginGesture, commit, createHistory, endGesture, redo, replace, undo } from './history.ts';

describe('history', () => {
  it('undoes and redoes committed steps', () => {
    let h = createHistory<string>('a');
    h = commit(h, 'b');
    h = commit(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = redo(h);
    expect(h.present).toBe('c');
    h = undo(undo(undo(h)));
    expect(h.present).toBe('a');
  });

  it('makes a whole drag one undo step', () => {
    let h = createHistory<number>(0);
    h = beginGesture(h);
    for (let x = 1; x <= 30; x++) h = commit(h, x);
    h = endGesture(h);
    expect(h.past).toEqual([0]);
    expect(undo(h).present).toBe(0);
  });

  it('records nothing for a gesture that changed nothing, or for replace', () => {
    let h = createHistory<number>(0);
    h = endGesture(beginGesture(h));
    h = replace(h, 5);
    expect(h.past).toEqual([]);
    expect(h.present).toBe(5);
  });

  it('drops the redo branch on a new commit', () => {
    let h = commit(commit(createHistory(0), 1), 2);
    h = commit(undo(h), 9);
    expect(redo(h).present).toBe(9);
    expect(h.future).toEqual([]);
  });
});
