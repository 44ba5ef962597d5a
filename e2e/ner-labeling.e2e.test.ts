import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginInBrowser, newPage, screenshot, type TestServer } from './harness.ts';
import { useServerAndBrowser } from './lifecycle.ts';
import { createProjectFromTemplate, selectTextWithMouse, waitForTask } from './ui-helpers.ts';

// Code points: 😀=0 张=1 伟=2 在=3 北=4 京=5 的=6 字=7 节=8 跳=9 动=10 工=11 作=12 。=13
const TEXT = '😀张伟在北京的字节跳动工作。';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

type Span = {
  id: string;
  control: string;
  type: string;
  value: Record<string, unknown>;
  prediction_id?: string;
};

describe('Chinese NER with relations', () => {
  it('labels spans by keyboard and mouse, links them, and stores code-point offsets', async () => {
    const page = await newPage(browser, server.url);
    await loginInBrowser(page, server);
    const projectId = await createProjectFromTemplate(page, 'ner-relations', '中文实体 NER');
    await server.api.importTasks(projectId, [{ text: TEXT }]);
    await page.click('[data-testid="start-labeling"]');
    const taskId = await waitForTask(page);
    await page.waitForSelector('[data-testid="text-text"]:focus');

    // Keyboard: step over the emoji (one grapheme), Shift+→ twice selects 张伟, 1 = PER.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('1');
    // Caret is now after 伟 (3): four steps to 字 (7), select four characters, 2 = ORG.
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('2');
    // Mouse: drag over 北京, 3 = LOC.
    await selectTextWithMouse(page, 'text', 4, 6);
    await page.keyboard.press('3');
    await expect.poll(() => page.locator('[data-testid="region-list"] li').count()).toBe(3);

    // Relation PER -> ORG: select PER (Alt+↑ cycles), Alt+R, move to ORG, Enter, 5 = works_for.
    await page.locator('[data-testid="region-list"] li', { hasText: 'PER' }).click();
    await page.keyboard.press('Alt+r');
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('5');
    await expect.poll(() => page.locator('[data-testid="region-list"] li').count()).toBe(4);
    await page.waitForSelector('.relation-label');
    await screenshot(page, 'editor-ner-zh');

    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="all-done"]');

    const detail = await server.api.task(projectId, taskId);
    const ann = detail.annotations.find((a) => a.status === 'submitted' && a.origin === 'human')!;
    const regions = ann.regions as unknown as Span[];
    const spans = regions.filter((r) => r.type === 'span').map((r) => r.value);
    expect(spans).toEqual(
      expect.arrayContaining([
        { start: 1, end: 3, labels: ['PER'], text: '张伟' },
        { start: 7, end: 11, labels: ['ORG'], text: '字节跳动' },
        { start: 4, end: 6, labels: ['LOC'], text: '北京' },
      ]),
    );
    const per = regions.find((r) => (r.value as { text?: string }).text === '张伟')!;
    const org = regions.find((r) => (r.value as { text?: string }).text === '字节跳动')!;
    const rel = regions.find((r) => r.type === 'relation')!;
    expect(rel.value).toEqual({ from: per.id, to: org.id, labels: ['works_for'] });
    expect(page.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('shows model suggestions, accepts them keeping the prediction region ids, and undoes by key', async () => {
    const project = await server.api.projectByName('中文实体 NER');
    await server.api.importTasks(project.id, [{ text: '李娜去了上海。' }]);
    const task = (await server.api.tasks(project.id)).find(
      (t) => t.data.text === '李娜去了上海。',
    )!;
    const pred = await server.api.req<{ id: number }>(
      'POST',
      `/api/projects/${project.id}/tasks/${task.id}/predictions`,
      {
        model: 'ner-online',
        model_version: '1',
        score: 0.9,
        regions: [
          {
            id: 'pred-per',
            control: 'entities',
            type: 'span',
            value: { start: 0, end: 2, labels: ['PER'] },
          },
          {
            id: 'pred-loc',
            control: 'entities',
            type: 'span',
            value: { start: 4, end: 6, labels: ['LOC'] },
          },
        ],
      },
    );
    const page = await newPage(browser, server.url);
    await loginInBrowser(page, server);
    await page.goto(`/projects/${project.id}/label/${task.id}`);
    await page.waitForSelector('[data-testid="suggestions"]');
    expect(await page.locator('[data-testid="suggestions"] li').count()).toBe(2);
    await page.click('[data-testid="text-text"]');
    await page.keyboard.press('Alt+Shift+A');
    await expect.poll(() => page.locator('[data-testid="suggestions"]').count()).toBe(0);
    expect(await page.locator('[data-testid="region-list"] li').count()).toBe(2);
    // Undo brings the suggestions back, redo accepts them again: one step each.
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-testid="suggestions"] li').count()).toBe(2);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => page.locator('[data-testid="region-list"] li').count()).toBe(2);
    await screenshot(page, 'editor-ner-suggestions');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="all-done"]');

    const ann = (await server.api.task(project.id, task.id)).annotations.find(
      (a) => a.status === 'submitted',
    )!;
    const regions = ann.regions as unknown as Span[];
    expect(regions.map((r) => [r.id, r.prediction_id]).sort()).toEqual([
      ['pred-loc', String(pred.id)],
      ['pred-per', String(pred.id)],
    ]);
  });
});
