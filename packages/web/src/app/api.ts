/**
 * The app's single API client. When a request meets an expired session, the client asks the
 * re-login bridge; the session provider answers by showing a login dialog over the current
 * page (nothing unmounts, so unsaved work stays on screen) and resolves once logged in.
 *
 * @example
 * import { api } from './api.ts';
 * const projects = await api.listProjects();
 */
import { createApiClient } from '../api/client.ts';
import { browserStorage } from '../components/browser-storage.ts';

type ReloginHandler = () => Promise<boolean>;

let handler: ReloginHandler | null = null;

/** Installs the function that asks the user to log in again (the session provider does). */
export function setReloginHandler(h: ReloginHandler | null): void {
  handler = h;
}

/** The client. */
export const api = createApiClient({
  storage: browserStorage(),
  onUnauthorized: () => (handler ? handler() : Promise.resolve(false)),
});
