// The hooks of an e2e file, apart from harness.ts so that the harness (also used by the editor
// bench, outside vitest) imports nothing of vitest.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { closePages, launchBrowser, startServer, type TestServer } from './harness.ts';

/**
 * The life cycle every e2e file shares: one server and one Chromium for the file, every page
 * closed after each test; `use` receives them once both have started.
 *
 * @example
 * let server: TestServer;
 * let browser: Browser;
 * useServerAndBrowser((s, b) => ((server = s), (browser = b)));
 */
export function useServerAndBrowser(use: (server: TestServer, browser: Browser) => void): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    use(server, browser);
  });
  afterEach(closePages);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}
