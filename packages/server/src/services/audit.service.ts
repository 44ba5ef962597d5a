/**
 * Reading the audit log: who may see which rows, how a row is presented, and the streamed
 * CSV / JSONL export. Instance admins read every row; a project manager reads the rows of
 * their project only (the project filter is then forced, never trusted from the client).
 */

import type { FastifyRequest } from 'fastify';
import { csvLine, guardCell } from '@tessera/core/convert';
import { requireUser } from '../auth/plugin.ts';
import type { AppContext } from '../context.ts';
import { forbidden } from '../errors.ts';
import type { AuditFilter } from '../store/audit.repository.ts';
import type { AuditLogTable } from '../store/schema.ts';
import { projectAccess } from './access.service.ts';

/** A stored audit row. */
export type AuditRow = Omit<AuditLogTable, 'id'> & { id: number };

/** An audit row as the API presents it: `details` parsed. */
export type PresentedAuditRow = Omit<AuditRow, 'details'> & { details: unknown };

/**
 * Checks who is reading and returns the filter to apply: an admin's as given; a manager must
 * name a project they manage (404 for a project they are not in, 403 for another role).
 * @example const filter = await auditScope(ctx, req, { projectId: 3 });
 */
export async function auditScope(
  ctx: AppContext,
  req: FastifyRequest,
  filter: AuditFilter,
): Promise<AuditFilter> {
  const user = requireUser(req);
  if (user.is_admin === 1) return filter;
  if (filter.projectId === undefined)
    throw forbidden(
      'Only an instance admin may read the whole audit log; a project manager adds project_id=<their project>.',
    );
  const a = await projectAccess(ctx, req, filter.projectId, 'manage');
  return { ...filter, projectId: a.project.id };
}

/**
 * Parses the stored details JSON (a row written before a schema change stays readable).
 * @example presentAuditRow(row).details // { format: 'csv' }
 */
export function presentAuditRow(r: AuditRow): PresentedAuditRow {
  let details: unknown = null;
  if (r.details) {
    try {
      details = JSON.parse(r.details) as unknown;
    } catch {
      details = r.details;
    }
  }
  return { ...r, details };
}

/** The CSV columns of the export, in order. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actor_id',
  'actor_name',
  'action',
  'project_id',
  'target_type',
  'target_id',
  'result',
  'ip',
  'details',
] as const;

/**
 * One CSV line of a row; cells a spreadsheet would run as a formula are neutralised.
 * @example auditCsvLine(row) // '7,2026-01-01T00:00:00.000Z,1,admin,auth.login,…\r\n'
 */
export function auditCsvLine(r: AuditRow): string {
  return csvLine(
    AUDIT_CSV_COLUMNS.map((c) => {
      const v = r[c];
      return guardCell(v === null || v === undefined ? '' : String(v));
    }),
  );
}

/**
 * One JSONL line of a row.
 * @example auditJsonLine(row) // '{"id":7,…,"details":{"format":"csv"}}\n'
 */
export function auditJsonLine(r: AuditRow): string {
  return JSON.stringify(presentAuditRow(r)) + '\n';
}

/**
 * The rows matching a filter, newest first, read in keyset pages so memory stays flat on a
 * log of millions; stops when `shouldStop` says the client went away.
 * @example for await (const chunk of auditExportChunks(ctx, filter, 'csv')) out.write(chunk);
 */
export async function* auditExportChunks(
  ctx: Pick<AppContext, 'audit'>,
  filter: AuditFilter,
  format: 'csv' | 'jsonl',
  shouldStop: () => boolean = () => false,
  pageSize = 1000,
): AsyncGenerator<string> {
  if (format === 'csv') yield csvLine([...AUDIT_CSV_COLUMNS]);
  let before: number | undefined;
  for (;;) {
    const rows = await ctx.audit.list({ ...filter, limit: pageSize, before });
    if (rows.length === 0 || shouldStop()) return;
    let chunk = '';
    for (const r of rows) chunk += format === 'csv' ? auditCsvLine(r) : auditJsonLine(r);
    yield chunk;
    if (rows.length < pageSize) return;
    before = rows[rows.length - 1]!.id;
  }
}
