#!/usr/bin/env -S node --max-old-space-size=1024
// The heap limit matters beyond the limit itself: V8 grows its heap by a factor that depends
// on it, and with 1 GiB a million-task import peaks under 300 MB resident instead of ~400
// (bench/README.md). Whoever runs this file with `node` directly passes the same flag
// (scripts/start.mjs, packages/server/test/process.ts).
// Runs the bundle built by `npm run build` (packages/cli/dist) when it is newer than every
// source file it was built from (listed in dist/inputs.json); otherwise runs the TypeScript
// sources through tsx's loader, so a change is live without a build step.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');
const bundle = join(dist, 'tessera.mjs');
const inputs = join(dist, 'inputs.json');

function bundleIsFresh() {
  if (!existsSync(bundle) || !existsSync(inputs)) return false;
  const built = statSync(bundle).mtimeMs;
  return JSON.parse(readFileSync(inputs, 'utf8')).every(
    (f) => existsSync(f) && statSync(f).mtimeMs <= built,
  );
}

let entry = bundle;
if (!bundleIsFresh()) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = '../src/main.ts';
}
const { main } = await import(entry);
process.exitCode = await main(process.argv);
