/**
 * A minimal history router: `navigate(path)` pushes a URL and notifies `useRoute` listeners;
 * back/forward work through `popstate`.
 *
 * @example
 * const route = useRoute();
 * navigate(routePath({ name: 'project', id: 1 }));
 */
import { useMemo, useSyncExternalStore } from 'react';
import { matchRoute, type Route } from './routes.ts';

const EVENT = 'tessera:navigate';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(EVENT, cb);
  };
}

/** Goes to `path` (push, or replace the current entry). */
export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (path === current) return;
  if (opts.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(EVENT));
}

/** The current location (pathname + search), re-rendering on navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
}

/** The current route. */
export function useRoute(): Route {
  const loc = useLocation();
  return useMemo(() => matchRoute(loc.split('?')[0] ?? '/'), [loc]);
}
