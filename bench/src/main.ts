import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runImportBench, type ImportBenchResult } from './import-bench.ts';
// @ts-expect-error -- a plain ES module without types
import { buildAll } from '../../scripts/build.mjs';

const OUT = fileURLToPath(new URL('../out/', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

/**
 * `npm run bench -- import [--tasks N] [--store sqlite|postgres]`: import/export/list figures.
 * `npm run bench -- truth`: truth-inference accuracy table and timings (docs/quality.md).
 * Each store runs in its own process so its peak RSS is its own.
 */
async function main(argv: string[]): Promise<number> {
  const [what = 'import', ...rest] = argv;
  // The spawned servers run the bundle users run (bin/tessera.mjs falls back to the TypeScript
  // sources through tsx when the bundle is stale, which costs memory the figures would count).
  if (!process.env.TESSERA_BENCH_CHILD) await buildAll({ quiet: true, web: what === 'editor' });
  const flag = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i === -1 ? undefined : rest[i + 1];
  };
  if (what === 'import') {
    const n = Number(flag('tasks') ?? 1_000_000);
    const only = flag('store');
    if (process.env.TESSERA_BENCH_CHILD) {
      const res = await runImportBench(only as 'sqlite' | 'postgres', n, OUT);
      process.stdout.write(JSON.stringify(res) + '\n');
      return 0;
    }
    const pg = process.env.TESSERA_TEST_DATABASE_URL;
    const stores = only ? [only] : pg ? ['sqlite', 'postgres'] : ['sqlite'];
    if (!pg && !only)
      process.stderr.write(
        'notice: TESSERA_TEST_DATABASE_URL is not set: PostgreSQL is not measured.\n',
      );
    const results: ImportBenchResult[] = [];
    for (const store of stores) {
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', SELF, 'import', '--tasks', String(n), '--store', store],
        {
          env: { ...process.env, TESSERA_BENCH_CHILD: '1' },
          stdio: ['ignore', 'pipe', 'inherit'],
          encoding: 'utf8',
          maxBuffer: 1 << 24,
        },
      );
      if (r.status !== 0) {
        process.stderr.write(`bench on ${store} failed (exit ${r.status})\n`);
        return 1;
      }
      results.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as ImportBenchResult);
    }
    printTable(results);
    return 0;
  }
  const runners: Record<string, () => Promise<unknown>> = {
    truth: async () => (await import('./truth.ts')).runTruthBench(),
    rules: async () => (await import('./rules.ts')).runRulesBench(),
    learn: async () => (await import('./learn.ts')).runLearnBench(),
    pii: async () => (await import('./pii.ts')).runPiiBench(),
    editor: async () => (await import('./editor.ts')).runEditorBench(),
    vision: async () => (await import('./vision.ts')).runVisionBench(),
    ml: async () => (await import('./ml.ts')).runMlBench(),
    formats: async () =>
      (await import('./formats.ts')).runFormatsBench(Number(flag('tasks') ?? 1_000_000)),
  };
  const run = runners[what];
  if (run) {
    await run();
    return 0;
  }
  process.stderr.write(
    `unknown benchmark "${what}": use import, ${Object.keys(runners).join(', ')}\n`,
  );
  return 1;
}

function printTable(rs: ImportBenchResult[]) {
  const rows = [
    ['tasks', ...rs.map((r) => String(r.tasks))],
    ['import tasks/s', ...rs.map((r) => String(r.importTasksPerSecond))],
    ['import seconds', ...rs.map((r) => String(r.importSeconds))],
    ['import peak RSS MB', ...rs.map((r) => String(r.importPeakRssMb))],
    ['export tasks/s (JSONL)', ...rs.map((r) => String(r.exportTasksPerSecond))],
    ['export peak RSS MB', ...rs.map((r) => String(r.exportPeakRssMb))],
    ['page of 50, first (ms)', ...rs.map((r) => String(r.pageMs.first))],
    ['page of 50, middle (ms)', ...rs.map((r) => String(r.pageMs.middle))],
    ['page of 50, status filter (ms)', ...rs.map((r) => String(r.pageMs.status))],
    ['1k import into empty (ms)', ...rs.map((r) => String(r.small.emptyMs))],
    ['1k import into full (ms)', ...rs.map((r) => String(r.small.fullMs))],
    ['full / empty', ...rs.map((r) => String(r.small.ratio))],
  ];
  process.stdout.write(
    `| measure | ${rs.map((r) => r.dialect).join(' | ')} |\n|---|${rs.map(() => '---').join('|')}|\n`,
  );
  for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
}

process.exitCode = await main(process.argv.slice(2));
