#!/usr/bin/env node
// Runs the bundle built by `npm run build` (packages/cli/dist) when it is newer than every
// source file; otherwise runs the TypeScript sources through tsx's loader, so a change is live
// without a build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packages = join(here, '../..');
const bundle = join(here, '../dist/tessera.mjs');

function newestSource() {
  let t = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') || e.name.endsWith('.mjs'))
        t = Math.max(t, statSync(p).mtimeMs);
    }
  };
  for (const p of ['core', 'server', 'cli']) walk(join(packages, p, 'src'));
  return t;
}

let entry;
if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) {
  entry = bundle;
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = '../src/main.ts';
}
const { main } = await import(entry);
process.exitCode = await main(process.argv);
