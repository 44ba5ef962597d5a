import { describe, it, expect } from 'vitest';
import { currentCursor, initialPager, nextPage, pageNumber, prevPage } from './keyset-pager.ts';
import { toJsonl } from './export-selected.ts';
import type { TaskDetail } from '../api/types.ts';

describe('keyset pager', () => {
  it('walks forward with next_cursor and back through visited cursors', () => {
    let p = initialPager();
    expect(currentCursor(p)).toBeNull();
    p = nextPage(p, '50');
    p = nextPage(p, '100');
    expect([currentCursor(p), pageNumber(p)]).toEqual(['100', 3]);
    p = prevPage(prevPage(p));
    expect([currentCursor(p), pageNumber(p)]).toEqual([null, 1]);
    expect(prevPage(p)).toBe(p);
  });
});

describe('export selection', () => {
  it('writes interchange-format lines without drafts', () => {
    const d: TaskDetail = {
      task: {
        id: 7,
        project_id: 1,
        data: { text: '北京' },
        meta: {},
        provenance: null,
        status: 'annotated',
        annotation_count: 1,
        prediction_count: 0,
        created_at: 'x',
        updated_at: 'x',
      },
      annotations: [
        {
          id: 1,
          task_id: 7,
          regions: [],
          origin: 'human',
          status: 'submitted',
          version: 2,
          created_by: 1,
          created_at: 't',
          updated_at: 't',
        },
        {
          id: 2,
          task_id: 7,
          regions: [],
          origin: 'human',
          status: 'draft',
          version: 1,
          created_by: 2,
          created_at: 't',
          updated_at: 't',
        },
      ],
      predictions: [],
    };
    const lines = toJsonl([d]).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]!);
    expect(rec).toEqual({
      id: 7,
      data: { text: '北京' },
      annotations: [{ id: 1, regions: [], origin: 'human', status: 'submitted', created_at: 't' }],
    });
  });
});
