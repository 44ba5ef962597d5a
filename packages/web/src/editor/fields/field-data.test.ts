import { describe, it, expect } from 'vitest';
import { dialogueTurns, responseItems } from './field-data.ts';

describe('field data', () => {
  it('reads responses with ids, models and plain strings', () => {
    expect(
      responseItems([{ id: 'a', text: 'Hi', model: 'm1' }, 'Hello', { content: 'Yo' }]),
    ).toEqual([
      { key: 'a', text: 'Hi', model: 'm1' },
      { key: '1', text: 'Hello' },
      { key: '2', text: 'Yo' },
    ]);
    expect(responseItems('nope')).toEqual([]);
  });

  it('reads dialogue turns, keeping markup as plain text', () => {
    expect(dialogueTurns([{ role: 'assistant', content: '<b>x</b>' }, 'hi'])).toEqual([
      { role: 'assistant', text: '<b>x</b>' },
      { role: 'user', text: 'hi' },
    ]);
  });
});
