import { describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { ApiHelper, loginInBrowser, newPage, screenshot, type TestServer } from './harness.ts';
import { useServerAndBrowser } from './lifecycle.ts';
import { waitForTask } from './ui-helpers.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

const TEXT = '张伟在北京工作。';
const span = (id: string, start: number, end: number, label: string) => ({
  id,
  control: 'entities',
  type: 'span',
  value: { start, end, labels: [label] },
});

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

describe('review', () => {
  it('shows annotators side by side with their differences, accepts one, rejects one with a reason, and the rework reaches the annotator', async () => {
    const { TEMPLATES } = await import('../packages/web/src/schema/templates.ts');
    const schema = TEMPLATES.find((t) => t.id === 'ner-relations')!.schema;
    const project = await server.api.req<{ id: number }>('POST', '/api/projects', {
      name: 'Review NER',
      schema,
      settings: { overlap: 2 },
    });
    await server.api.importTasks(project.id, [{ text: TEXT }]);
    const [task] = await server.api.tasks(project.id);
    const alice = await annotator(project.id, 'alice');
    const bob = await annotator(project.id, 'bob');
    const submit = (api: ApiHelper, regions: unknown[]) =>
      api.req('POST', `/api/projects/${project.id}/tasks/${task!.id}/annotations`, {
        regions,
        status: 'submitted',
      });
    await submit(alice, [span('a1', 0, 2, 'PER'), span('a2', 3, 5, 'LOC')]);
    await submit(bob, [span('b1', 0, 2, 'PER'), span('b2', 3, 5, 'ORG')]);

    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-review')));
    await loginInBrowser(page, server);
    await page.goto(`/projects/${project.id}`);
    await page.click('[data-testid="open-review"]');
    await page.waitForSelector('[data-testid="review-column"]');
    await expect.poll(() => page.locator('[data-testid="review-column"]').count()).toBe(2);
    const first = page.locator('[data-testid="review-column"]').nth(0);
    const second = page.locator('[data-testid="review-column"]').nth(1);
    expect(await first.locator('li.agree-all').count()).toBe(1); // PER agreed
    expect(await first.locator('li.agree-none').count()).toBe(1); // LOC only here
    await screenshot(page, 'review-side-by-side');

    // Keyboard: Ctrl+Enter accepts the active (first) column.
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => first.textContent()).toContain('Accepted');
    // Reject the second with a reason (Ctrl+Shift+X on the active column).
    await second.click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+Shift+X');
    await page.fill('[data-testid="reject-dialog"] textarea', 'ORG is wrong: 北京 is a place.');
    await page.click('[data-testid="confirm-reject"]');
    await expect
      .poll(async () => (await server.api.task(project.id, task!.id)).task.status)
      .toBe('rejected');

    // Bob sees the rework with the reason, fixes the label and resubmits.
    const bobPage = await newPage(browser, server.url);
    await bobPage.goto('/');
    await bobPage.fill('input[name="username"]', 'bob');
    await bobPage.fill('input[name="password"]', 'bob-Secret-123');
    await bobPage.press('input[name="password"]', 'Enter');
    await bobPage.waitForSelector('[data-testid="project-card"]');
    await bobPage.goto(`/projects/${project.id}`);
    await bobPage.click('[data-testid="open-rework"]');
    await expect.poll(() => bobPage.locator('[data-testid="task-row"]').count()).toBe(1);
    await bobPage.locator('[data-testid="task-row"]').first().click();
    await waitForTask(bobPage);
    expect(await bobPage.textContent('[data-testid="rework-banner"]')).toContain('北京 is a place');
    await bobPage.locator('[data-testid="region-list"] li', { hasText: 'ORG' }).click();
    await bobPage.keyboard.press('3'); // relabel the selected span LOC
    await screenshot(bobPage, 'editor-rework');
    await bobPage.keyboard.press('Control+Enter');
    await expect
      .poll(async () =>
        (await server.api.task(project.id, task!.id)).annotations
          .filter((a) => a.origin === 'human')
          .map((a) => a.status)
          .sort(),
      )
      .toEqual(['accepted', 'submitted']);

    // The reviewer accepts the rework; the export carries both accepted annotations.
    const reworked = (
      (await server.api.task(project.id, task!.id)).annotations as unknown as {
        id: number;
        version: number;
        origin: string;
        status: string;
      }[]
    ).find((a) => a.origin === 'human' && a.status === 'submitted')!;
    await server.api.req('POST', `/api/projects/${project.id}/annotations/${reworked.id}/review`, {
      decision: 'accept',
      version: reworked.version,
    });
    // One task, so the JSONL export is one JSON line.
    const exported = await server.api.req<{
      annotations: {
        origin: string;
        status: string;
        regions: { value: { labels?: string[] } }[];
      }[];
    }>('GET', `/api/projects/${project.id}/export?format=jsonl`);
    const human = exported.annotations.filter((a) => a.origin === 'human');
    expect(human.map((a) => a.status)).toEqual(['accepted', 'accepted']);
    expect(human.flatMap((a) => a.regions.flatMap((r) => r.value.labels ?? []))).toContain('LOC');
  });
});
