import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch, type Response } from 'undici';
import { AppError } from '../errors.ts';
import { AllowList, isPublicAddress } from './address-policy.ts';

export interface SafeFetchOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Whole request budget, default 30 s. */
  timeoutMs?: number;
  /** Largest body read by `readBody`, default 50 MiB. */
  maxBytes?: number;
  /** Redirects followed (each re-checked), default 5. */
  maxRedirects?: number;
}

/** Thrown for every refused or failed fetch: one generic message, the detail only in `reason`. */
export class FetchRefused extends AppError {
  constructor(readonly reason: string) {
    super(
      422,
      'fetch_refused',
      'The URL could not be fetched: it must be a public http(s) address that answers in time.',
    );
  }
}

/**
 * The one fetcher for every server-side request (URL import, model servers, LLM endpoints,
 * webhooks, S3 endpoints). It allows http(s) only; refuses loopback, private, link-local,
 * metadata and unspecified addresses in any spelling (the URL parser folds 0x7f000001 and
 * 2130706433 to 127.0.0.1; names are resolved and every address is checked at connect time, so
 * DNS rebinding after a check does not help); and follows redirects itself, checking each hop.
 * Errors are generic so the fetcher is no port-scan oracle.
 *
 * @example
 * const fetcher = new SafeFetcher(new AllowList(['10.1.2.3']));
 * const res = await fetcher.fetch('https://example.org/data.jsonl');
 */
export class SafeFetcher {
  private readonly agent: Agent;

  /** The connect-time address check, also handed to other HTTP clients (the S3 SDK's agent). */
  readonly lookup: LookupFunction;

  constructor(private readonly allow: AllowList = new AllowList()) {
    const guardedLookup: LookupFunction = (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '', 0);
        const list = addresses as unknown as LookupAddress[];
        const ok = this.allow.hasHost(hostname)
          ? list
          : list.filter((a) => isPublicAddress(a.address, this.allow));
        if (ok.length === 0 || ok.length !== list.length) {
          return callback(
            Object.assign(new Error(`refused address for ${hostname}`), {
              code: 'EREFUSED_ADDRESS',
            }),
            '',
            0,
          );
        }
        if ((options as { all?: boolean }).all)
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, ok);
        callback(null, ok[0]!.address, ok[0]!.family);
      });
    };
    this.lookup = guardedLookup;
    this.agent = new Agent({ connect: { lookup: guardedLookup }, connectTimeout: 10_000 });
  }

  /** Fetches with every hop checked; the caller reads the body (see readBody). */
  async fetch(url: string, opts: SafeFetchOptions = {}): Promise<Response> {
    const deadline = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
    let current = url;
    for (let hop = 0; hop <= (opts.maxRedirects ?? 5); hop++) {
      const target = this.check(current);
      let res: Response;
      try {
        res = await undiciFetch(target, {
          method: opts.method ?? 'GET',
          headers: opts.headers,
          body: opts.body,
          redirect: 'manual',
          dispatcher: this.agent,
          signal: deadline,
        });
      } catch (err) {
        throw new FetchRefused(
          `${target.host}: ${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message}`,
        );
      }
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        await res.body?.cancel();
        current = new URL(res.headers.get('location')!, target).toString();
        continue;
      }
      return res;
    }
    throw new FetchRefused('too many redirects');
  }

  /** Reads a response body up to a limit, counting bytes as they arrive. */
  async readBody(res: Response, maxBytes = 50 * 1024 * 1024): Promise<Buffer> {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body ?? []) {
      size += (chunk as Uint8Array).length;
      if (size > maxBytes) {
        await res.body?.cancel();
        throw new AppError(
          413,
          'payload_too_large',
          `The remote file is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB.`,
        );
      }
      parts.push(Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(parts);
  }

  /** Parses and vets a URL before any connection: scheme, credentials, literal addresses. */
  check(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new FetchRefused('not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new FetchRefused(`scheme ${url.protocol}`);
    if (url.username || url.password) throw new FetchRefused('credentials in the URL');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !isPublicAddress(host, this.allow)) throw new FetchRefused(`address ${host}`);
    return url;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
