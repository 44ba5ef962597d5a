// Builds what `tessera` runs in production: the CLI + server bundled into one ES module
// (packages/cli/dist/tessera.mjs; npm dependencies stay external) and the web app
// (packages/web/dist). Skips each part that is already newer than its sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const force = process.argv.includes('--force');

/** Newest modification time of the files under `dirs`. */
export function newest(dirs) {
  let t = 0;
  const walk = (d) => {
    if (!existsSync(d)) return;
    if (!statSync(d).isDirectory()) return void (t = Math.max(t, statSync(d).mtimeMs));
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else t = Math.max(t, statSync(p).mtimeMs);
    }
  };
  dirs.forEach((d) => walk(join(root, d)));
  return t;
}

const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);

/** Newest time among the files the last bundle was built from (all sources when unknown). */
function newestInput(bundle) {
  const list = join(bundle, '../inputs.json');
  if (!existsSync(list)) return Infinity;
  return Math.max(
    mtime(join(root, 'packages/server/src/store/sqlite-writer.worker.mjs')),
    ...JSON.parse(readFileSync(list, 'utf8')).map((f) => (existsSync(f) ? mtime(f) : Infinity)),
  );
}

export async function buildAll({ quiet = false, web: withWeb = true } = {}) {
  const log = (m) => quiet || process.stdout.write(m + '\n');
  const bundle = join(root, 'packages/cli/dist/tessera.mjs');
  if (force || mtime(bundle) < newestInput(bundle)) {
    const deps = new Set();
    for (const p of ['core', 'server', 'cli']) {
      const pkg = JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8'));
      for (const d of Object.keys(pkg.dependencies ?? {}))
        if (!d.startsWith('@tessera/')) deps.add(d);
    }
    const result = await build({
      metafile: true,
      entryPoints: [join(root, 'packages/cli/src/main.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      external: [...deps].flatMap((d) => [d, `${d}/*`]),
      logLevel: 'warning',
    });
    // The sources the bundle was made from: the launcher compares their times with the bundle's.
    const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules'));
    writeFileSync(
      join(root, 'packages/cli/dist/inputs.json'),
      JSON.stringify(inputs.map((f) => join(root, f))),
    );
    log('Built packages/cli/dist/tessera.mjs');
  }
  const web = join(root, 'packages/web');
  const webOut = join(web, 'dist/index.html');
  if (
    withWeb &&
    existsSync(join(web, 'index.html')) &&
    (force ||
      mtime(webOut) <
        newest(['packages/web/src', 'packages/web/index.html', 'packages/core/src/format']))
  ) {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: web, stdio: 'inherit' },
    );
    log('Built packages/web/dist');
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  await buildAll({ web: !process.argv.includes('--no-web') });
