import type { Kysely } from 'kysely';
import { now } from './db.ts';
import type { AuditLogTable, Database } from './schema.ts';

/** One security-relevant event. */
export interface AuditEvent {
  actor_id?: number | null;
  actor_name?: string | null;
  action: string;
  project_id?: number | null;
  target_type?: string | null;
  target_id?: string | number | null;
  result?: AuditLogTable['result'];
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

/** Filters of the audit log; all optional, combined with AND. */
export interface AuditFilter {
  projectId?: number;
  action?: string;
  /** The actor's username at the time of the event. */
  actor?: string;
  result?: AuditLogTable['result'];
  /** ISO-8601 UTC, inclusive. */
  from?: string;
  /** ISO-8601 UTC, exclusive. */
  to?: string;
}

/** Keys of `details` whose values are never stored, whatever a caller passes. */
const SECRET_KEY =
  /pass(word|phrase)?|secret|token|api[-_]?key|authori[sz]ation|cookie|credential/i;

/**
 * A copy of audit details with the values of secret-looking keys replaced, at any depth: the
 * last line of defence behind "callers pass ids and counts only".
 * @example scrubDetails({ user: 3, password: 'x' }) // { user: 3, password: '[redacted]' }
 */
export function scrubDetails(v: unknown, depth = 0): unknown {
  if (depth > 8 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => scrubDetails(x, depth + 1));
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      SECRET_KEY.test(k) ? '[redacted]' : scrubDetails(x, depth + 1),
    ]),
  );
}

/** The append-only audit log (triggers refuse UPDATE and DELETE on both dialects). */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Appends a row. Details must never hold secrets: callers pass ids and counts only. */
  append(e: AuditEvent, db: Kysely<Database> = this.db) {
    return db
      .insertInto('audit_log')
      .values({
        at: now(),
        actor_id: e.actor_id ?? null,
        actor_name: e.actor_name ?? null,
        action: e.action,
        project_id: e.project_id ?? null,
        target_type: e.target_type ?? null,
        target_id: e.target_id == null ? null : String(e.target_id),
        result: e.result ?? 'ok',
        ip: e.ip ?? null,
        details: e.details ? JSON.stringify(scrubDetails(e.details)) : null,
      })
      .execute();
  }

  /** Failed logins for a username since `sinceIso`, for throttling. */
  async failedLogins(username: string, sinceIso: string): Promise<number> {
    const r = await this.db
      .selectFrom('audit_log')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('action', '=', 'auth.login')
      .where('target_id', '=', username)
      .where('at', '>', sinceIso)
      .where('result', '=', 'failed')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * One page of the log, newest first, keyset-paged by id (`before`: the last id of the
   * previous page). Time bounds compare ISO-8601 UTC strings: `from` inclusive, `to` exclusive.
   * @example await audit.list({ projectId: 3, action: 'pii.view_original', limit: 50 })
   */
  list(f: AuditFilter & { limit: number; before?: number }) {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit);
    if (f.projectId !== undefined) q = q.where('project_id', '=', f.projectId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.actor) q = q.where('actor_name', '=', f.actor);
    if (f.result) q = q.where('result', '=', f.result);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    if (f.before !== undefined) q = q.where('id', '<', f.before);
    return q.execute();
  }

  /**
   * The distinct actions in the log (of one project when given), for a filter menu.
   * @example await audit.actions(3) // ['export.download', 'pii.view_original']
   */
  async actions(projectId?: number): Promise<string[]> {
    let q = this.db.selectFrom('audit_log').select('action').distinct().orderBy('action');
    if (projectId !== undefined) q = q.where('project_id', '=', projectId);
    return (await q.execute()).map((r) => r.action);
  }
}
