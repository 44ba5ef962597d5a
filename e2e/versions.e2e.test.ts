import { describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ApiHelper, loginInBrowser, newPage, screenshot, type TestServer } from './harness.ts';
import { useServerAndBrowser } from './lifecycle.ts';
import { fullScreenshot } from './ui-helpers.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

type Sentiment = 'positive' | 'negative' | 'neutral';

const choice = (label: Sentiment) => [
  { id: 'c1', control: 'sentiment', type: 'choice', value: { choices: [label] } },
];

/** Creates an annotator on the project and logs them in. */
async function annotator(projectId: number, name: string): Promise<ApiHelper> {
  const password = `${name}-Secret-123`;
  const user = await server.api.req<{ id: number }>('POST', '/api/users', {
    username: name,
    password,
  });
  await server.api.req('PUT', `/api/projects/${projectId}/members/${user.id}`, {
    role: 'annotator',
  });
  const api = new ApiHelper(server.url);
  await api.login(name, password);
  return api;
}

/** The annotator labels a task; returns the annotation (for the review that accepts it). */
function label(api: ApiHelper, projectId: number, taskId: number, l: Sentiment) {
  return api.req<{ id: number; version: number }>(
    'POST',
    `/api/projects/${projectId}/tasks/${taskId}/annotations`,
    { regions: choice(l), status: 'submitted', lead_time_ms: 5000 },
  );
}

function accept(projectId: number, a: { id: number; version: number }) {
  return server.api.req('POST', `/api/projects/${projectId}/annotations/${a.id}/review`, {
    decision: 'accept',
    version: a.version,
  });
}

/** Creates a version through the form and waits until it is listed. */
async function createVersion(page: Page, name: string, expectRows: number): Promise<void> {
  await page.fill('input[name="version-name"]', name);
  await page.click('[data-testid="create-version"]');
  await expect
    .poll(() => page.locator('[data-testid="version-row"]').count(), { timeout: 60_000 })
    .toBe(expectRows);
}

/** Console errors other than the 401 of the session probe before logging in. */
function appErrors(page: Page & { errors: string[] }): string[] {
  return page.errors.filter((e) => !e.includes('401'));
}

describe('dataset versions', () => {
  it('creates two versions and shows what changed between them, by task and by label', async () => {
    const { TEMPLATES } = await import('../packages/web/src/schema/templates.ts');
    const schema = TEMPLATES.find((t) => t.id === 'text-classification')!.schema;
    const project = await server.api.req<{ id: number }>('POST', '/api/projects', {
      name: 'Versioned reviews',
      schema,
    });
    await server.api.importTasks(project.id, [
      { text: 'Loved it.' },
      { text: '质量一般。' },
      { text: 'Arrived broken.' },
      { text: 'It is a phone.' },
    ]);
    const [t1, t2, t3, t4] = (await server.api.tasks(project.id)).sort((a, b) => a.id - b.id);
    const erin = await annotator(project.id, 'erin');
    await accept(project.id, await label(erin, project.id, t1!.id, 'positive'));
    await accept(project.id, await label(erin, project.id, t2!.id, 'neutral'));
    await accept(project.id, await label(erin, project.id, t3!.id, 'negative'));
    // Task 4 is labelled but not accepted yet: version 1 holds it without annotations.
    const pending = await label(erin, project.id, t4!.id, 'neutral');

    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-versions')));
    await loginInBrowser(page, server);
    await page.goto(`/projects/${project.id}`);
    await page.click('[data-testid="open-versions"]');
    await page.waitForURL(/\/versions$/);
    await page.waitForSelector('[data-testid="version-list"]');
    await createVersion(page, 'v1 baseline', 1);

    // Between the versions: task 4 accepted (changed), task 3 deleted (removed), two new
    // tasks labelled and accepted (added).
    await accept(project.id, pending);
    await server.api.req('DELETE', `/api/projects/${project.id}/tasks/${t3!.id}`);
    await server.api.importTasks(project.id, [
      { text: 'Best purchase ever.' },
      { text: '还行吧。' },
    ]);
    const added = (await server.api.tasks(project.id)).filter((t) => t.id > t4!.id);
    expect(added).toHaveLength(2);
    await accept(project.id, await label(erin, project.id, added[0]!.id, 'positive'));
    await accept(project.id, await label(erin, project.id, added[1]!.id, 'neutral'));
    await createVersion(page, 'v2 more data', 2);

    // The diff of the two newest versions shows by default (older → newer).
    await page.waitForSelector('[data-testid="diff-summary"]');
    const tile = (kind: string) =>
      page.locator(`[data-testid="diff-${kind}"] .qc-tile-value`).textContent();
    expect(await tile('added')).toBe('2');
    expect(await tile('removed')).toBe('1');
    expect(await tile('changed')).toBe('1');
    expect(await tile('unchanged')).toBe('2');
    const rows = page.locator('[data-testid="label-change-row"]');
    const byLabel = Object.fromEntries(
      (await rows.allTextContents()).map((r) => [r.match(/^(positive|negative|neutral)/)![1], r]),
    );
    expect(byLabel.neutral).toMatch(/^neutral\+2/); // task 4 and a new one
    expect(byLabel.negative).toMatch(/^negative0−1/); // task 3 removed
    expect(byLabel.positive).toMatch(/^positive\+1/);
    const example = page
      .locator('[data-testid="diff-added"] [data-testid="diff-task-link"]')
      .first();
    expect(await example.getAttribute('href')).toBe(
      `/projects/${project.id}/label/${added[0]!.id}`,
    );
    expect(page.url()).not.toContain('from='); // the default pair needs no parameters
    const download = page.locator('[data-testid="version-row"] a[download]').first();
    expect(await download.getAttribute('href')).toMatch(
      new RegExp(`^/api/projects/${project.id}/versions/\\d+/download$`),
    );
    await screenshot(page, 'versions');
    await fullScreenshot(page, 'versions-full');

    // Swap the direction: the same changes, mirrored, and the pair goes into the address.
    await page.click('.diff-swap');
    await expect.poll(() => tile('added')).toBe('1');
    expect(await tile('removed')).toBe('2');
    expect(page.url()).toMatch(/from=\d+&to=\d+/);
    expect(appErrors(page)).toEqual([]);

    const zh = await newPage(browser, server.url, 'zh-CN');
    await loginInBrowser(zh, server);
    await zh.goto(`/projects/${project.id}/versions`);
    await zh.waitForSelector('[data-testid="diff-summary"]');
    expect(await zh.textContent('h1')).toBe('数据集版本');
    expect(await zh.textContent('[data-testid="version-diff"] h2')).toBe('版本对比');
    await fullScreenshot(zh, 'versions-zh-full');
    expect(appErrors(zh)).toEqual([]);
  });
});
