import { afterAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { DIALECTS, freshDatabase } from './harness.ts';
import { exited, runCli, spawnServer, type ServerProcess } from './process.ts';

const N = 200_000;
const BATCH = 5000;
/** The server's batch on PostgreSQL, two of which are written at once. */
const BATCH_PG = 10_000;
const line = (i: number) =>
  `{"text":"crash test task number ${i} with some padding to look like real data","n":${i}}\n`;

/** A request body that trickles out slowly, so the server is mid-import when it is killed. */
function slowBody(): ReadableStream<Uint8Array> {
  let i = 0;
  const enc = new TextEncoder();
  return new ReadableStream({
    async pull(ctrl) {
      if (i >= N) return ctrl.close();
      let chunk = '';
      for (const end = Math.min(N, i + 2000); i < end; i++) chunk += line(i);
      await new Promise((r) => setTimeout(r, 15));
      ctrl.enqueue(enc.encode(chunk));
    },
  });
}

describe.each(DIALECTS)('crash safety on %s', (dialect) => {
  const procs: ServerProcess[] = [];
  afterAll(() => procs.forEach((p) => p.child.kill('SIGKILL')));

  it('kill -9 during a large import leaves whole batches only, and a re-run completes it without duplicates', async () => {
    const db = await freshDatabase(dialect);
    const storeArgs = [
      '--data',
      db.dataDir,
      ...(db.databaseUrl ? ['--database-url', db.databaseUrl] : []),
    ];
    const env = { TESSERA_ADMIN_PASSWORD: 'crash-test-password' };
    const s1 = await spawnServer(storeArgs, env);
    procs.push(s1);
    const tok = await runCli(['token', 'create', '--user', 'admin', ...storeArgs], env);
    expect(tok.code, tok.stderr).toBe(0);
    const headers = { authorization: `Bearer ${tok.stdout.trim()}` };
    const project = await fetch(`${s1.url}/api/projects`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'crash', schema: buildSchema() }),
    }).then((r) => r.json() as Promise<{ id: number }>);
    const countOn = (url: string) =>
      fetch(`${url}/api/projects/${project.id}`, { headers })
        .then((r) => r.json() as Promise<{ task_count: number }>)
        .then((p) => p.task_count);

    const upload = fetch(`${s1.url}/api/projects/${project.id}/import`, {
      method: 'POST',
      headers,
      body: slowBody(),
      duplex: 'half',
    } as RequestInit).catch((e: Error) => e);
    for (let t = 0; t < 600 && (await countOn(s1.url)) < 4 * BATCH; t++)
      await new Promise((r) => setTimeout(r, 50));
    s1.child.kill('SIGKILL');
    expect(await upload).toBeInstanceOf(Error);
    await exited(s1.child);

    const s2 = await spawnServer(storeArgs, env);
    procs.push(s2);
    expect(s2.output()).toMatch(/1 import\(s\) were interrupted/);
    const stored = await countOn(s2.url);
    expect(stored).toBeGreaterThanOrEqual(4 * BATCH);
    expect(stored).toBeLessThan(N);
    expect(stored % BATCH).toBe(0);
    // The stored tasks are whole batches of lines, in the file's order, with matching counters.
    // SQLite's one writer commits batches in order: they are the first `stored` lines.
    // PostgreSQL writes two batches at once, and either may have committed first.
    const exported = await fetch(`${s2.url}/api/projects/${project.id}/export`, { headers }).then(
      (r) => r.text(),
    );
    const ns = exported
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { data: { n: number } }).data.n);
    expect(ns.length).toBe(stored);
    expect(ns).toEqual([...ns].sort((a, b) => a - b));
    const blocks = new Map<number, number>();
    for (const n of ns)
      blocks.set(Math.floor(n / BATCH), (blocks.get(Math.floor(n / BATCH)) ?? 0) + 1);
    for (const count of blocks.values()) expect(count).toBe(BATCH);
    if (dialect === 'sqlite') expect(Math.max(...ns)).toBe(stored - 1);
    else expect(Math.max(...ns)).toBeLessThan(stored + BATCH_PG);

    let all = '';
    for (let i = 0; i < N; i++) all += line(i);
    const rerun = await fetch(`${s2.url}/api/projects/${project.id}/import`, {
      method: 'POST',
      headers,
      body: all,
    }).then((r) => r.json() as Promise<{ stored: number; duplicates: number; status: string }>);
    expect(rerun).toMatchObject({ status: 'completed', stored: N - stored, duplicates: stored });
    expect(await countOn(s2.url)).toBe(N);
    s2.child.kill('SIGTERM');
    await exited(s2.child);
    await db.drop();
  });
});
