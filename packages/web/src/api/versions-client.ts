/**
 * The typed client of dataset versions: list, create (a background job), download link and
 * diff, on the same transport as the main client.
 *
 * @example
 * const versions = createVersionsApi(api.http);
 * const diff = await versions.diff(1, 3, 4);
 */
import type { Http } from './http.ts';
import type { Job } from './quality-types.ts';
import type { DatasetVersion, VersionDiff } from './version-types.ts';

/** The versions API. */
export type VersionsApi = ReturnType<typeof createVersionsApi>;

/** Creates the versions client on a transport. */
export function createVersionsApi(http: Http) {
  const p = (id: number) => `/api/projects/${id}/versions`;
  return {
    list: async (id: number) => (await http.request<{ items: DatasetVersion[] }>(p(id))).items,
    /** Starts the snapshot job; the version appears in the list when the job is done. */
    create: (id: number, name: string) =>
      http.request<Job>(p(id), { method: 'POST', body: { name } }),
    diff: (id: number, from: number, to: number) =>
      http.request<VersionDiff>(`${p(id)}/diff`, { query: { from, to } }),
    /** URL of the snapshot download (a plain link: same-origin GET with the session cookie). */
    downloadUrl: (id: number, versionId: number) => `${p(id)}/${versionId}/download`,
  };
}
