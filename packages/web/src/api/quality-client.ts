/**
 * The typed client of the quality-control endpoints and of background jobs, on the same
 * transport as the main client (cookie, CSRF, ApiError, re-login).
 *
 * @example
 * const qc = createQualityApi(api.http);
 * const { controls } = await qc.agreement(1);
 * const job = await qc.recompute(1); // then pollJob(() => qc.job(1, job.id))
 */
import type { Http } from './http.ts';
import type {
  AgreementHistory,
  AnnotatorStats,
  ControlErrors,
  Job,
  NewSample,
  QcSeverity,
  QualitySummary,
  Sample,
  StoredFinding,
} from './quality-types.ts';
import type { Page } from './types.ts';
import type { Region } from '../schema/types.ts';

/** Filters of the findings list. */
export interface FindingQuery {
  severity?: QcSeverity | '';
  rule?: string;
  limit?: number;
  cursor?: string | null;
}

/** The quality API. */
export type QualityApi = ReturnType<typeof createQualityApi>;

/** Creates the quality client on a transport. */
export function createQualityApi(http: Http) {
  const p = (id: number) => `/api/projects/${id}`;
  return {
    summary: (id: number) => http.request<QualitySummary>(`${p(id)}/qc/summary`),
    agreement: (id: number, days = 90) =>
      http.request<AgreementHistory>(`${p(id)}/qc/agreement`, { query: { days } }),
    annotators: async (id: number) =>
      (await http.request<{ items: AnnotatorStats[] }>(`${p(id)}/qc/annotators`)).items,
    errors: async (id: number) =>
      (await http.request<{ controls: ControlErrors[] }>(`${p(id)}/qc/errors`)).controls,
    findings: (id: number, q: FindingQuery = {}) =>
      http.request<Page<StoredFinding>>(`${p(id)}/qc/findings`, {
        query: {
          severity: q.severity,
          rule: q.rule,
          limit: q.limit ?? 50,
          cursor: q.cursor ?? undefined,
        },
      }),
    /** Starts a full truth inference; poll the returned job. */
    recompute: (id: number) =>
      http.request<Job>(`${p(id)}/qc/recompute`, { method: 'POST', body: {} }),
    job: (id: number, jobId: number) => http.request<Job>(`${p(id)}/jobs/${jobId}`),
    setGold: (id: number, taskId: number, regions: Region[]) =>
      http.request<{ task_id: number; regions: Region[] }>(`${p(id)}/tasks/${taskId}/gold`, {
        method: 'PUT',
        body: { regions },
      }),
    deleteGold: (id: number, taskId: number) =>
      http.request<{ ok: boolean }>(`${p(id)}/tasks/${taskId}/gold`, { method: 'DELETE' }),
    createSample: (id: number, body: NewSample) =>
      http.request<Sample>(`${p(id)}/qc/samples`, { method: 'POST', body }),
    sample: (id: number, sampleId: number) =>
      http.request<Sample>(`${p(id)}/qc/samples/${sampleId}`),
    judge: (id: number, sampleId: number, taskId: number, verdict: 'pass' | 'fail') =>
      http.request<{ task_id: number; verdict: string }>(
        `${p(id)}/qc/samples/${sampleId}/items/${taskId}`,
        { method: 'PUT', body: { verdict } },
      ),
  };
}
