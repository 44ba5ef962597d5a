/**
 * Types of the compliance endpoints the web app reads: the audit log and the bias report
 * (mirrors `packages/server/src/routes/audit.routes.ts` and `compliance/bias.service.ts`).
 */

/** Outcome of an audited event. */
export type AuditResult = 'ok' | 'denied' | 'failed';

/** One audit row. `details` holds ids and counts only, never secrets. */
export interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  project_id: number | null;
  target_type: string | null;
  target_id: string | null;
  result: AuditResult;
  ip: string | null;
  details: unknown;
}

/** A statistic that may be undefined, with the reason. */
export type Stat = { ok: true; value: number } | { ok: false; reason: string };

/** A chi-square test, or why it could not be run. */
export type ChiSquareTest =
  | {
      ok: true;
      statistic: number;
      dof: number;
      pValue: number;
      cramersV: number;
      minExpected: number;
      lowExpectedCells: number;
    }
  | { ok: false; reason: string };

/** Demographic parity of one label across groups. */
export interface LabelParity {
  label: string;
  rates: Record<string, number>;
  difference: Stat;
  ratio: Stat;
  vsRest: Record<string, { difference: Stat; ratio: Stat }>;
}

/** One annotator's labels against the settled labels of the same tasks. */
export interface AnnotatorBiasRow {
  user_id: number;
  username: string | null;
  n: number;
  agreement: Stat;
  distribution: Record<string, number>;
  consensusDistribution: Record<string, number>;
  tvd: Stat;
  test: ChiSquareTest;
}

/** The bias report of one control grouped by a meta key. */
export interface BiasReport {
  control: string;
  group_by: string;
  tasks: { total: number; labelled: number; unlabelled: number; missing_group: number };
  distribution: {
    groups: string[];
    labels: string[];
    counts: number[][];
    totals: number[];
    shares: number[][];
  };
  parity: LabelParity[];
  independence: ChiSquareTest;
  annotators: AnnotatorBiasRow[];
}

/** What a bias report can be asked for. */
export interface BiasOptions {
  controls: string[];
  fields: { path: string; tasks: number; values: number }[];
  sampled: number;
}
