/**
 * The transport under the typed client: fetch with the session cookie, the CSRF header on
 * unsafe methods, error parsing into ApiError, and the "session expired" flow (queue the
 * request, wait for the user to log in again, re-send).
 *
 * @example
 * const http = new Http({ onUnauthorized: () => showLoginDialog() });
 * const me = await http.request<Session>('/api/auth/me');
 */
import { ApiError, errorFromBody } from './api-error.ts';
import { Outbox, type KeyValueStore } from './outbox.ts';

/** Options of the transport. */
export interface HttpOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Where requests interrupted by a 401 are kept until re-sent (localStorage in the app). */
  storage?: KeyValueStore | null;
  /**
   * Called once per expiry when a request gets 401. Resolve `true` after the user has logged in
   * again (the request is then re-sent), `false` to give up (the request throws the 401).
   */
  onUnauthorized?: () => Promise<boolean>;
}

/** Options of one request. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON body. */
  body?: unknown;
  /** Raw body (imports); sent as is with `contentType`. */
  rawBody?: string | Blob;
  contentType?: string;
  query?: Record<string, string | number | boolean | null | undefined>;
  headers?: Record<string, string>;
  /** False for login itself: a 401 there means "wrong password", not "session expired". */
  reauth?: boolean;
  signal?: AbortSignal;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Builds `path?query` skipping empty values. */
export function buildUrl(base: string, path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

async function parseBody(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (text === '') return undefined;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** fetch + CSRF + ApiError + re-login. */
export class Http {
  csrfToken: string | null = null;
  readonly outbox: Outbox;
  private readonly base: string;
  private readonly fetchFn: typeof fetch;
  private reauthing: Promise<boolean> | null = null;
  /** Outbox entries a waiting request re-sends itself after the login (flushOutbox skips them). */
  private readonly live = new Set<string>();

  constructor(private readonly opts: HttpOptions = {}) {
    this.base = opts.baseUrl ?? '';
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.outbox = new Outbox(opts.storage ?? null);
  }

  /** Sends a request and returns the parsed body (undefined for 204). Throws ApiError. */
  async request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    const method = opts.method ?? 'GET';
    const res = await this.send(path, opts);
    if (res.status === 401 && opts.reauth !== false && this.opts.onUnauthorized) {
      return this.retryAfterLogin<T>(path, opts, method);
    }
    return this.finish<T>(res);
  }

  /** Re-sends every request queued by an earlier expiry (call after login). */
  async flushOutbox(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (const entry of this.outbox.list()) {
      if (this.live.has(entry.id)) continue;
      const res = await this.send(entry.path, {
        method: entry.method as RequestOptions['method'],
        body: entry.body,
        headers: entry.headers,
      }).catch(() => null);
      if (!res || res.status === 401) {
        failed++;
        continue; // keep it for the next login
      }
      // Anything else is final: success, or a refusal (e.g. 409) that re-sending won't fix;
      // the editor still holds the work in its local draft and resolves the conflict there.
      this.outbox.remove(entry.id);
      if (res.ok) sent++;
      else failed++;
    }
    return { sent, failed };
  }

  private async retryAfterLogin<T>(path: string, opts: RequestOptions, method: string): Promise<T> {
    const queued =
      !SAFE.has(method) && opts.rawBody === undefined
        ? this.outbox.add({ method, path, body: opts.body, headers: opts.headers ?? {} })
        : null;
    if (queued) this.live.add(queued);
    try {
      this.reauthing ??= this.opts.onUnauthorized!().finally(() => {
        this.reauthing = null;
      });
      const ok = await this.reauthing;
      if (!ok) throw errorFromBody(401, undefined);
      const res = await this.send(path, opts);
      if (queued && res.status !== 401) this.outbox.remove(queued);
      return await this.finish<T>(res);
    } finally {
      // From here on a later login's flush may re-send what is still queued.
      if (queued) this.live.delete(queued);
    }
  }

  private async finish<T>(res: Response): Promise<T> {
    const body = await parseBody(res);
    if (!res.ok) throw errorFromBody(res.status, body);
    return body as T;
  }

  private async send(path: string, opts: RequestOptions): Promise<Response> {
    const method = opts.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    let body: BodyInit | undefined;
    if (opts.rawBody !== undefined) {
      body = opts.rawBody;
      headers['Content-Type'] = opts.contentType ?? 'text/plain';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    }
    if (!SAFE.has(method) && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    try {
      return await this.fetchFn(buildUrl(this.base, path, opts.query), {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, 'network_error', 'Network error', [], undefined);
    }
  }
}
