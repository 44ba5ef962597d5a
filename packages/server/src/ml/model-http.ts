import type { SafeFetcher } from '../media/safe-fetch.ts';
import { FetchRefused } from '../media/safe-fetch.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';

/** Why a model call failed; `refused` and `circuit_open` are never retried. */
export type ModelCallFailure =
  'timeout' | 'network' | 'http' | 'malformed' | 'too_large' | 'refused' | 'circuit_open';

/**
 * A failed call to an external model. The message says what happened without the remote
 * body (which could echo secrets); `status` is the HTTP status when there was one.
 *
 * @example
 * try { await callJson(...); } catch (e) { if (e instanceof ModelCallError) log.warn(e.kind); }
 */
export class ModelCallError extends Error {
  constructor(
    readonly kind: ModelCallFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Options of {@link callJson}.
 *
 * @example
 * const o: CallOptions = { method: 'POST', body: { tasks }, timeoutMs: 10_000, retries: 2 };
 */
export interface CallOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  /** Per attempt (default 30 s). */
  timeoutMs?: number;
  /** Extra attempts after the first for transient failures (default 2). */
  retries?: number;
  /** First back-off; doubled each retry, with ±50 % jitter, capped at 10 s (default 200 ms). */
  backoffMs?: number;
  /** Largest response body (default 20 MiB). */
  maxBytes?: number;
}

const RETRYABLE = new Set<ModelCallFailure>(['timeout', 'network', 'http']);

/**
 * One JSON call to an external model through the SSRF-safe fetcher, with a per-attempt
 * timeout, capped retries with exponential back-off for transient failures (network, timeout,
 * 5xx, 429), and the model's circuit breaker consulted before and told after every attempt.
 * A 2xx body that is not JSON is `malformed` (counted by the breaker, not retried: the server
 * would say the same again).
 *
 * @example
 * const out = await callJson(ctx.fetcher, breaker, 'https://ml.example.org/predict',
 *   { method: 'POST', body: { tasks } });
 */
export async function callJson(
  fetcher: SafeFetcher,
  breaker: CircuitBreaker,
  url: string,
  opts: CallOptions = {},
): Promise<unknown> {
  const retries = opts.retries ?? 2;
  let last: ModelCallError | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(backoff(opts.backoffMs ?? 200, attempt));
    if (!breaker.allow())
      throw new ModelCallError(
        'circuit_open',
        `the model server failed repeatedly; calls resume in ${Math.ceil(breaker.retryInMs / 1000)} s`,
      );
    try {
      const out = await attemptOnce(fetcher, url, opts);
      breaker.success();
      return out;
    } catch (err) {
      last = toCallError(err);
      if (last.kind !== 'refused') breaker.failure();
      if (!RETRYABLE.has(last.kind) || (last.status !== undefined && !transient(last.status)))
        throw last;
    }
  }
  throw last!;
}

async function attemptOnce(fetcher: SafeFetcher, url: string, opts: CallOptions) {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetcher.fetch(url, {
    method: opts.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    timeoutMs: opts.timeoutMs ?? 30_000,
    // A redirect would carry the API key to wherever it points: with a key, none is followed.
    maxRedirects: headers.authorization ? 0 : 2,
  });
  if (res.status < 200 || res.status >= 300) {
    await res.body?.cancel().catch(() => {});
    throw new ModelCallError('http', `the model server answered HTTP ${res.status}`, res.status);
  }
  const buf = await fetcher.readBody(res, opts.maxBytes ?? 20 * 1024 * 1024);
  try {
    return JSON.parse(buf.toString('utf8')) as unknown;
  } catch (err) {
    throw new ModelCallError(
      'malformed',
      `the model server's answer is not JSON (${(err as Error).message.slice(0, 120)})`,
    );
  }
}

function toCallError(err: unknown): ModelCallError {
  if (err instanceof ModelCallError) return err;
  if (err instanceof FetchRefused) {
    const r = err.reason;
    if (/EREFUSED_ADDRESS|refused address|^address |scheme|credentials|not a URL/.test(r))
      return new ModelCallError('refused', err.message);
    if (/timeout|aborted|TimeoutError/i.test(r))
      return new ModelCallError('timeout', 'the model server did not answer in time');
    return new ModelCallError('network', `the model server could not be reached (${r})`);
  }
  const e = err as { code?: string; message?: string; status?: number };
  if (e?.status === 413 || e?.code === 'payload_too_large')
    return new ModelCallError('too_large', 'the model server sent an answer above the size limit');
  if (/timeout|aborted/i.test(e?.message ?? ''))
    return new ModelCallError('timeout', 'the model server did not answer in time');
  return new ModelCallError('network', `the model call failed (${e?.message ?? String(err)})`);
}

/** 5xx and 429 may pass; other 4xx mean the request is wrong and will stay wrong. */
function transient(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

function backoff(base: number, attempt: number): number {
  const raw = Math.min(10_000, base * 2 ** (attempt - 1));
  return raw * (0.5 + Math.random());
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
