/**
 * The typed error every API call throws for a non-2xx response or a network failure.
 *
 * @example
 * try { await api.getProject(1); } catch (e) { if (e instanceof ApiError && e.status === 404) ... }
 */
import type { ApiIssue } from './types.ts';

/** Error thrown by the API client. `status` is 0 for network failures. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ApiIssue[];
  /** The parsed body, for responses that carry more (a 409 carries `current`). */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, issues: ApiIssue[], body: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.body = body;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseIssues(raw: unknown): ApiIssue[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).map((i) => ({
    path: typeof i.path === 'string' ? i.path : Array.isArray(i.path) ? i.path.join('.') : '',
    message: typeof i.message === 'string' ? i.message : String(i.message ?? ''),
  }));
}

/**
 * Builds an ApiError from a response status and its parsed body (`{error:{code,message,issues}}`).
 * Bodies of another shape still give a usable error with a generic code.
 *
 * @example
 * errorFromBody(409, { error: { code: 'conflict', message: 'stale' }, current: {...} })
 */
export function errorFromBody(status: number, body: unknown): ApiError {
  const err = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code =
    typeof err?.code === 'string' ? err.code : status === 0 ? 'network_error' : `http_${status}`;
  const message =
    typeof err?.message === 'string' && err.message !== ''
      ? err.message
      : status === 0
        ? 'Network error'
        : `Request failed with status ${status}`;
  return new ApiError(status, code, message, parseIssues(err?.issues), body);
}

/**
 * An extra field of an error body, wherever the server put it (`error.current` or `current`).
 *
 * @example
 * const current = errorExtra<Annotation>(e, 'current'); // the server's version on a 409
 */
export function errorExtra<T>(e: ApiError, key: string): T | undefined {
  const b = isRecord(e.body) ? e.body : undefined;
  const inner = b && isRecord(b.error) ? b.error : undefined;
  return (inner?.[key] ?? b?.[key]) as T | undefined;
}
