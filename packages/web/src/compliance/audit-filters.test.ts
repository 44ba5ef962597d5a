import { describe, expect, it } from 'vitest';
import {
  EMPTY_AUDIT_FILTERS,
  auditExportUrl,
  auditQuery,
  dayStart,
  filtersFromSearch,
  filtersProblem,
  filtersToSearch,
  type AuditFilters,
} from './audit-filters.ts';

const f = (over: Partial<AuditFilters>): AuditFilters => ({ ...EMPTY_AUDIT_FILTERS, ...over });

describe('audit filters', () => {
  it('turns local calendar days into UTC instants, the "to" day included', () => {
    expect(dayStart('2026-03-01')).toBe(new Date(2026, 2, 1).toISOString());
    expect(dayStart('2026-02-28', 1)).toBe(new Date(2026, 2, 1).toISOString());
    expect(dayStart('2026-12-31', 1)).toBe(new Date(2027, 0, 1).toISOString());
    expect(dayStart('2026-02-30')).toBeUndefined();
    expect(dayStart('2026-3-1')).toBeUndefined();
    expect(dayStart('')).toBeUndefined();
    const q = auditQuery(f({ fromDay: '2026-03-01', toDay: '2026-03-01' }));
    expect(q).toEqual({
      from: new Date(2026, 2, 1).toISOString(),
      to: new Date(2026, 2, 2).toISOString(),
    });
  });

  it('builds the API query: empty fields left out, text trimmed, the page project wins', () => {
    expect(auditQuery(EMPTY_AUDIT_FILTERS)).toEqual({});
    expect(
      auditQuery(f({ action: ' pii.view_original ', actor: 'alice', result: 'denied' }), 7),
    ).toEqual({ project_id: 7, action: 'pii.view_original', actor: 'alice', result: 'denied' });
    expect(auditQuery(f({ project: '3' }))).toEqual({ project_id: 3 });
    expect(auditQuery(f({ project: '3' }), 9)).toEqual({ project_id: 9 });
    expect(auditQuery(f({ project: 'abc' }))).toEqual({});
    // A reversed range sends only "from"; the form shows the problem.
    expect(auditQuery(f({ fromDay: '2026-03-05', toDay: '2026-03-01' }))).toEqual({
      from: new Date(2026, 2, 5).toISOString(),
    });
  });

  it('names what is wrong with the range', () => {
    expect(filtersProblem(EMPTY_AUDIT_FILTERS)).toBeUndefined();
    expect(filtersProblem(f({ fromDay: '2026-03-02', toDay: '2026-03-01' }))).toBe('range');
    expect(filtersProblem(f({ fromDay: '2026-03-01', toDay: '2026-03-01' }))).toBeUndefined();
    expect(filtersProblem(f({ toDay: '2026-02-31' }))).toBe('bad_day');
  });

  it('makes the export link with the same filters', () => {
    expect(auditExportUrl({ project_id: 3, action: 'auth.login' }, 'jsonl')).toBe(
      '/api/audit/export?project_id=3&action=auth.login&format=jsonl',
    );
    expect(auditExportUrl({ actor: 'a&b=c' }, 'csv')).toBe(
      '/api/audit/export?actor=a%26b%3Dc&format=csv',
    );
  });

  it('round-trips through the URL and drops malformed values', () => {
    const full = f({
      action: 'export.download',
      actor: '张伟',
      result: 'ok',
      fromDay: '2026-03-01',
      toDay: '2026-03-31',
      project: '12',
    });
    expect(filtersFromSearch(filtersToSearch(full))).toEqual(full);
    expect(filtersToSearch(EMPTY_AUDIT_FILTERS)).toBe('');
    expect(filtersFromSearch('?result=maybe&from=yesterday&project=0&to=2026-03-01')).toEqual(
      f({ toDay: '2026-03-01' }),
    );
  });
});
