import { describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ApiHelper, loginInBrowser, newPage, screenshot, type TestServer } from './harness.ts';
import { useServerAndBrowser } from './lifecycle.ts';
import { fullScreenshot, selectTextWithMouse, waitForTask } from './ui-helpers.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

type Sentiment = 'positive' | 'negative' | 'neutral';

const TEXTS = [
  'The battery lasts two full days.',
  '快递太慢了，包装也破了。',
  'It arrived on Tuesday.',
  'Great screen, great price.',
  'Broke after a week.',
  '非常满意，推荐购买！',
  'The box is blue.',
  'Support never answered.',
];
const TRUTH: Sentiment[] = [
  'positive',
  'negative',
  'neutral',
  'positive',
  'negative',
  'positive',
  'neutral',
  'negative',
];

/** Creates a user, makes them a member (annotator by default, in a group) and logs them in. */
async function member(
  projectId: number,
  name: string,
  group: string,
  role = 'annotator',
): Promise<ApiHelper> {
  const password = `${name}-Secret-123`;
  const users = await server.api.req<
    { id: number; username: string }[] | { items: { id: number; username: string }[] }
  >('GET', '/api/users');
  const list = Array.isArray(users) ? users : users.items;
  const user =
    list.find((u) => u.username === name) ??
    (await server.api.req<{ id: number }>('POST', '/api/users', { username: name, password }));
  await server.api.req('PUT', `/api/projects/${projectId}/members/${user.id}`, { role, group });
  const api = new ApiHelper(server.url);
  await api.login(name, password);
  return api;
}

const choice = (label: Sentiment) => [
  { id: 'c1', control: 'sentiment', type: 'choice', value: { choices: [label] } },
];

/** Console errors other than the 401 of the session probe before logging in. */
function appErrors(page: Page & { errors: string[] }): string[] {
  return page.errors.filter((e) => !e.includes('401'));
}

async function loginAs(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await page.fill('input[name="username"]', name);
  await page.fill('input[name="password"]', `${name}-Secret-123`);
  await page.press('input[name="password"]', 'Enter');
  await page.waitForSelector('[data-testid="project-card"]');
}

describe('quality dashboard', () => {
  it('shows agreement and the error heat map, recomputes, sets a gold answer and judges a custom sample', async () => {
    const { TEMPLATES } = await import('../packages/web/src/schema/templates.ts');
    const schema = TEMPLATES.find((t) => t.id === 'text-classification')!.schema;
    const project = await server.api.req<{ id: number }>('POST', '/api/projects', {
      name: 'Reviews QC',
      schema,
      settings: {
        overlap: 3,
        qc_rules: [
          { kind: 'required', severity: 'block' },
          { kind: 'min_lead_time', severity: 'warn', min_ms: 2000 },
        ],
      },
    });
    await server.api.importTasks(
      project.id,
      TEXTS.map((text) => ({ text })),
    );
    const tasks = (await server.api.tasks(project.id)).sort((a, b) => a.id - b.id);
    const alice = await member(project.id, 'alice', 'Vendor A');
    const bob = await member(project.id, 'bob', 'Vendor A');
    const carol = await member(project.id, 'carol', 'Vendor B');
    const wrong: Record<string, Sentiment> = {
      positive: 'negative',
      negative: 'neutral',
      neutral: 'positive',
    };
    const plans: [ApiHelper, (i: number) => Sentiment, number][] = [
      [alice, (i) => TRUTH[i]!, 8000],
      [bob, (i) => (i === 2 ? wrong[TRUTH[i]!]! : TRUTH[i]!), 8000],
      // Carol is careless: three wrong, and too fast (a min_lead_time warning on each submit).
      [carol, (i) => ([1, 4, 6].includes(i) ? wrong[TRUTH[i]!]! : TRUTH[i]!), 500],
    ];
    for (const [api, label, lead] of plans)
      for (const [i, task] of tasks.entries())
        await api.req('POST', `/api/projects/${project.id}/tasks/${task.id}/annotations`, {
          regions: choice(label(i)),
          status: 'submitted',
          lead_time_ms: lead,
        });

    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-quality')));
    await loginInBrowser(page, server);

    // Gold answer from the editor: the manager labels task 1 positive and keeps it as gold.
    await page.goto(`/projects/${project.id}/label/${tasks[0]!.id}`);
    await waitForTask(page);
    await page.keyboard.press('1');
    await page.click('[data-testid="set-gold"]');
    await page.waitForSelector('.toast-success');

    // The dashboard, from the project page.
    await page.goto(`/projects/${project.id}`);
    await page.click('[data-testid="open-quality"]');
    await page.waitForURL(/\/quality$/);
    await page.waitForSelector('[data-testid="agreement-chart"] svg circle');
    expect(
      await page
        .locator('[data-testid="agreement-chart"] polyline, [data-testid="agreement-chart"] circle')
        .count(),
    ).toBeGreaterThan(0);
    // Before a recompute there is no consensus model yet.
    expect(await page.textContent('[data-testid="qc-summary"]')).toContain('Recompute');

    await page.click('[data-testid="recompute"]');
    await page.waitForSelector('[data-testid="error-heat-map"] svg .chart-cell', {
      timeout: 60_000,
    });
    await expect.poll(() => page.locator('[data-testid="annotator-row"]').count()).toBe(3);
    const heat = page.locator('[data-testid="error-heat-map"] .chart-cell');
    expect(await heat.count()).toBe(9); // 3 annotators × 3 labels
    // Carol's row (rows are annotators) has errors; alice's has none.
    const heatTitles = await heat.locator('title').allTextContents();
    expect(heatTitles.some((x) => x.startsWith('carol') && !x.includes(': 0 of'))).toBe(true);
    expect(await page.textContent('[data-testid="qc-summary"]')).toMatch(/0\.\d{3}/);
    // Gold accuracy is measured on the one gold task.
    const aliceRow = page.locator('[data-testid="annotator-row"]', { hasText: 'alice' });
    expect(await aliceRow.textContent()).toContain('1/1');
    await aliceRow.getByRole('button').click();
    await page.waitForSelector('[data-testid="confusion-grid"] .chart-cell');
    expect(await page.locator('[data-testid="confusion-grid"] .chart-cell').count()).toBe(9);

    // Rule findings: Carol's fast submits, each linking to its task in the editor.
    await expect.poll(() => page.locator('[data-testid="finding-row"]').count()).toBe(8);
    const link = page.locator('[data-testid="finding-task-link"]').first();
    expect(await link.getAttribute('href')).toMatch(
      new RegExp(`^/projects/${project.id}/label/\\d+$`),
    );
    await page.selectOption('[data-testid="findings-severity"]', 'block');
    await expect.poll(() => page.locator('[data-testid="finding-row"]').count()).toBe(0);
    await page.selectOption('[data-testid="findings-severity"]', '');
    await expect.poll(() => page.locator('[data-testid="finding-row"]').count()).toBe(8);
    await screenshot(page, 'quality-dashboard');
    await fullScreenshot(page, 'quality-dashboard-full');

    // Acceptance sampling: a custom plan of 4 tasks at 90 %, judged 3 pass + 1 fail → rejected.
    const status = (await server.api.tasks(project.id))[0]!.status;
    await page.selectOption('[data-testid="sample-form"] select[name="plan"]', 'custom');
    await page.fill('[data-testid="sample-form"] input[name="n"]', '4');
    await page.fill('[data-testid="sample-form"] input[name="pass_rate"]', '90');
    await page.selectOption('[data-testid="sample-form"] select[name="status"]', status);
    await page.click('[data-testid="create-sample"]');
    await page.waitForSelector('[data-testid="sample-view"]');
    expect(page.url()).toMatch(/[?&]sample=\d+/);
    const items = page.locator('[data-testid="sample-item"]');
    expect(await items.count()).toBe(4);
    expect(await page.textContent('[data-testid="sample-verdict"]')).toBe('More items needed');
    for (let i = 0; i < 4; i++) {
      await items
        .nth(i)
        .locator(i === 3 ? '[data-testid="judge-fail"]' : '[data-testid="judge-pass"]')
        .click();
      await expect
        .poll(() => page.textContent('[data-testid="sample-progress"]'))
        .toContain(`${i + 1} of 4`);
    }
    expect(await page.textContent('[data-testid="sample-verdict"]')).toBe('Batch rejected');
    await page.locator('[data-testid="qc-sampling"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'quality-sampling');
    // The verdict is the server's: reload the shared link and it is still there.
    await page.reload();
    await page.waitForSelector('[data-testid="sample-view"]');
    expect(await page.textContent('[data-testid="sample-verdict"]')).toBe('Batch rejected');
    expect(appErrors(page)).toEqual([]);

    // The same dashboard in Chinese.
    const zh = await newPage(browser, server.url, 'zh-CN');
    await loginInBrowser(zh, server);
    await zh.goto(`/projects/${project.id}/quality`);
    await zh.waitForSelector('[data-testid="error-heat-map"] svg .chart-cell');
    expect(await zh.textContent('h1')).toBe('质量控制');
    await screenshot(zh, 'quality-dashboard-zh');
    await fullScreenshot(zh, 'quality-dashboard-zh-full');
    expect(appErrors(zh)).toEqual([]);
  });

  it('shows a refused submit’s findings beside the region, and warnings after a submit as a notice', async () => {
    const { TEMPLATES } = await import('../packages/web/src/schema/templates.ts');
    const schema = TEMPLATES.find((t) => t.id === 'ner-relations')!.schema;
    const project = await server.api.req<{ id: number }>('POST', '/api/projects', {
      name: 'NER QC',
      schema,
      settings: {
        qc_rules: [
          { kind: 'span_token_boundary', severity: 'block' },
          // Every submit in a test is fast: a warning each time.
          { kind: 'min_lead_time', severity: 'warn', min_ms: 600_000 },
        ],
      },
    });
    await server.api.importTasks(project.id, [
      { text: 'Marie Curie worked in Paris.' },
      { text: 'Ada Lovelace lived in London.' },
    ]);
    await member(project.id, 'dave', 'Team 1');

    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-quality-editor')));
    await loginAs(page, 'dave');
    await page.goto(`/projects/${project.id}/label`);
    const first = await waitForTask(page);
    const text = await page.textContent('[data-testid="text-text"] .text-content');
    const marie = text!.startsWith('Marie');
    // A span that stops inside a word ("Mari" / "Ad").
    await selectTextWithMouse(page, 'text', 0, marie ? 4 : 2);
    await page.keyboard.press('1');
    await expect.poll(() => page.locator('[data-testid="region-list"] li').count()).toBe(1);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="qc-blocked"]');
    expect(await page.textContent('[data-testid="qc-blocked"]')).toContain('inside the word');
    expect(
      await page.textContent('[data-testid="region-list"] [data-testid="region-findings"]'),
    ).toContain('inside the word');
    await screenshot(page, 'editor-qc-blocked');

    // Fix it: delete the span, label the whole word, submit → stored with a warning.
    await page.locator('[data-testid="region-list"] li button').click();
    await selectTextWithMouse(page, 'text', 0, marie ? 5 : 3);
    await page.keyboard.press('1');
    await page.keyboard.press('Control+Enter');
    const second = await waitForTask(page, first);
    expect(second).not.toBe(first);
    await page.waitForSelector('[data-testid="qc-warnings"]');
    expect(await page.textContent('[data-testid="qc-warnings"]')).toContain(`#${first}`);
    await screenshot(page, 'editor-qc-warnings');
    await page.click('[data-testid="qc-warnings"] .icon-button');
    expect(await page.locator('[data-testid="qc-warnings"]').count()).toBe(0);
    // The 422 of the refused submit is expected; nothing else may fail.
    expect(appErrors(page).filter((e) => !e.includes('status of 422'))).toEqual([]);
  });
});
