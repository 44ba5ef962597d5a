/**
 * The typed client of the audit log and the bias report, on the same transport as the main
 * client (cookie, CSRF, ApiError, re-login).
 *
 * @example
 * const c = createComplianceApi(api.http);
 * const page = await c.audit({ project_id: 3, action: 'pii.view_original' });
 * const report = await c.bias(3, 'sentiment', 'meta.region');
 */
import type { Http } from './http.ts';
import type { AuditRow, BiasOptions, BiasReport } from './compliance-types.ts';
import type { Page } from './types.ts';

/** Query of the audit endpoints: what `auditQuery` builds from the page's filters. */
export type AuditQuery = Record<string, string | number | undefined>;

/** The compliance API. */
export type ComplianceApi = ReturnType<typeof createComplianceApi>;

/** Creates the compliance client on a transport. */
export function createComplianceApi(http: Http) {
  return {
    audit: (q: AuditQuery, cursor?: string | null, limit = 50) =>
      http.request<Page<AuditRow>>('/api/audit', {
        query: { ...q, limit, cursor: cursor ?? undefined },
      }),
    auditActions: async (projectId?: number) =>
      (
        await http.request<{ actions: string[] }>('/api/audit/actions', {
          query: { project_id: projectId },
        })
      ).actions,
    biasOptions: (projectId: number) =>
      http.request<BiasOptions>(`/api/projects/${projectId}/bias/options`),
    bias: (projectId: number, control: string, groupBy: string) =>
      http.request<BiasReport>(`/api/projects/${projectId}/bias`, {
        query: { control, group_by: groupBy },
      }),
  };
}
