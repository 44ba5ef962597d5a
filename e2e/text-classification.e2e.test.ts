import { describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginInBrowser, newPage, screenshot, type TestServer } from './harness.ts';
import { useServerAndBrowser } from './lifecycle.ts';
import { createProjectFromTemplate, waitForTask } from './ui-helpers.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

type Choice = { type: string; value: { choices?: string[] } };

/** A project of its own per test, so leases and task lists never leak between tests. */
async function freshProject(name: string, texts: string[]): Promise<{ id: number }> {
  const { TEMPLATES } = await import('../packages/web/src/schema/templates.ts');
  const project = await server.api.createProject(name, TEMPLATES[0]!.schema);
  await server.api.importTasks(
    project.id,
    texts.map((text) => ({ text })),
  );
  return project;
}

describe('text classification', () => {
  it('logs in, creates a project from the template, and labels three tasks by keyboard only', async () => {
    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-classification')));
    await loginInBrowser(page, server);
    const projectId = await createProjectFromTemplate(page, 'text-classification', 'Reviews');
    await server.api.importTasks(projectId, [
      { text: 'Great battery!' },
      { text: '太慢了，很失望。' },
      { text: 'It arrived on Tuesday.' },
    ]);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="task-row"]').count()).toBe(3);
    await screenshot(page, 'data-manager');

    await page.click('[data-testid="start-labeling"]');
    let task = await waitForTask(page);
    const seen = [task];
    for (const key of ['1', '2', '3']) {
      await page.keyboard.press(key);
      await expect.poll(() => page.locator('[aria-checked="true"]').count()).toBe(1);
      if (key === '1') await screenshot(page, 'editor-classification');
      await page.keyboard.press('Control+Enter');
      if (key !== '3') {
        task = await waitForTask(page, task);
        seen.push(task);
      }
    }
    await page.waitForSelector('[data-testid="all-done"]');
    expect(new Set(seen).size).toBe(3);

    const chosen: string[] = [];
    for (const id of seen) {
      const ann = (await server.api.task(projectId, id)).annotations.find(
        (a) => a.status === 'submitted',
      )!;
      chosen.push(...((ann.regions as unknown as Choice[])[0]!.value.choices ?? []));
    }
    expect(chosen).toEqual(['positive', 'negative', 'neutral']);
    expect(page.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('refuses to submit without the required choice and says why', async () => {
    const project = await freshProject('Required', ['Needs a label.']);
    const page = await newPage(browser, server.url);
    await loginInBrowser(page, server);
    await page.goto(`/projects/${project.id}/label`);
    await waitForTask(page);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="submit-problems"]');
    expect(await page.textContent('[data-testid="submit-problems"]')).toContain('sentiment');
    await page.keyboard.press('1');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="all-done"]');
  });

  it('skips a task with Ctrl+Shift+Enter and shows another one', async () => {
    const project = await freshProject('Skipping', ['Skip me.', 'Then me.']);
    const page = await newPage(browser, server.url);
    await loginInBrowser(page, server);
    await page.goto(`/projects/${project.id}/label`);
    const first = await waitForTask(page);
    await page.keyboard.press('Control+Shift+Enter');
    const second = await waitForTask(page, first);
    expect(second).not.toBe(first);
    expect((await server.api.task(project.id, first)).annotations).toEqual([]);
    await page.keyboard.press('3');
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(async () => (await server.api.task(project.id, second)).task.status)
      .toBe('annotated');
  });

  it('keeps work through an expired session: logs in again in a dialog and re-sends the submit', async () => {
    const project = await freshProject('Session', ['Session test.']);
    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-relogin')));
    await loginInBrowser(page, server);
    await page.goto(`/projects/${project.id}/label`);
    const taskId = await waitForTask(page);
    await page.keyboard.press('2');
    await page.context().clearCookies(); // the session is gone
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="relogin-dialog"] input[type="password"]');
    // The work is kept in this browser while the dialog is open.
    const kept = await page.evaluate(() =>
      Object.keys((globalThis as unknown as { localStorage: object }).localStorage).filter((k) =>
        k.startsWith('tessera.'),
      ),
    );
    expect(kept.length).toBeGreaterThan(0);
    await page.fill('[data-testid="relogin-dialog"] input[type="password"]', server.password);
    await page.press('[data-testid="relogin-dialog"] input[type="password"]', 'Enter');
    await page.waitForSelector('[data-testid="all-done"]');
    const ann = (await server.api.task(project.id, taskId)).annotations.filter(
      (a) => a.status === 'submitted' && a.origin === 'human',
    );
    expect(ann).toHaveLength(1);
    expect((ann[0]!.regions as unknown as Choice[])[0]!.value.choices).toEqual(['negative']);
  });

  it('shows both versions on a 409 and lets the user keep theirs', async () => {
    const project = await freshProject('Conflict', ['Conflict test.']);
    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-conflict')));
    await loginInBrowser(page, server);
    await page.goto(`/projects/${project.id}/label`);
    const taskId = await waitForTask(page);
    await page.keyboard.press('1');
    await page.waitForSelector('[data-testid="save-state"].save-saved');
    // Another tab (same user, through the API) saves a newer version.
    const draft = (await server.api.task(project.id, taskId)).annotations[0]! as unknown as {
      id: number;
      version: number;
    };
    await server.api.req('PATCH', `/api/projects/${project.id}/annotations/${draft.id}`, {
      version: draft.version,
      status: 'draft',
      regions: [
        { id: 'other', control: 'sentiment', type: 'choice', value: { choices: ['neutral'] } },
      ],
    });
    await page.keyboard.press('2');
    await page.waitForSelector('[data-testid="conflict-dialog"]');
    await screenshot(page, 'editor-conflict');
    expect(await page.textContent('[data-testid="conflict-dialog"]')).toContain('neutral');
    await page.click('[data-testid="keep-mine"]');
    await page.waitForSelector('[data-testid="save-state"].save-saved');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="all-done"]');
    const ann = (await server.api.task(project.id, taskId)).annotations.find(
      (a) => a.status === 'submitted',
    )!;
    expect((ann.regions as unknown as Choice[])[0]!.value.choices).toEqual(['negative']);
  });

  it('filters, pages with the keyset cursor, and bulk-deletes in the data manager', async () => {
    const project = await freshProject(
      'Bulk',
      Array.from({ length: 55 }, (_, i) => `bulk ${i}`),
    );
    const page = await newPage(browser, server.url);
    await loginInBrowser(page, server);
    await page.goto(`/projects/${project.id}`);
    await expect.poll(() => page.locator('[data-testid="task-row"]').count()).toBe(50);
    const total = (await server.api.tasks(project.id)).length;
    await page.click('[data-testid="next-page"]');
    await expect.poll(() => page.locator('[data-testid="task-row"]').count()).toBe(total - 50);
    await page.selectOption('[data-testid="filter-status"]', 'new');
    await expect.poll(() => page.locator('[data-testid="task-row"]').count()).toBe(50);
    const before = (await server.api.tasks(project.id)).length;
    await page.locator('[data-testid="task-row"] input[type="checkbox"]').nth(0).check();
    await page.locator('[data-testid="task-row"] input[type="checkbox"]').nth(1).check();
    await page.waitForSelector('[data-testid="bulk-bar"]');
    await page.click('[data-testid="bulk-delete"]');
    await page.click('[data-testid="confirm-delete"]');
    await expect.poll(async () => (await server.api.tasks(project.id)).length).toBe(before - 2);
  });
});
