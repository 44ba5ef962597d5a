/**
 * The app's quality and versions clients, on the same transport as `api` (so they share the
 * session, the CSRF token and the re-login flow).
 *
 * @example
 * import { qualityApi, versionsApi } from './quality-api.ts';
 * const summary = await qualityApi.summary(1);
 */
import { createQualityApi } from '../api/quality-client.ts';
import { createVersionsApi } from '../api/versions-client.ts';
import { api } from './api.ts';

/** Quality-control endpoints. */
export const qualityApi = createQualityApi(api.http);

/** Dataset-version endpoints. */
export const versionsApi = createVersionsApi(api.http);
