import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { buildSchema } from '@tessera/core/format';
import type { Dialect } from '../../packages/server/test/harness.ts';
import { startBenchServer } from './server.ts';
import { generateTasks } from './generate.ts';

export interface ImportBenchResult {
  dialect: Dialect;
  tasks: number;
  importSeconds: number;
  importTasksPerSecond: number;
  importPeakRssMb: number;
  exportSeconds: number;
  exportTasksPerSecond: number;
  exportPeakRssMb: number;
  pageMs: Record<string, number>;
  small: { emptyMs: number; fullMs: number; ratio: number };
}

/** Rounds of the 1,000-task import into each project; the medians are compared. */
const SMALL_ROUNDS = 11;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Starts a real `tessera serve` process on a fresh store, imports N tasks over HTTP, exports
 * them, times task-list pages (server time from the Server-Timing header) and compares a
 * 1,000-task import into the full project with one into an empty project. Peak RSS is the
 * server process's own (VmHWM), not this client's.
 */
export async function runImportBench(
  dialect: Dialect,
  n: number,
  outDir: string,
): Promise<ImportBenchResult> {
  const file = await generateTasks(outDir, n);
  const server = await startBenchServer(dialect);
  const url = server.url;
  const h = server.headers;
  try {
    const post = (path: string, body: unknown) => server.post<{ id: number }>(path, body);
    const importFile = (projectId: number, f: string) =>
      server.importFile(projectId, f) as Promise<{ stored: number; ledger_job: number | null }>;
    // The import's provenance leaves are appended by a background job; wait for it so that it
    // does not share the machine with the export and page measurements.
    const ledgerDone = async (projectId: number, job: number | null) => {
      for (let i = 0; job !== null && i < 3000; i++) {
        const j = (await (
          await fetch(`${url}/api/projects/${projectId}/jobs/${job}`, { headers: h })
        ).json()) as { status: string };
        if (j.status === 'done' || j.status === 'failed') return;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const empty = await post('/api/projects', { name: 'empty', schema: buildSchema() });
    const full = await post('/api/projects', { name: 'full', schema: buildSchema() });

    const t0 = performance.now();
    const report = await importFile(full.id, file);
    const importSeconds = (performance.now() - t0) / 1000;
    if (report.stored !== n)
      throw new Error(`import stored ${report.stored} of ${n}: ${JSON.stringify(report)}`);
    const importPeakRssMb = server.peakRssMb();
    process.stderr.write(
      `  ${dialect}: imported ${n} in ${importSeconds.toFixed(2)} s, server peak RSS ${importPeakRssMb} MB\n`,
    );
    const l0 = performance.now();
    await ledgerDone(full.id, report.ledger_job);
    process.stderr.write(
      `  ${dialect}: ledger leaves for ${n} tasks appended in ${((performance.now() - l0) / 1000).toFixed(1)} s (background job)\n`,
    );

    process.stderr.write(
      `  ${dialect}: server peak RSS through import and ledger job ${server.peakRssMb()} MB\n`,
    );
    server.resetPeakRss(); // the export's own peak from here
    const t1 = performance.now();
    let lines = 0;
    const res = await fetch(`${url}/api/projects/${full.id}/export?format=jsonl`, { headers: h });
    await pipeline(
      Readable.fromWeb(res.body as never),
      new Writable({
        write(chunk: Buffer, _e, cb) {
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
          cb();
        },
      }),
    );
    const exportSeconds = (performance.now() - t1) / 1000;
    if (lines !== n) throw new Error(`export wrote ${lines} of ${n}`);
    const exportPeakRssMb = server.peakRssMb();
    process.stderr.write(`  ${dialect}: exported ${n} in ${exportSeconds.toFixed(2)} s\n`);

    const page = async (qs: string) => {
      const times: number[] = [];
      for (let i = 0; i < 60; i++) {
        const r = await fetch(`${url}/api/projects/${full.id}/tasks?limit=50${qs}`, { headers: h });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`page ${qs}: ${r.status}`);
        times.push(Number(/dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')![1]));
      }
      return +median(times.slice(10)).toFixed(2);
    };
    const mid = Math.floor(n / 2);
    const pageMs = {
      first: await page(''),
      middle: await page(`&cursor=${mid}`),
      status: await page(`&status=new&cursor=${mid}`),
    };

    const emptyTimes: number[] = [];
    const fullTimes: number[] = [];
    // Eleven rounds, and the pair's order flips each round: single rounds on this shared
    // machine vary by ±50 %, and the second import of a pair can meet the first one's checkpoint.
    for (let round = 0; round < SMALL_ROUNDS; round++) {
      const pair = [
        [empty.id, emptyTimes],
        [full.id, fullTimes],
      ] as const;
      for (const [projectId, times] of round % 2 === 0 ? pair : [...pair].reverse()) {
        const f = await generateTasks(outDir, 1000, `small-${projectId}-${round}`);
        const s = performance.now();
        const r = await importFile(projectId, f);
        times.push(performance.now() - s);
        await ledgerDone(projectId, r.ledger_job);
        if (r.stored !== 1000) throw new Error(`small import stored ${r.stored}`);
      }
    }
    process.stderr.write(
      `  ${dialect}: 1k imports (ms), empty ${emptyTimes.map((t) => t.toFixed(0)).join(' ')}; full ${fullTimes.map((t) => t.toFixed(0)).join(' ')}\n`,
    );
    const emptyMs = median(emptyTimes);
    const fullMs = median(fullTimes);
    return {
      dialect,
      tasks: n,
      importSeconds: +importSeconds.toFixed(2),
      importTasksPerSecond: Math.round(n / importSeconds),
      importPeakRssMb,
      exportSeconds: +exportSeconds.toFixed(2),
      exportTasksPerSecond: Math.round(n / exportSeconds),
      exportPeakRssMb,
      pageMs,
      small: {
        emptyMs: +emptyMs.toFixed(1),
        fullMs: +fullMs.toFixed(1),
        ratio: +(fullMs / emptyMs).toFixed(2),
      },
    };
  } finally {
    await server.close();
  }
}
