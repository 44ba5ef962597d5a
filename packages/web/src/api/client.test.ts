import { describe, it, expect } from 'vitest';
import { createApiClient, ApiError } from './client.ts';
import type { KeyValueStore } from './outbox.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function fakeFetch(responder: (call: Call, n: number) => Response) {
  const calls: Call[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return responder(call, calls.length);
  }) as typeof fetch;
  return { fn, calls };
}

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const header = (c: Call, name: string) => (c.init.headers as Record<string, string>)[name];
const session = (token: string) => ({
  user: { id: 1, username: 'a', is_admin: true },
  csrf_token: token,
});

describe('api client', () => {
  it('sends the CSRF token from login on unsafe methods only, with same-origin credentials', async () => {
    const { fn, calls } = fakeFetch((c) =>
      c.url.endsWith('/login') ? json(200, session('tok1')) : json(200, []),
    );
    const api = createApiClient({ fetch: fn });
    await api.login('a', 'pw');
    await api.listProjects();
    await api.deleteProject(3).catch(() => undefined);
    expect(calls[1]!.init.credentials).toBe('same-origin');
    expect(header(calls[1]!, 'X-CSRF-Token')).toBeUndefined();
    expect(header(calls[2]!, 'X-CSRF-Token')).toBe('tok1');
    expect(calls[2]!.init.method).toBe('DELETE');
  });

  it('parses the error shape into a typed ApiError', async () => {
    const { fn } = fakeFetch(() =>
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'bad schema',
          issues: [{ path: 'controls[0].labels', message: 'required' }],
        },
      }),
    );
    const api = createApiClient({ fetch: fn });
    const err = await api
      .createProject({ name: 'x', schema: { version: 1, fields: [], controls: [] } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).code).toBe('validation_failed');
    expect((err as ApiError).issues).toEqual([{ path: 'controls[0].labels', message: 'required' }]);
  });

  it('gives a network error status 0 when fetch rejects', async () => {
    const api = createApiClient({
      fetch: (async () => {
        throw new TypeError('down');
      }) as typeof fetch,
    });
    const err = (await api.listProjects().catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(0);
    expect(err.code).toBe('network_error');
  });

  it('on 401 mid-work keeps the request, waits for re-login and re-sends it once', async () => {
    const store = memoryStore();
    let loggedIn = false;
    const { fn, calls } = fakeFetch((c) => {
      if (c.url.endsWith('/login')) {
        loggedIn = true;
        return json(200, session('tok2'));
      }
      return loggedIn
        ? json(200, { id: 9, version: 2 })
        : json(401, { error: { code: 'unauthorized', message: 'x' } });
    });
    let seenQueued = 0;
    const api = createApiClient({
      fetch: fn,
      storage: store,
      onUnauthorized: async () => {
        seenQueued = JSON.parse(store.map.get('tessera.outbox') ?? '[]').length;
        await api.login('a', 'pw');
        return true;
      },
    });
    const ann = await api.updateAnnotation(1, 9, { regions: [], version: 1 });
    expect(ann).toEqual({ id: 9, version: 2 });
    expect(seenQueued).toBe(1); // persisted while the login dialog was open
    expect(store.map.has('tessera.outbox')).toBe(false); // and cleared after the re-send
    const patches = calls.filter((c) => c.init.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(header(patches[1]!, 'X-CSRF-Token')).toBe('tok2');
  });

  it('sends a request once when the login flow also flushes the outbox', async () => {
    const store = memoryStore();
    let loggedIn = false;
    const { fn, calls } = fakeFetch((c) => {
      if (c.url.endsWith('/login')) {
        loggedIn = true;
        return json(200, session('t'));
      }
      return loggedIn ? json(201, { id: 1 }) : json(401, {});
    });
    const api = createApiClient({
      fetch: fn,
      storage: store,
      onUnauthorized: async () => {
        await api.login('a', 'pw');
        await api.flushOutbox(); // what the app does after any login
        return true;
      },
    });
    await api.createAnnotation(1, 2, { regions: [], status: 'submitted' }, 'key-9');
    expect(calls.filter((c) => c.url.endsWith('/annotations'))).toHaveLength(2); // the 401, then one re-send
    expect(store.map.has('tessera.outbox')).toBe(false);
  });

  it('keeps queued work when the user does not log in, and flushes it later', async () => {
    const store = memoryStore();
    let allow = false;
    const { fn, calls } = fakeFetch(() => (allow ? json(201, { id: 1 }) : json(401, {})));
    const api = createApiClient({ fetch: fn, storage: store, onUnauthorized: async () => false });
    const err = (await api
      .createAnnotation(1, 2, { regions: [], status: 'draft' }, 'key-1')
      .catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(401);
    expect(api.http.outbox.list()).toHaveLength(1);
    allow = true;
    expect(await api.flushOutbox()).toEqual({ sent: 1, failed: 0 });
    expect(api.http.outbox.list()).toHaveLength(0);
    const last = calls.at(-1)!;
    expect(header(last, 'Idempotency-Key')).toBe('key-1');
  });

  it('does not treat a failed login as an expired session', async () => {
    let asked = false;
    const { fn } = fakeFetch(() =>
      json(401, { error: { code: 'invalid_credentials', message: 'no' } }),
    );
    const api = createApiClient({ fetch: fn, onUnauthorized: async () => (asked = true) });
    const err = (await api.login('a', 'b').catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('invalid_credentials');
    expect(asked).toBe(false);
  });

  it('returns null from nextTask when the queue is empty (204)', async () => {
    const { fn } = fakeFetch(() => new Response(null, { status: 204 }));
    expect(await createApiClient({ fetch: fn }).nextTask(1)).toBeNull();
  });

  it('passes keyset cursors and filters as query parameters', async () => {
    const { fn, calls } = fakeFetch(() => json(200, { items: [], next_cursor: null }));
    await createApiClient({ fetch: fn }).listTasks(4, { status: 'new', label: '', cursor: 'abc' });
    expect(calls[0]!.url).toBe('/api/projects/4/tasks?status=new&cursor=abc&limit=50');
  });
});

describe('errorExtra', () => {
  it('finds the current version of a 409 inside or beside the error object', async () => {
    const { errorExtra } = await import('./api-error.ts');
    const inner = new ApiError(409, 'version_conflict', 'x', [], {
      error: { code: 'version_conflict', current: { version: 3 } },
    });
    const outer = new ApiError(409, 'version_conflict', 'x', [], {
      error: { code: 'c' },
      current: { version: 4 },
    });
    expect(errorExtra<{ version: number }>(inner, 'current')?.version).toBe(3);
    expect(errorExtra<{ version: number }>(outer, 'current')?.version).toBe(4);
  });
});
