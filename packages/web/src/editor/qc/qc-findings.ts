/**
 * Quality-rule findings on a submit, as the editor needs them: the blocking findings of a 422
 * `qc_blocked` answer, the warnings a stored submission carries (`qc_findings`), and which
 * region each finding points at (its `region_id`, else the index in its `path`).
 *
 * @example
 * const blocked = qcBlockedFindings(err); // null unless err is a qc_blocked refusal
 * const { byRegion, general } = groupFindings(blocked ?? [], regions);
 */
import { ApiError, errorExtra } from '../../api/api-error.ts';
import type { QcFinding } from '../../api/quality-types.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keeps the well-formed findings of an unknown list (a server answer). */
export function parseFindings(raw: unknown): QcFinding[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).flatMap((f) =>
    typeof f.message === 'string'
      ? [
          {
            rule: typeof f.rule === 'string' ? f.rule : '',
            kind: typeof f.kind === 'string' ? f.kind : undefined,
            severity: f.severity === 'block' ? 'block' : 'warn',
            message: f.message,
            path: typeof f.path === 'string' ? f.path : undefined,
            region_id: typeof f.region_id === 'string' ? f.region_id : undefined,
          } satisfies QcFinding,
        ]
      : [],
  );
}

/**
 * The findings of a submit refused by a quality rule (422 `qc_blocked`), blocking ones first;
 * null for any other error. Without a findings list the issues stand in for them.
 */
export function qcBlockedFindings(e: unknown): QcFinding[] | null {
  if (!(e instanceof ApiError) || e.code !== 'qc_blocked') return null;
  const found = parseFindings(errorExtra<unknown>(e, 'findings'));
  const list = found.length
    ? found
    : e.issues.map((i) => ({
        rule: '',
        severity: 'block' as const,
        message: i.message,
        path: i.path,
      }));
  return [...list].sort((a, b) => Number(b.severity === 'block') - Number(a.severity === 'block'));
}

/** The warnings a successful submit answered with (`qc_findings`), if any. */
export function submittedWarnings(annotation: unknown): QcFinding[] {
  return isRecord(annotation) ? parseFindings(annotation.qc_findings) : [];
}

const REGION_PATH = /^regions\[(\d+)\]/;

/** The id of the region a finding points at, if it names one that exists. */
export function findingRegionId(
  f: Pick<QcFinding, 'region_id' | 'path'>,
  regions: readonly { id: string }[],
): string | undefined {
  if (f.region_id && regions.some((r) => r.id === f.region_id)) return f.region_id;
  const m = f.path ? REGION_PATH.exec(f.path) : null;
  return m ? regions[Number(m[1])]?.id : undefined;
}

/** Findings by the region they point at, and those about the whole annotation. */
export function groupFindings(
  findings: readonly QcFinding[],
  regions: readonly { id: string }[],
): { byRegion: Map<string, QcFinding[]>; general: QcFinding[] } {
  const byRegion = new Map<string, QcFinding[]>();
  const general: QcFinding[] = [];
  for (const f of findings) {
    const id = findingRegionId(f, regions);
    if (id === undefined) general.push(f);
    else byRegion.set(id, [...(byRegion.get(id) ?? []), f]);
  }
  return { byRegion, general };
}
