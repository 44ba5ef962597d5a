/**
 * Licence policy on import: a project lists the licences its data may carry
 * (`projects.settings.licences = { allowed, mode: 'flag' | 'block', require? }`), and each
 * imported record's `provenance.licence` is checked against it.
 */

import type { LicencePolicy } from './compliance-settings.ts';

/** Outcome of a licence check. */
export interface LicenceCheck {
  status: 'ok' | 'flagged' | 'blocked';
  /** Why, in words a manager can act on (empty when ok). */
  message: string;
}

/** SPDX ids compare case-insensitively; `CC-BY-4.0` and `cc-by-4.0` are one licence. */
const norm = (s: string) => s.trim().toLowerCase();

/**
 * Splits a simple SPDX expression into its licence ids: `MIT OR Apache-2.0` → both ids (the
 * record is allowed if one of them is); `A AND B` needs every id allowed.
 */
function parseExpression(expr: string): { any: string[] } | { all: string[] } {
  const bare = expr.replace(/[()]/g, ' ');
  if (/\sAND\s/i.test(bare))
    return {
      all: bare
        .split(/\s+AND\s+/i)
        .map(norm)
        .filter(Boolean),
    };
  return {
    any: bare
      .split(/\s+OR\s+/i)
      .map(norm)
      .filter(Boolean),
  };
}

/**
 * Checks one record's licence against a project's policy (no policy: always ok).
 * @example
 * checkLicence({ allowed: ['CC0-1.0', 'CC-BY-4.0'], mode: 'block' }, 'CC-BY-NC-4.0')
 * // { status: 'blocked', message: 'licence "CC-BY-NC-4.0" is not allowed in this project (allowed: CC0-1.0, CC-BY-4.0)' }
 */
export function checkLicence(
  policy: LicencePolicy | undefined,
  licence: string | undefined | null,
): LicenceCheck {
  if (!policy) return { status: 'ok', message: '' };
  const bad = policy.mode === 'block' ? 'blocked' : 'flagged';
  const list = policy.allowed.length ? policy.allowed.join(', ') : 'none';
  const lic = typeof licence === 'string' ? licence.trim() : '';
  if (!lic) {
    if (policy.require === false) return { status: 'ok', message: '' };
    return {
      status: bad,
      message: `the record has no provenance.licence; this project allows: ${list}`,
    };
  }
  const allowed = new Set(policy.allowed.map(norm));
  const e = parseExpression(lic);
  const ok = 'all' in e ? e.all.every((x) => allowed.has(x)) : e.any.some((x) => allowed.has(x));
  if (ok) return { status: 'ok', message: '' };
  return {
    status: bad,
    message: `licence "${lic}" is not allowed in this project (allowed: ${list})`,
  };
}

/**
 * Checks a batch of records and summarises: how many of each status, and the first messages
 * with their lines (an import report section).
 * @example licenceReport(policy, [{ line: 1, licence: 'MIT' }, { line: 2 }])
 */
export function licenceReport(
  policy: LicencePolicy | undefined,
  records: readonly { line: number; licence?: string | null | undefined }[],
  keep = 100,
): {
  ok: number;
  flagged: number;
  blocked: number;
  issues: { line: number; status: string; message: string }[];
} {
  const out = {
    ok: 0,
    flagged: 0,
    blocked: 0,
    issues: [] as { line: number; status: string; message: string }[],
  };
  for (const r of records) {
    const c = checkLicence(policy, r.licence);
    out[c.status]++;
    if (c.status !== 'ok' && out.issues.length < keep)
      out.issues.push({ line: r.line, status: c.status, message: c.message });
  }
  return out;
}
