/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { createToken, createUser } from '../src/services/auth.service.ts';
import { openStore, type Store } from '../src/store/db.ts';

export type Dialect = 'sqlite' | 'postgres';

/** The stores every integration suite runs on: SQLite always, PostgreSQL when configured. */
export const DIALECTS: Dialect[] = process.env.TESSERA_TEST_DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];
if (!process.env.TESSERA_TEST_DATABASE_URL && !process.env.TESSERA_QUIET_PG_NOTICE) {
  process.env.TESSERA_QUIET_PG_NOTICE = '1';
  console.warn(
    'notice: TESSERA_TEST_DATABASE_URL is not set: the store suites run on SQLite only.',
  );
}

/** A fresh, empty database for one suite: a temp folder for SQLite, a new database on PostgreSQL. */
export async function freshDatabase(
  dialect: Dialect,
): Promise<{ dataDir: string; databaseUrl?: string; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
  if (dialect === 'sqlite')
    return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const base = process.env.TESSERA_TEST_DATABASE_URL!;
  const name = `tessera_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testConfig(
  dataDir: string,
  databaseUrl: string | undefined,
  over: Partial<Config> = {},
): Config {
  return {
    env: 'test',
    host: '127.0.0.1',
    port: 0,
    dataDir,
    databaseUrl,
    secret: 'x'.repeat(64),
    adminPassword: undefined,
    maxRecordBytes: 5 * 1024 * 1024,
    maxImportBytes: 10 * 1024 * 1024 * 1024,
    logLevel: 'silent',
    webDir: undefined,
    secureCookies: false,
    fetchAllow: [],
    storage: { kind: 'local' },
    ...over,
  };
}

/** A response as the tests read it. */
export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** A real HTTP server on a real store, with builders for users, projects and tasks. */
export interface TestServer {
  url: string;
  ctx: AppContext;
  store: Store;
  /** Requests with a Bearer token (or none). */
  api(token?: string): Api;
  /** Creates a user with a token. */
  buildUser(opts?: {
    admin?: boolean;
    username?: string;
    password?: string;
  }): Promise<{ id: number; username: string; token: string; password: string }>;
  close(): Promise<void>;
}

export interface Api {
  get<T = any>(path: string, headers?: Record<string, string>): Promise<Res<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>>;
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>>;
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Res<T>>;
  delete<T = any>(path: string, headers?: Record<string, string>): Promise<Res<T>>;
  raw(
    method: string,
    path: string,
    body: string | Buffer | ReadableStream,
    headers?: Record<string, string>,
  ): Promise<Res>;
}

export async function startTestServer(
  dialect: Dialect,
  over: Partial<Config> = {},
): Promise<TestServer> {
  const db = await freshDatabase(dialect);
  const config = testConfig(db.dataDir, db.databaseUrl, over);
  const store = await openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
  const { app, ctx } = await buildApp(config, store);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${addr.port}`;
  let n = 0;
  const api = (token?: string): Api => apiFor(url, token);
  return {
    url,
    ctx,
    store,
    api,
    buildUser: async (opts = {}) => {
      n++;
      const password = opts.password ?? `password-${n}-long`;
      const u = await createUser(
        ctx,
        {
          username: opts.username ?? `user${n}_${randomBytes(3).toString('hex')}`,
          password,
          is_admin: opts.admin ?? false,
        },
        null,
      );
      const row = (await ctx.users.byId(u.id))!;
      const t = await createToken(ctx, row, 'test');
      return { id: u.id, username: u.username, token: t.token, password };
    },
    close: async () => {
      await app.close();
      await store.close();
      await db.drop();
    },
  };
}

/** Requests against a test server, with a Bearer token when given. */
export function apiFor(url: string, token?: string): Api {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    raw = false,
  ): Promise<Res> => {
    const h: Record<string, string> = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload: RequestInit['body'] | undefined;
    if (raw) payload = body as RequestInit['body'];
    else if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(url + path, {
      method,
      headers: h,
      body: payload,
      duplex: 'half',
    } as RequestInit);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers, text };
  };
  return {
    get: (p, h) => call('GET', p, undefined, h),
    post: (p, b, h) => call('POST', p, b, h),
    put: (p, b, h) => call('PUT', p, b, h),
    patch: (p, b, h) => call('PATCH', p, b, h),
    delete: (p, h) => call('DELETE', p, undefined, h),
    raw: (m, p, b, h) => call(m, p, b, h, true),
  };
}
