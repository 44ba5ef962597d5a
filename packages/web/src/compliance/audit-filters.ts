/**
 * The audit viewer's filters: what the form holds, the API query they make (calendar days in
 * the viewer's time zone become UTC instants; the "to" day is included), the export link, and
 * the URL search string that keeps them across a reload or in a shared link.
 *
 * @example
 * auditQuery({ ...EMPTY_AUDIT_FILTERS, action: 'pii.view_original', fromDay: '2026-03-01' }, 3)
 * // { project_id: 3, action: 'pii.view_original', from: '2026-02-28T16:00:00.000Z' } (at UTC+8)
 */
import { buildUrl } from '../api/http.ts';
import type { AuditQuery } from '../api/compliance-client.ts';
import type { AuditResult } from '../api/compliance-types.ts';

/** The filter form. Empty strings mean "any". */
export interface AuditFilters {
  action: string;
  actor: string;
  result: AuditResult | '';
  /** `YYYY-MM-DD` (a date input's value), inclusive. */
  fromDay: string;
  /** `YYYY-MM-DD`, inclusive. */
  toDay: string;
  /** Only on the instance-wide page; a project's page fixes it. */
  project: string;
}

/** No filter. */
export const EMPTY_AUDIT_FILTERS: AuditFilters = {
  action: '',
  actor: '',
  result: '',
  fromDay: '',
  toDay: '',
  project: '',
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const RESULTS: readonly string[] = ['ok', 'denied', 'failed'];

/**
 * The UTC instant at which a local calendar day starts (`offsetDays` later), or undefined for
 * a value that is not a real day.
 * @example dayStart('2026-03-01') // '2026-02-28T16:00:00.000Z' in Beijing
 */
export function dayStart(day: string, offsetDays = 0): string | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = new Date(y, mo, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo || date.getDate() !== d) return undefined;
  date.setDate(date.getDate() + offsetDays);
  return date.toISOString();
}

/**
 * What is wrong with the filters, if anything: a day that is not a date, or a range that ends
 * before it starts.
 * @example filtersProblem({ ...EMPTY_AUDIT_FILTERS, fromDay: '2026-03-02', toDay: '2026-03-01' }) // 'range'
 */
export function filtersProblem(f: AuditFilters): 'bad_day' | 'range' | undefined {
  if ((f.fromDay && !dayStart(f.fromDay)) || (f.toDay && !dayStart(f.toDay))) return 'bad_day';
  if (f.fromDay && f.toDay && f.fromDay > f.toDay) return 'range';
  return undefined;
}

/**
 * The API query of the filters; `projectId` (a project's page) wins over the form's project.
 * Invalid days are left out (the form shows the problem instead).
 * @example auditQuery({ ...EMPTY_AUDIT_FILTERS, toDay: '2026-03-01' }).to // start of 2 March, local
 */
export function auditQuery(f: AuditFilters, projectId?: number): AuditQuery {
  const project = projectId ?? (/^[1-9]\d{0,15}$/.test(f.project) ? Number(f.project) : undefined);
  const q: AuditQuery = {};
  if (project !== undefined) q.project_id = project;
  if (f.action.trim()) q.action = f.action.trim();
  if (f.actor.trim()) q.actor = f.actor.trim();
  if (f.result) q.result = f.result;
  const from = f.fromDay ? dayStart(f.fromDay) : undefined;
  const to = f.toDay ? dayStart(f.toDay, 1) : undefined;
  if (from) q.from = from;
  if (to && (!from || from < to)) q.to = to;
  return q;
}

/**
 * The export download link for a query.
 * @example auditExportUrl({ project_id: 3 }, 'csv') // '/api/audit/export?project_id=3&format=csv'
 */
export function auditExportUrl(q: AuditQuery, format: 'csv' | 'jsonl'): string {
  return buildUrl('', '/api/audit/export', { ...q, format });
}

const KEYS: Record<keyof AuditFilters, string> = {
  action: 'action',
  actor: 'actor',
  result: 'result',
  fromDay: 'from',
  toDay: 'to',
  project: 'project',
};

/**
 * Filters from a URL search string (unknown or malformed values are dropped).
 * @example filtersFromSearch('?action=auth.login&from=2026-03-01').fromDay // '2026-03-01'
 */
export function filtersFromSearch(search: string): AuditFilters {
  const p = new URLSearchParams(search);
  const get = (k: keyof AuditFilters) => (p.get(KEYS[k]) ?? '').slice(0, 200);
  const day = (k: 'fromDay' | 'toDay') => (dayStart(get(k)) ? get(k) : '');
  const result = get('result');
  return {
    action: get('action'),
    actor: get('actor'),
    result: RESULTS.includes(result) ? (result as AuditResult) : '',
    fromDay: day('fromDay'),
    toDay: day('toDay'),
    project: /^[1-9]\d{0,15}$/.test(get('project')) ? get('project') : '',
  };
}

/**
 * The URL search string of the filters ('' when none), for `history.replaceState`.
 * @example filtersToSearch({ ...EMPTY_AUDIT_FILTERS, actor: 'alice' }) // '?actor=alice'
 */
export function filtersToSearch(f: AuditFilters): string {
  const p = new URLSearchParams();
  for (const k of Object.keys(KEYS) as (keyof AuditFilters)[]) if (f[k]) p.set(KEYS[k], f[k]);
  const s = p.toString();
  return s ? `?${s}` : '';
}
