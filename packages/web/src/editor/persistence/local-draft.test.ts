import { describe, it, expect } from 'vitest';
import type { Annotation } from '../../api/types.ts';
import type { Region } from '../../schema/types.ts';
import { chooseStart, readDraft, writeDraft, type LocalDraft } from './local-draft.ts';

const r = (id: string): Region => ({ id, control: 'c', type: 'choice', value: { choices: ['a'] } });
const server = (version: number, regions: Region[]): Annotation => ({
  id: 5,
  task_id: 1,
  regions,
  origin: 'human',
  status: 'draft',
  version,
  created_by: 1,
  created_at: '',
  updated_at: '',
});
const local = (over: Partial<LocalDraft>): LocalDraft => ({
  regions: [r('L')],
  rejected: [],
  annotationId: 5,
  version: 2,
  savedAt: 1,
  synced: false,
  ...over,
});

describe('chooseStart', () => {
  it('uses the server when local work is synced or absent', () => {
    expect(chooseStart(server(2, [r('S')]), null).source).toBe('server');
    expect(chooseStart(server(2, [r('S')]), local({ synced: true })).regions[0]!.id).toBe('S');
    expect(chooseStart(null, null).source).toBe('empty');
  });

  it('restores unsynced local work built on the current server version', () => {
    const s = chooseStart(server(2, [r('S')]), local({}));
    expect([s.source, s.regions[0]!.id, s.conflict]).toEqual(['local', 'L', null]);
    expect(chooseStart(null, local({ annotationId: null, version: null })).source).toBe('local');
  });

  it('reports a conflict when the server moved on under unsynced local work', () => {
    const s = chooseStart(server(3, [r('S')]), local({ version: 2 }));
    expect(s.conflict?.version).toBe(3);
    expect(s.regions[0]!.id).toBe('L');
  });
});

describe('draft storage', () => {
  it('round-trips and treats corrupt entries as none', () => {
    const map = new Map<string, string>();
    const store = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
    writeDraft(store, 1, 2, local({}));
    expect(readDraft(store, 1, 2)?.regions[0]!.id).toBe('L');
    map.set('tessera.draft.1.2', '{oops');
    expect(readDraft(store, 1, 2)).toBeNull();
  });
});
