import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginInBrowser, newPage, screenshot, type TestServer } from './harness.ts';
import { useServerAndBrowser } from './lifecycle.ts';
import { waitForTask } from './ui-helpers.ts';

const XSS = '<img src=x onerror=alert(1)>';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

describe('rendering untrusted text', () => {
  it('shows markup in task text, labels and project names as text, and fires no script', async () => {
    const project = await server.api.createProject(`Project ${XSS}`, {
      version: 1,
      fields: [
        { name: 'text', type: 'text' },
        { name: 'page', type: 'html' },
      ],
      controls: [
        {
          name: 'kind',
          type: 'choices',
          field: 'text',
          required: true,
          labels: [
            { value: XSS, hotkey: '1' },
            { value: 'plain', hotkey: '2' },
          ],
        },
        {
          name: 'ents',
          type: 'spans',
          field: 'text',
          labels: [{ value: `<b>${XSS}</b>`, hotkey: '3' }],
        },
      ],
    });
    await server.api.importTasks(project.id, [
      {
        text: `Hello ${XSS} world`,
        page: `<p>rich <b>html</b></p>${XSS}<script>alert(2)</script>`,
      },
    ]);
    const page = await newPage(browser, server.url);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await loginInBrowser(page, server);
    expect(await page.textContent('[data-testid="project-card"]')).toContain(XSS);
    await page.goto(`/projects/${project.id}`);
    expect(await page.textContent('[data-testid="project-title"]')).toBe(`Project ${XSS}`);
    expect(await page.textContent('[data-testid="task-table"]')).toContain(`Hello ${XSS} world`);

    await page.click('[data-testid="start-labeling"]');
    const taskId = await waitForTask(page);
    // Label a span over the markup in the text by keyboard: caret to 6, select 28 code points.
    await page.focus('[data-testid="text-text"]');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < XSS.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('3');
    await page.keyboard.press('1');
    await page.waitForTimeout(300);
    await screenshot(page, 'editor-xss');

    expect(await page.textContent('[data-testid="text-text"]')).toContain(`Hello ${XSS} world`);
    expect(await page.textContent('[data-testid="choice-<img src=x onerror=alert(1)>"]')).toContain(
      XSS,
    );
    expect(await page.textContent('[data-testid="region-list"]')).toContain(`<b>${XSS}</b>`);
    // The sanitised HTML field keeps harmless markup and drops the handler and the script.
    expect(await page.locator('.html-field b').count()).toBe(1);
    expect(await page.locator('.html-field script').count()).toBe(0);
    expect(await page.locator('img[onerror]').count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="all-done"]');
    expect(dialogs).toEqual([]);

    const ann = (await server.api.task(project.id, taskId)).annotations.find(
      (a) => a.status === 'submitted',
    )!;
    const values = ann.regions.map((r) => r.value);
    expect(values).toEqual(
      expect.arrayContaining([
        { choices: [XSS] },
        { start: 6, end: 6 + XSS.length, labels: [`<b>${XSS}</b>`], text: XSS },
      ]),
    );
  });
});
