import { describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { newPage, screenshot, type TestServer } from './harness.ts';
import { useServerAndBrowser } from './lifecycle.ts';
import { createProjectFromTemplate, waitForTask } from './ui-helpers.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

describe('zh-CN', () => {
  it('runs the whole flow in Chinese for a zh-CN browser, and remembers a switch to English', async () => {
    const page = await newPage(browser, server.url, 'zh-CN');
    onTestFailed(async () => void (await screenshot(page, 'failed-zh')));
    await page.goto('/');
    await page.waitForSelector('input[name="username"]');
    expect(await page.textContent('button[type="submit"]')).toBe('登录');
    await screenshot(page, 'zh-login');
    await page.fill('input[name="username"]', server.username);
    await page.fill('input[name="password"]', server.password);
    await page.press('input[name="password"]', 'Enter');
    await page.waitForSelector('[data-testid="new-project"]');
    expect(await page.textContent('h1')).toBe('项目');

    await page.click('[data-testid="new-project"]');
    await page.waitForSelector('[data-testid="template-ner-relations"]');
    expect(await page.textContent('body')).toContain('命名实体与关系');
    await page.click('[data-testid="template-ner-relations"]');
    await screenshot(page, 'zh-new-project');
    await page.goBack();
    const projectId = await createProjectFromTemplate(page, 'ner-relations', '新闻实体标注');
    await server.api.importTasks(projectId, [{ text: '王芳是华为公司的工程师。' }]);
    await page.reload();
    expect(await page.textContent('[data-testid="start-labeling"]')).toBe('开始标注');
    await expect.poll(() => page.textContent('[data-testid="task-table"]')).toContain('新建');
    await screenshot(page, 'zh-data-manager');

    await page.click('[data-testid="start-labeling"]');
    const taskId = await waitForTask(page);
    await page.waitForSelector('[data-testid="text-text"]:focus');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('1'); // 王芳 PER
    for (let i = 0; i < 1; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('2'); // 华为公司 ORG
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid="shortcut-help"] h3');
    expect(await page.textContent('[data-testid="shortcut-help"]')).toContain(
      '提交并进入下一个任务',
    );
    await screenshot(page, 'zh-shortcut-help');
    await page.keyboard.press('Escape');
    await screenshot(page, 'zh-editor');
    expect(await page.textContent('[data-testid="submit"]')).toContain('提交');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="all-done"]');
    expect(await page.textContent('[data-testid="all-done"] h1')).toBe('全部完成！');
    const ann = (await server.api.task(projectId, taskId)).annotations.find(
      (a) => a.status === 'submitted',
    )!;
    expect(ann.regions.map((r) => (r.value as { text: string }).text)).toEqual([
      '王芳',
      '华为公司',
    ]);

    // Switch to English: remembered across a reload although the browser says zh-CN.
    await page.goto('/');
    await page.selectOption('[data-testid="language-switch"]', 'en');
    expect(await page.textContent('h1')).toBe('Projects');
    await page.reload();
    await page.waitForSelector('[data-testid="new-project"]');
    expect(await page.textContent('h1')).toBe('Projects');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });
});
