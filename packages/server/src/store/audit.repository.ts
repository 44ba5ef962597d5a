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
        details: e.details ? JSON.stringify(e.details) : null,
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

  list(f: { projectId?: number; action?: string; limit: number; before?: number }) {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit);
    if (f.projectId !== undefined) q = q.where('project_id', '=', f.projectId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.before !== undefined) q = q.where('id', '<', f.before);
    return q.execute();
  }
}
