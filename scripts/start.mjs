// `npm start`: build what is stale, then serve on http://127.0.0.1:8080 from .tessera/ with the
// demo projects on first start. Extra arguments go to `tessera serve` (npm start -- --port 9000).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

await buildAll();
const bin = fileURLToPath(new URL('../packages/cli/bin/tessera.mjs', import.meta.url));
const child = spawn(process.execPath, [bin, 'serve', '--demo', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
