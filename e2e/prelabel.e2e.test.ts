import { describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ApiHelper, loginInBrowser, newPage, screenshot, type TestServer } from './harness.ts';
import { useServerAndBrowser } from './lifecycle.ts';
import { fullScreenshot } from './ui-helpers.ts';
import { zipBuffer } from '../packages/server/test/zip.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

type Sentiment = 'positive' | 'negative';
const choice = (label: Sentiment) => [
  { id: 'c1', control: 'sentiment', type: 'choice', value: { choices: [label] } },
];
const POS = ['great', 'love it', 'excellent', 'works perfectly', '太好了', 'very happy'];
const NEG = ['terrible', 'broken', 'refund please', 'awful', '太差了', 'very disappointed'];
const text = (s: Sentiment, i: number) =>
  s === 'positive'
    ? `Review ${i}: ${POS[i % POS.length]}, ${POS[(i + 2) % POS.length]}.`
    : `Review ${i}: ${NEG[i % NEG.length]}, ${NEG[(i + 3) % NEG.length]}.`;

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

/** The annotator labels tasks and the manager accepts each. */
async function labelAndAccept(
  api: ApiHelper,
  projectId: number,
  items: { id: number; label: Sentiment }[],
): Promise<void> {
  for (const it of items) {
    const a = await api.req<{ id: number; version: number }>(
      'POST',
      `/api/projects/${projectId}/tasks/${it.id}/annotations`,
      { regions: choice(it.label), status: 'submitted', lead_time_ms: 4000 },
    );
    await server.api.req('POST', `/api/projects/${projectId}/annotations/${a.id}/review`, {
      decision: 'accept',
      version: a.version,
    });
  }
}

/** Console errors other than the 401 of the session probe before logging in. */
function appErrors(page: Page & { errors: string[] }): string[] {
  return page.errors.filter((e) => !e.includes('401'));
}

async function retrainInUi(page: Page, expectPoints: number): Promise<void> {
  await page.click(
    '[data-testid="model-row"][data-model="sentiment-clf"] [data-testid="model-retrain"]',
  );
  await expect
    .poll(() => page.locator('[data-testid="learning-curve"] circle.chart-dot').count(), {
      timeout: 60_000,
    })
    .toBe(expectPoints);
}

describe('pre-labeling', () => {
  it('registers an online learner, retrains it, pre-labels with live progress (cancel, reload, resume) and shows the learning curve', async () => {
    const { TEMPLATES } = await import('../packages/web/src/schema/templates.ts');
    const schema = TEMPLATES.find((t) => t.id === 'text-classification')!.schema;
    const project = await server.api.createProject('Product reviews', schema);
    // 40 labelled and 8 gold tasks, then a larger open pool so the job runs long enough to
    // be watched, reloaded and cancelled.
    const labelled = Array.from({ length: 48 }, (_, i) => ({
      text: text(i % 2 ? 'negative' : 'positive', i),
    }));
    await server.api.importTasks(project.id, labelled);
    const pool = Array.from({ length: 3000 }, (_, i) => ({
      text: text(i % 3 ? 'negative' : 'positive', 1000 + i),
    }));
    await server.api.importTasks(project.id, pool);
    const tasks = (await server.api.tasks(project.id)).sort((a, b) => a.id - b.id).slice(0, 48);
    const gold = tasks.slice(40);
    for (const [i, t] of gold.entries())
      await server.api.req('PUT', `/api/projects/${project.id}/tasks/${t.id}/gold`, {
        regions: choice((40 + i) % 2 ? 'negative' : 'positive'),
      });
    const erin = await annotator(project.id, 'erin');
    const lab = (from: number, to: number) =>
      tasks.slice(from, to).map((t, k) => ({
        id: t.id,
        label: ((from + k) % 2 ? 'negative' : 'positive') as Sentiment,
      }));
    await labelAndAccept(erin, project.id, lab(0, 10));

    const page = await newPage(browser, server.url);
    onTestFailed(async () => {
      console.error('page errors:', page.errors);
      await fullScreenshot(page, 'failed-prelabel');
    });
    await loginInBrowser(page, server);
    await page.goto(`/projects/${project.id}`);
    await page.click('[data-testid="open-models"]');
    await page.waitForURL(/\/models$/);
    await page.waitForSelector('[data-testid="model-list"]');

    // Register the model: a bad name is refused beside its field; then a real one, with small
    // batches (advanced settings) so progress moves in many steps.
    await page.click('[data-testid="add-model"]');
    await page.waitForSelector('[data-testid="model-dialog"]');
    await page.fill('input[name="model-name"]', 'bad/name');
    await page.click('[data-testid="model-save"]');
    await page.waitForSelector('[data-testid="model-dialog"] .field-error');
    await page.fill('input[name="model-name"]', 'sentiment-clf');
    await page.selectOption('select[name="setting-tokenizer"]', 'default');
    await page.fill('input[name="setting-retrain_every"]', '0');
    await page.click('.ml-advanced summary');
    await page.fill('input[name="setting-batch_size"]', '2');
    await screenshot(page, 'prelabel-model-form');
    await page.click('[data-testid="model-save"]');
    await page.waitForSelector('[data-testid="model-dialog"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="model-row"][data-model="sentiment-clf"]');
    expect(await page.textContent('[data-testid="prelabel-card"]')).toContain('sentiment-clf');

    // Two retrains on 10 and then 40 accepted labels: two points on the curve.
    await retrainInUi(page, 1);
    await labelAndAccept(erin, project.id, lab(10, 40));
    await retrainInUi(page, 2);
    const accuracy = await page.textContent('[data-testid="model-accuracy"]');
    expect(accuracy).toMatch(/%$/);

    // Pre-label everything; progress arrives over the event stream.
    await page.click('[data-testid="prelabel-start"]');
    await page.waitForSelector('[data-testid="prelabel-job"][data-status="running"]');
    await expect
      .poll(
        async () =>
          Number((await page.textContent('[data-testid="prelabel-done"]'))?.split(' / ')[0]),
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(0);
    await screenshot(page, 'prelabel-running');

    // A reload re-attaches to the running job; cancel it, and resume it.
    await page.reload();
    await page.waitForSelector('[data-testid="prelabel-job"][data-status="running"]', {
      timeout: 20_000,
    });
    await page.click('[data-testid="prelabel-cancel"]');
    await page.waitForSelector('[data-testid="prelabel-job"][data-status="cancelled"]', {
      timeout: 20_000,
    });
    const stoppedAt = await page.textContent('[data-testid="prelabel-done"]');
    expect(await page.textContent('[data-testid="prelabel-summary"]')).toMatch(/Cancelled after/);
    await page.click('[data-testid="prelabel-resume"]');
    await page.waitForSelector('[data-testid="prelabel-job"][data-status="done"]', {
      timeout: 120_000,
    });
    const done = await page.textContent('[data-testid="prelabel-done"]');
    expect(done).not.toBe(stoppedAt);
    const [n, total] = done!.split(' / ').map(Number);
    expect(n).toBe(total);
    expect(total).toBeGreaterThan(3000);
    expect(await page.textContent('[data-testid="prelabel-errors"]')).toBe('0');
    expect(await page.textContent('[data-testid="prelabel-summary"]')).toMatch(/Finished/);
    await page.waitForSelector('[data-testid="learning-curve"] svg');
    await fullScreenshot(page, 'prelabel-done-en');

    // The server agrees: open tasks carry predictions.
    const prelabeled = await server.api.tasks(project.id, '&status=prelabeled');
    expect(prelabeled.length).toBeGreaterThan(0);

    // An experiment and its report.
    await page.fill('input[name="experiment-name"]', 'Pre-labels help?');
    await page.click('[data-testid="experiment-create"]');
    await page.waitForSelector('[data-testid="experiment-report"] [data-testid="measure-gold"]');
    expect(await page.textContent('[data-testid="measure-gold"]')).toMatch(/%|not computed/);
    await fullScreenshot(page, 'prelabel-experiment-en');
    expect(appErrors(page)).toEqual([]);

    // The same page in Chinese.
    const zh = await newPage(browser, server.url, 'zh-CN');
    await loginInBrowser(zh, server);
    await zh.goto(`/projects/${project.id}/models`);
    await zh.waitForSelector('[data-testid="prelabel-job"][data-status="done"]');
    expect(await zh.textContent('h1')).toBe('模型与预标注');
    expect(await zh.textContent('[data-testid="prelabel-status"]')).toBe('已完成');
    await zh.click('[data-testid="experiment-report-open"]');
    await zh.waitForSelector('[data-testid="experiment-report"] [data-testid="measure-gold"]');
    await fullScreenshot(zh, 'prelabel-done-zh');
    expect(appErrors(zh)).toEqual([]);
  });

  it('refuses a model server on a private address, beside the URL field', async () => {
    const { TEMPLATES } = await import('../packages/web/src/schema/templates.ts');
    const schema = TEMPLATES.find((t) => t.id === 'text-classification')!.schema;
    const project = await server.api.createProject('SSRF check', schema);
    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-prelabel-ssrf')));
    await loginInBrowser(page, server);
    await page.goto(`/projects/${project.id}/models`);
    await page.click('[data-testid="add-model"]');
    await page.fill('input[name="model-name"]', 'metadata');
    await page.selectOption('select[name="model-kind"]', 'ls-ml-backend');
    await page.fill('input[name="setting-url"]', 'http://169.254.169.254/latest');
    await page.fill('input[name="model-secret"]', 'sk-never-shown');
    await page.click('[data-testid="model-save"]');
    await page.waitForSelector('[data-testid="model-form-error"]');
    expect(await page.textContent('[data-testid="model-form-error"]')).toMatch(
      /could not be fetched/,
    );
    expect(await page.locator('.field-invalid input[name="setting-url"]').count()).toBe(1);
    await screenshot(page, 'prelabel-ssrf-en');
  });
});

describe('import dialog', () => {
  it('imports a Label Studio export picked as a file, detected by its content, with the refused entry named', async () => {
    const { TEMPLATES } = await import('../packages/web/src/schema/templates.ts');
    const schema = TEMPLATES.find((t) => t.id === 'text-classification')!.schema;
    const project = await server.api.createProject('From Label Studio', schema);
    const result = (label: string) => [
      {
        id: 'r1',
        from_name: 'sentiment',
        to_name: 'text',
        type: 'choices',
        value: { choices: [label] },
      },
    ];
    const lsExport = [
      {
        id: 1,
        data: { text: 'Great phone.' },
        annotations: [{ id: 11, result: result('positive') }],
      },
      {
        id: 2,
        data: { text: '屏幕碎了。' },
        annotations: [{ id: 12, result: result('negative') }],
      },
      {
        id: 3,
        data: { text: 'Meh.' },
        predictions: [{ model_version: 'v1', score: 0.4, result: result('neutral') }],
      },
      {
        id: 4,
        data: { text: 'Unknown label.' },
        annotations: [{ id: 14, result: result('furious') }],
      },
    ];
    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-import-ls')));
    await loginInBrowser(page, server);
    await page.goto(`/projects/${project.id}`);
    await page.click('[data-testid="open-import"]');
    await page.waitForSelector('[data-testid="import-dialog"]');
    await page.setInputFiles('[data-testid="import-file"]', {
      name: 'project-7-at-2026-11-28-04-00-1a2b3c.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(lsExport, null, 2)),
    });
    await page.waitForSelector('[data-testid="import-detected"]');
    expect(await page.textContent('[data-testid="import-detected"]')).toContain(
      'Label Studio JSON',
    );
    expect(await page.inputValue('[data-testid="import-format"]')).toBe('ls');
    await page.click('[data-testid="import-run"]');
    await page.waitForSelector('[data-testid="import-report"]');
    const report = await page.textContent('[data-testid="import-report"]');
    expect(report).toContain('Stored 3');
    expect(report).toContain('failed 1');
    const errors = await page.textContent('[data-testid="import-errors"]');
    expect(errors).toMatch(/Line \d+/);
    expect(errors).toMatch(/furious/);
    await screenshot(page, 'import-ls-en');

    const tasks = await server.api.tasks(project.id);
    expect(tasks.map((t) => t.data.text).sort()).toEqual(['Great phone.', 'Meh.', '屏幕碎了。']);

    // The same dialog in Chinese: the format list and the report.
    const zh = await newPage(browser, server.url, 'zh-CN');
    await loginInBrowser(zh, server);
    await zh.goto(`/projects/${project.id}`);
    await zh.click('[data-testid="open-import"]');
    await zh.setInputFiles('[data-testid="import-file"]', {
      name: 'ner.conll',
      mimeType: 'text/plain',
      buffer: Buffer.from('Great B-X\n\nphone O\n'),
    });
    await zh.waitForSelector('[data-testid="import-detected"]');
    expect(await zh.inputValue('[data-testid="import-format"]')).toBe('conll');
    expect(await zh.textContent('[data-testid="import-hint"]')).toContain('BIO');
    await screenshot(zh, 'import-conll-zh');

    // Stop at the first bad record: what came before it is stored, nothing after it, and the
    // report says so in Chinese.
    await zh.setInputFiles('[data-testid="import-file"]', {
      name: 'stop.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from('{"text":"停止前"}\n{"text": oops}\n{"text":"停止后"}\n'),
    });
    await zh.waitForSelector('[data-testid="import-detected"]');
    await zh.selectOption('[data-testid="import-on-error"]', 'abort');
    await zh.click('[data-testid="import-run"]');
    await zh.waitForSelector('[data-testid="import-summary"]');
    expect(await zh.textContent('[data-testid="import-summary"]')).toContain(
      '导入在第 2 行停止：从该处起均未导入，之前的 1 个新任务已导入',
    );
    expect(await zh.textContent('[data-testid="import-errors"]')).toContain('第 2 行');
    await screenshot(zh, 'import-abort-zh');
    const after = (await server.api.tasks(project.id)).map((t) => t.data.text);
    expect(after).toContain('停止前');
    expect(after).not.toContain('停止后');

    // A zip: its task file's tasks stored, an entry that is neither tasks nor an image refused.
    await zh.setInputFiles('[data-testid="import-file"]', {
      name: 'batch.zip',
      mimeType: 'application/zip',
      buffer: await zipBuffer({
        'tasks.jsonl': Buffer.from('{"text":"压缩包一"}\n{"text":"压缩包二"}\n'),
        'notes.txt': Buffer.from('not a task file, not an image'),
      }),
    });
    await zh.waitForSelector('[data-testid="import-detected"]');
    expect(await zh.inputValue('[data-testid="import-format"]')).toBe('zip');
    await zh.selectOption('[data-testid="import-on-error"]', 'skip');
    await zh.click('[data-testid="import-run"]');
    await zh.waitForSelector('[data-testid="import-archive-report"]');
    const zipReport = await zh.textContent('[data-testid="import-archive-report"]');
    expect(zipReport).toContain('从压缩包导入了 2 个任务。');
    expect(zipReport).toContain('1 个压缩包条目被拒绝、未保存：');
    expect(zipReport).toContain('notes.txt');
    await screenshot(zh, 'import-zip-zh');
    expect(appErrors(page)).toEqual([]);
    expect(appErrors(zh)).toEqual([]);
  });
});
