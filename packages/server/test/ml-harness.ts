/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { JobRunner } from '../src/jobs/runner.ts';
import { mlJobs } from '../src/ml/prelabel.job.ts';
import { createToken, createUser } from '../src/services/auth.service.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { apiFor, freshDatabase, testConfig, type Api, type Dialect } from './harness.ts';

/** One captured log line: level, fields and message. */
export interface LogLine {
  level: string;
  obj: Record<string, unknown>;
  msg: string;
}

/** A test server with the model routes and ML jobs registered (as the lead will wire them). */
export interface MlTestServer {
  url: string;
  ctx: AppContext;
  store: Store;
  logs: LogLine[];
  api(token?: string): Api;
  buildUser(opts?: { admin?: boolean }): Promise<{ id: number; username: string; token: string }>;
  close(): Promise<void>;
}

/** A logger that records warn/error lines for assertions (and drops the rest). */
function captureLogger(lines: LogLine[]): FastifyBaseLogger {
  const rec =
    (level: string) =>
    (obj: unknown, msg?: string): void => {
      if (typeof obj === 'string') lines.push({ level, obj: {}, msg: obj });
      else lines.push({ level, obj: (obj ?? {}) as Record<string, unknown>, msg: msg ?? '' });
    };
  const noop = () => {};
  const log: any = {
    level: 'warn',
    fatal: rec('fatal'),
    error: rec('error'),
    warn: rec('warn'),
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    child: () => log,
  };
  return log as FastifyBaseLogger;
}

/**
 * startTestServer from harness.ts, plus a JobRunner
 * with the ML handlers (polling every 25 ms) poked on enqueue, and warn/error logs captured in
 * `logs` (ctx.log).
 *
 * @example
 * const s = await startMlServer('sqlite', { fetchAllow: ['127.0.0.1'] });
 */
export async function startMlServer(
  dialect: Dialect,
  over: Partial<Config> = {},
): Promise<MlTestServer> {
  const db = await freshDatabase(dialect);
  const config = testConfig(db.dataDir, db.databaseUrl, over);
  const store = await openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
  const { app, ctx } = await buildApp(config, store, { runJobs: false });
  const logs: LogLine[] = [];
  const logger = captureLogger(logs);
  ctx.log = logger;
  const runner = new JobRunner(store, mlJobs(ctx), logger, 25);
  ctx.pokeJobs = () => runner.poke();
  await app.listen({ host: '127.0.0.1', port: 0 });
  runner.start();
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let n = 0;
  return {
    url,
    ctx,
    store,
    logs,
    api: (token) => apiFor(url, token),
    buildUser: async (opts = {}) => {
      n++;
      const u = await createUser(
        ctx,
        {
          username: `ml${n}_${randomBytes(3).toString('hex')}`,
          password: `password-${n}-long`,
          is_admin: opts.admin ?? false,
        },
        null,
      );
      const t = await createToken(ctx, (await ctx.users.byId(u.id))!, 'test');
      return { id: u.id, username: u.username, token: t.token };
    },
    close: async () => {
      await runner.stop();
      await app.close();
      await store.close();
      await db.drop();
    },
  };
}

/** Polls a job until it is final. */
export async function waitJob(
  api: Api,
  pid: number,
  jobId: number,
  timeoutMs = 60_000,
): Promise<any> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const j = (await api.get(`/api/projects/${pid}/jobs/${jobId}`)).body;
    if (['done', 'failed', 'cancelled'].includes(j.status)) return j;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** A request a fake model server received. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/**
 * A real HTTP server for contract tests: `handler` answers each request (after its JSON body
 * is read); every request is recorded in `received`.
 *
 * @example
 * const fake = await fakeServer(async (req) => ({ status: 200, json: { status: 'UP' } }));
 */
export async function fakeServer(
  handler: (
    req: Received,
  ) => Promise<{ status?: number; json?: unknown; raw?: string; delayMs?: number }>,
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const r: Received = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0]!,
        headers: req.headers,
        body: text ? safeJson(text) : undefined,
      };
      received.push(r);
      const out = await handler(r);
      if (out.delayMs) await new Promise((ok) => setTimeout(ok, out.delayMs));
      if (res.destroyed) return;
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json' });
      res.end(out.raw ?? JSON.stringify(out.json ?? {}));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function safeJson(t: string): unknown {
  try {
    return JSON.parse(t);
  } catch {
    return t;
  }
}
