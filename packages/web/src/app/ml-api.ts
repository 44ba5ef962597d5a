/**
 * The app's pre-labeling client, on the same transport as `api` (session, CSRF, re-login).
 *
 * @example
 * import { mlApi } from './ml-api.ts';
 * const models = await mlApi.models(1);
 */
import { createMlApi } from '../api/ml-client.ts';
import { api } from './api.ts';

/** Pre-labeling endpoints. */
export const mlApi = createMlApi(api.http);
