/**
 * End-to-end harness: builds the web app when its sources changed, starts a real
 * `tessera serve` on a free port with a fresh data directory, drives Debian Chromium through
 * playwright-core, and offers a small API helper for setting up data (projects, tasks,
 * predictions) the way a script or the CLI would.
 *
 * @example
 * const server = await startServer();
 * const browser = await launchBrowser();
 * const page = await newPage(browser, server.url);
 * await loginInBrowser(page, server);
 * await server.stop();
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'packages/web');

/** Where screenshots go (ignored by git). */
export const ARTIFACTS = join(ROOT, 'e2e/artifacts');

/** Chromium flags for a quiet headless run in a container. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce(
    (m, name) => Math.max(m, newestMtime(join(path, name))),
    st.mtimeMs,
  );
}

/** Builds packages/web/dist when it is missing or older than the web sources. */
export function ensureWebBuilt(): void {
  const index = join(WEB, 'dist/index.html');
  const sources = [
    join(WEB, 'src'),
    join(WEB, 'index.html'),
    join(WEB, 'vite.config.ts'),
    join(ROOT, 'packages/core/src'),
  ];
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  const res = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: WEB,
    encoding: 'utf8',
    stdio: 'pipe',
  });
  if (res.status !== 0) throw new Error(`web build failed:\n${res.stdout}\n${res.stderr}`);
}

/** Per-test server handle. */
export interface TestServer {
  url: string;
  dataDir: string;
  username: string;
  password: string;
  api: ApiHelper;
  stop: () => Promise<void>;
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms\n${out}\n${err}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /Tessera listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}\n${out}\n${err}`));
    });
  });
}

/** Starts `tessera serve` on a free port with a fresh data directory (builds the web first). */
export async function startServer(): Promise<TestServer> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const password = `e2e-${Math.random().toString(36).slice(2)}-Pw1`;
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'packages/cli/bin/tessera.mjs'),
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--data',
      dataDir,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, TESSERA_ADMIN_PASSWORD: password, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await waitForListening(child, 90_000);
  const api = new ApiHelper(url);
  await api.login('admin', password);
  return {
    url,
    dataDir,
    username: 'admin',
    password,
    api,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launches Debian Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

const contexts = new Set<BrowserContext>();

/** Closes every page opened by `newPage` (call after each test so tests do not share tabs). */
export async function closePages(): Promise<void> {
  await Promise.all([...contexts].map((c) => c.close().catch(() => undefined)));
  contexts.clear();
}

/** A page with a desktop viewport, a fixed locale, and collected console errors. */
export async function newPage(
  browser: Browser,
  baseURL: string,
  locale = 'en-US',
): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale,
    deviceScaleFactor: 1,
  });
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  return page;
}

/** Logs in through the login form. */
export async function loginInBrowser(page: Page, server: TestServer): Promise<void> {
  await page.goto('/');
  await page.waitForSelector('input[name="username"]');
  await page.fill('input[name="username"]', server.username);
  await page.fill('input[name="password"]', server.password);
  await page.press('input[name="password"]', 'Enter');
  await page.waitForSelector('[data-testid="new-project"]');
}

/** Saves a full-page screenshot into e2e/artifacts. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** JSON over HTTP with the session cookie and CSRF token, like the web client. */
export class ApiHelper {
  private cookie = '';
  private csrf = '';

  constructor(readonly base: string) {}

  /** Logs in and keeps the session. */
  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    this.cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    this.csrf = ((await res.json()) as { csrf_token: string }).csrf_token;
  }

  /** Sends a request; throws with the body on a non-2xx status. */
  async req<T>(
    method: string,
    path: string,
    body?: unknown,
    raw?: { text: string; type: string },
  ): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (raw) headers['content-type'] = raw.type;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: raw ? raw.text : body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Creates a project. */
  createProject(name: string, schema: unknown): Promise<{ id: number }> {
    return this.req('POST', '/api/projects', { name, schema });
  }

  /** Imports tasks (one `data` object each) as JSONL. */
  importTasks(projectId: number, data: Record<string, unknown>[]): Promise<{ stored: number }> {
    const text = data.map((d) => JSON.stringify({ data: d })).join('\n');
    return this.req('POST', `/api/projects/${projectId}/import?format=jsonl`, undefined, {
      text,
      type: 'application/x-ndjson',
    });
  }

  /** Lists a project's tasks (first page). */
  async tasks(
    projectId: number,
    query = '',
  ): Promise<{ id: number; status: string; data: Record<string, unknown> }[]> {
    return (
      await this.req<{ items: { id: number; status: string; data: Record<string, unknown> }[] }>(
        'GET',
        `/api/projects/${projectId}/tasks?limit=500${query}`,
      )
    ).items;
  }

  /** A task with its annotations and predictions. */
  task(
    projectId: number,
    taskId: number,
  ): Promise<{
    task: { status: string };
    annotations: {
      status: string;
      origin: string;
      regions: Record<string, unknown>[];
      version: number;
    }[];
  }> {
    return this.req('GET', `/api/projects/${projectId}/tasks/${taskId}`);
  }

  /** Finds a project by name. */
  async projectByName(name: string): Promise<{ id: number; schema: unknown }> {
    const { items } = await this.req<{ items: { id: number; name: string; schema: unknown }[] }>(
      'GET',
      '/api/projects',
    );
    const p = items.find((x) => x.name === name);
    if (!p) throw new Error(`no project named ${name}`);
    return p;
  }
}
