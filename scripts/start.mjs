// `npm start`: build what is stale, then serve on http://127.0.0.1:8080 from .tessera/ with the
// demo projects on first start. Extra arguments go to `tessera serve` (npm start -- --port 9000).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

await buildAll();
const bin = fileURLToPath(new URL('../packages/cli/bin/tessera.mjs', import.meta.url));
// The server's heap limit (as in bin/tessera.mjs): V8 grows the heap by a factor that depends
// on it, and 1 GiB keeps a million-task import under 300 MB resident (bench/README.md).
const child = spawn(
  process.execPath,
  ['--max-old-space-size=1024', bin, 'serve', '--demo', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
