import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found by walking up from this module until the workspace's package.json.
 * It works the same from the TypeScript sources and from the bundled `tessera` (cli/dist).
 */
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'tessera'
    )
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the Tessera workspace above ${start}`);
    dir = up;
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
/** CC0 / public-domain images for the demo project. */
export const DEMO_IMAGES = join(ROOT, 'packages/server/demo/images');
/** The built web app (vite build). */
export const WEB_DIST = join(ROOT, 'packages/web/dist');
/** The SQLite bulk writer, plain JavaScript so a worker thread can load it without a loader. */
export const SQLITE_WORKER = join(ROOT, 'packages/server/src/store/sqlite-writer.worker.mjs');
