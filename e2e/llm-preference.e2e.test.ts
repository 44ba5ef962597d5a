import { describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginInBrowser, newPage, screenshot, type TestServer } from './harness.ts';
import { useServerAndBrowser } from './lifecycle.ts';
import { createProjectFromTemplate, waitForTask } from './ui-helpers.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

type R = { type: string; value: Record<string, unknown> };

describe('LLM response judgements', () => {
  it('records a pairwise preference with a reason, by keyboard, with the dialogue shown', async () => {
    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-pairwise')));
    await loginInBrowser(page, server);
    const projectId = await createProjectFromTemplate(page, 'llm-pairwise', 'Preferences');
    await server.api.importTasks(projectId, [
      {
        dialogue: [
          { role: 'system', content: 'You are a concise assistant.' },
          { role: 'user', content: '用一句话介绍长城。' },
        ],
        responses: [
          { id: 'a', model: 'model-x', text: '长城。' },
          {
            id: 'b',
            model: 'model-y',
            text: '长城是中国古代修建的军事防御工程，总长度超过两万公里。',
          },
        ],
      },
    ]);
    await page.click('[data-testid="start-labeling"]');
    const taskId = await waitForTask(page);
    await page.waitForSelector('[data-testid="pairwise-preference"]:focus');
    expect(await page.textContent('.dialogue')).toContain('用一句话介绍长城。');
    await page.keyboard.press('2'); // B is better
    await page.keyboard.press('Tab'); // to the reason box
    await page.keyboard.type('B 更完整、信息准确。');
    await page.waitForTimeout(900);
    await screenshot(page, 'editor-pairwise');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="all-done"]');

    const ann = (await server.api.task(projectId, taskId)).annotations.find(
      (a) => a.status === 'submitted',
    )!;
    const regions = ann.regions as unknown as R[];
    expect(regions.find((r) => r.type === 'pairwise')!.value).toEqual({ choice: 'b' });
    expect(regions.find((r) => r.type === 'text')!.value).toEqual({
      text: ['B 更完整、信息准确。'],
    });
  });

  it('ranks responses with Shift+arrows and rates a dialogue with digit keys', async () => {
    const { TEMPLATES } = await import('../packages/web/src/schema/templates.ts');
    const ranking = TEMPLATES.find((t) => t.id === 'llm-ranking')!;
    const quality = TEMPLATES.find((t) => t.id === 'dialogue-quality')!;
    const rp = await server.api.createProject('Ranking', ranking.schema);
    await server.api.importTasks(rp.id, ranking.samples);
    const qp = await server.api.createProject('Dialogue quality', quality.schema);
    await server.api.importTasks(qp.id, quality.samples);
    const page = await newPage(browser, server.url);
    await loginInBrowser(page, server);

    await page.goto(`/projects/${rp.id}/label`);
    const rankTask = await waitForTask(page);
    await page.waitForSelector('[data-rank-key]:focus');
    await page.keyboard.press('ArrowDown'); // focus the second response
    await page.keyboard.press('ArrowDown'); // the third
    await page.keyboard.press('Shift+ArrowUp'); // move it up
    await page.keyboard.press('Shift+ArrowUp'); // to the top
    await screenshot(page, 'editor-ranking');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="all-done"]');
    const rank = (await server.api.task(rp.id, rankTask)).annotations.find(
      (a) => a.origin === 'human',
    )!.regions as unknown as R[];
    expect(rank[0]!.value).toEqual({ order: ['r3', 'r1', 'r2'] });

    await page.goto(`/projects/${qp.id}/label`);
    const qTask = await waitForTask(page);
    await page.waitForSelector('[data-testid="rating-overall"]:focus');
    await page.keyboard.press('4');
    await page.keyboard.press('w'); // factual_error
    await screenshot(page, 'editor-dialogue-quality');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="all-done"]');
    const q = (await server.api.task(qp.id, qTask)).annotations.find((a) => a.origin === 'human')!
      .regions as unknown as R[];
    expect(q.map((r) => r.value)).toEqual(
      expect.arrayContaining([{ rating: 4 }, { choices: ['factual_error'] }]),
    );
  });
});
