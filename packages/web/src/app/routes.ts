/**
 * The app's routes as data: parse a pathname into a typed route and back. The SPA fallback on
 * the server serves index.html for every non-/api path, so these URLs survive a reload.
 *
 * @example
 * matchRoute('/projects/3/label/17') // { name: 'label', id: 3, taskId: 17 }
 * routePath({ name: 'settings', id: 3 }) // '/projects/3/settings'
 * matchRoute('/projects/3/quality') // { name: 'quality', id: 3 }
 */

/** A typed route. */
export type Route =
  | { name: 'login' }
  | { name: 'projects' }
  | { name: 'new-project' }
  | { name: 'project'; id: number }
  | { name: 'settings'; id: number }
  | { name: 'quality'; id: number }
  | { name: 'versions'; id: number }
  | { name: 'models'; id: number }
  | { name: 'bias'; id: number }
  | { name: 'audit'; id?: number }
  | { name: 'label'; id: number; taskId?: number }
  | { name: 'review'; id: number; taskId?: number }
  | { name: 'not-found' };

const ID = /^[1-9]\d{0,15}$/;

/** Parses a pathname. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'projects' };
  if (parts[0] === 'login' && parts.length === 1) return { name: 'login' };
  if (parts[0] === 'audit' && parts.length === 1) return { name: 'audit' };
  if (parts[0] !== 'projects') return { name: 'not-found' };
  if (parts.length === 1) return { name: 'projects' };
  if (parts[1] === 'new' && parts.length === 2) return { name: 'new-project' };
  if (!ID.test(parts[1] ?? '')) return { name: 'not-found' };
  const id = Number(parts[1]);
  const [, , section, sub, ...rest] = parts;
  if (rest.length > 0) return { name: 'not-found' };
  if (section === undefined) return { name: 'project', id };
  if (section === 'settings' && sub === undefined) return { name: 'settings', id };
  if (section === 'quality' && sub === undefined) return { name: 'quality', id };
  if (section === 'versions' && sub === undefined) return { name: 'versions', id };
  if (section === 'models' && sub === undefined) return { name: 'models', id };
  if (section === 'bias' && sub === undefined) return { name: 'bias', id };
  if (section === 'audit' && sub === undefined) return { name: 'audit', id };
  if (section === 'label' || section === 'review') {
    if (sub === undefined) return { name: section, id };
    if (ID.test(sub)) return { name: section, id, taskId: Number(sub) };
  }
  return { name: 'not-found' };
}

/** The pathname of a route. */
export function routePath(r: Route): string {
  switch (r.name) {
    case 'login':
      return '/login';
    case 'projects':
      return '/';
    case 'new-project':
      return '/projects/new';
    case 'project':
      return `/projects/${r.id}`;
    case 'settings':
      return `/projects/${r.id}/settings`;
    case 'quality':
      return `/projects/${r.id}/quality`;
    case 'versions':
      return `/projects/${r.id}/versions`;
    case 'models':
      return `/projects/${r.id}/models`;
    case 'bias':
      return `/projects/${r.id}/bias`;
    case 'audit':
      return r.id === undefined ? '/audit' : `/projects/${r.id}/audit`;
    case 'label':
    case 'review':
      return `/projects/${r.id}/${r.name}${r.taskId ? `/${r.taskId}` : ''}`;
    case 'not-found':
      return '/404';
  }
}
