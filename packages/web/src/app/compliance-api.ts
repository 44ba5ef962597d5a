/**
 * The app's compliance client (audit log, bias report), on the same transport as `api`.
 *
 * @example
 * import { complianceApi } from './compliance-api.ts';
 * const page = await complianceApi.audit({ project_id: 1 });
 */
import { createComplianceApi } from '../api/compliance-client.ts';
import { api } from './api.ts';

/** Compliance endpoints. */
export const complianceApi = createComplianceApi(api.http);
