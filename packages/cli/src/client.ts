import { CliError } from './errors.ts';

/** Where the CLI's data commands send their requests, and with which token. */
export interface ClientOptions {
  server: string;
  token: string | undefined;
}

/**
 * A small typed client for the Tessera API over fetch, with Bearer auth. Errors come back as the
 * server's `{error: {code, message, issues}}` turned into a CliError a user can act on.
 */
export class TesseraClient {
  constructor(private readonly opts: ClientOptions) {}

  async request<T>(
    method: string,
    path: string,
    init: {
      json?: unknown;
      body?: RequestInit['body'];
      headers?: Record<string, string>;
      raw?: boolean;
    } = {},
  ): Promise<T> {
    const res = await this.fetch(method, path, init);
    if (init.raw) return res as T;
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  async fetch(
    method: string,
    path: string,
    init: { json?: unknown; body?: RequestInit['body']; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    if (!this.opts.token)
      throw new CliError(
        'No API token: pass --token or set TESSERA_TOKEN (create one with `tessera token create --user NAME`).',
      );
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.opts.token}`,
      ...init.headers,
    };
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    let res: Response;
    try {
      res = await fetch(new URL(path, this.opts.server), {
        method,
        headers,
        body,
        duplex: 'half',
      } as RequestInit);
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new CliError(
        `Cannot reach the Tessera server at ${this.opts.server} (${cause}). Start it with \`tessera serve\` or pass --server.`,
      );
    }
    if (!res.ok) throw new CliError(await describeError(res));
    return res;
  }
}

async function describeError(res: Response): Promise<string> {
  let msg = `The server answered ${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as {
      error?: { message?: string; issues?: { path: string; message: string }[] };
    };
    if (body.error?.message) msg = `${body.error.message} (HTTP ${res.status})`;
    if (body.error?.issues?.length)
      msg +=
        '\n' +
        body.error.issues
          .slice(0, 20)
          .map((i) => `  ${i.path}: ${i.message}`)
          .join('\n');
  } catch {
    /* not JSON: keep the status line */
  }
  if (res.status === 401) msg += '\nCheck --token / TESSERA_TOKEN.';
  return msg;
}
