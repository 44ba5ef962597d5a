import { describe, it, expect } from 'vitest';
import { matchRoute, routePath, type Route } from './routes.ts';

describe('routes', () => {
  it('round-trips every route', () => {
    const routes: Route[] = [
      { name: 'login' },
      { name: 'projects' },
      { name: 'new-project' },
      { name: 'project', id: 3 },
      { name: 'settings', id: 3 },
      { name: 'quality', id: 3 },
      { name: 'versions', id: 3 },
      { name: 'models', id: 3 },
      { name: 'bias', id: 3 },
      { name: 'audit' },
      { name: 'audit', id: 3 },
      { name: 'label', id: 3 },
      { name: 'label', id: 3, taskId: 17 },
      { name: 'review', id: 4, taskId: 9 },
    ];
    for (const r of routes) expect(matchRoute(routePath(r))).toEqual(r);
  });

  it('gives not-found for junk ids and unknown paths', () => {
    expect(matchRoute('/projects/abc')).toEqual({ name: 'not-found' });
    expect(matchRoute('/projects/0')).toEqual({ name: 'not-found' });
    expect(matchRoute('/projects/1/label/x')).toEqual({ name: 'not-found' });
    expect(matchRoute('/projects/1/settings/extra')).toEqual({ name: 'not-found' });
    expect(matchRoute('/projects/1/quality/2')).toEqual({ name: 'not-found' });
    expect(matchRoute('/projects/1/models/2')).toEqual({ name: 'not-found' });
    expect(matchRoute('/admin')).toEqual({ name: 'not-found' });
    expect(matchRoute('/audit/3')).toEqual({ name: 'not-found' });
    expect(matchRoute('/projects/1/bias/x')).toEqual({ name: 'not-found' });
  });
});
