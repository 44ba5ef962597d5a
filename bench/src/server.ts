import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { freshDatabase, type Dialect } from '../../packages/server/test/harness.ts';
import { spawnServer, type ServerProcess } from '../../packages/server/test/process.ts';

/** A real `tessera serve` process on a fresh store, with an admin API token, for benchmarks. */
export interface BenchServer {
  url: string;
  pid: number;
  headers: Record<string, string>;
  post<T>(path: string, body: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
  importFile(projectId: number, file: string, format?: string): Promise<{ stored: number }>;
  /** Peak resident memory of the server so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** Starts a new peak: Linux resets VmHWM to the current RSS on `5` in clear_refs. */
  resetPeakRss(): void;
  close(): Promise<void>;
}

export async function startBenchServer(dialect: Dialect): Promise<BenchServer> {
  const db = await freshDatabase(dialect);
  const server: ServerProcess = await spawnServer(
    ['--data', db.dataDir, ...(db.databaseUrl ? ['--database-url', db.databaseUrl] : [])],
    { TESSERA_ADMIN_PASSWORD: 'bench-admin-password' },
  );
  const url = server.url;
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-admin-password' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrf_token } = (await login.json()) as { csrf_token: string };
  const tok = (await (
    await fetch(`${url}/api/tokens`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf_token, 'content-type': 'application/json' },
      body: '{"name":"bench"}',
    })
  ).json()) as { token: string };
  const headers = { authorization: `Bearer ${tok.token}` };
  return {
    url,
    pid: server.child.pid!,
    headers,
    post: async <T>(path: string, body: unknown) =>
      (await (
        await fetch(url + path, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as T,
    get: async <T>(path: string) => (await (await fetch(url + path, { headers })).json()) as T,
    importFile: async (projectId, file, format = 'jsonl') => {
      const res = await fetch(`${url}/api/projects/${projectId}/import?format=${format}`, {
        method: 'POST',
        headers,
        body: Readable.toWeb(createReadStream(file, { highWaterMark: 1 << 20 })) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      return (await res.json()) as { stored: number };
    },
    peakRssMb: () =>
      Math.round(
        Number(
          /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))![1],
        ) / 1024,
      ),
    resetPeakRss: () => writeFileSync(`/proc/${server.child.pid}/clear_refs`, '5'),
    close: async () => {
      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));
      await db.drop();
    },
  };
}
