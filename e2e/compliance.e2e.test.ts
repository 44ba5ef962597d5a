/**
 * Issue 6 (compliance), done-when: an annotator sees masked personal information in the
 * editor, a manager with the right sees the original, and that view is in the audit log —
 * found through the audit viewer page. Also the bias report page on the same project.
 */
import { describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ApiHelper, loginInBrowser, newPage, screenshot, type TestServer } from './harness.ts';
import { useServerAndBrowser } from './lifecycle.ts';
import { waitForTask } from './ui-helpers.ts';

let server: TestServer;
let browser: Browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

// A Chinese mobile number, a resident ID with a valid check character (GB 11643) and an e-mail.
const MOBILE = '13812345678';
const RESIDENT_ID = '11010519491231002X';
const EMAIL = 'zhang.wei@example.com';
const PII_TEXT = `客户张伟来电投诉，手机${MOBILE}，身份证号${RESIDENT_ID}，邮箱${EMAIL}，说快递太慢了。`;
const ORIGINALS = [MOBILE, RESIDENT_ID, EMAIL];

type Member = { id: number; name: string; password: string; api: ApiHelper };

async function member(projectId: number, name: string, role: string): Promise<Member> {
  const password = `${name}-Secret-123`;
  const user = await server.api.req<{ id: number }>('POST', '/api/users', {
    username: name,
    password,
  });
  await server.api.req('PUT', `/api/projects/${projectId}/members/${user.id}`, { role });
  const api = new ApiHelper(server.url);
  await api.login(name, password);
  return { id: user.id, name, password, api };
}

async function loginAs(page: Page, m: Member): Promise<void> {
  await page.goto('/');
  await page.waitForSelector('input[name="username"]');
  await page.fill('input[name="username"]', m.name);
  await page.fill('input[name="password"]', m.password);
  await page.press('input[name="password"]', 'Enter');
  await page.waitForSelector('[data-testid="project-card"]');
}

type AuditRow = { action: string; actor_name: string | null; details: unknown; target_id: string };

describe('compliance: masked view, audited original, audit viewer, bias page', () => {
  it('masks PII for the annotator, shows the manager the original, and the audit viewer lists the reveal', async () => {
    const { TEMPLATES } = await import('../packages/web/src/schema/templates.ts');
    const schema = TEMPLATES.find((t) => t.id === 'text-classification')!.schema;
    const project = await server.api.req<{ id: number }>('POST', '/api/projects', {
      name: '客服工单 PII',
      schema,
    });
    const pid = project.id;
    // Masking: only managers see the original; annotators get the masked view.
    await server.api.req('PUT', `/api/projects/${pid}/compliance`, {
      pii: { visible_to: ['manager'] },
    });
    await server.api.importTasks(pid, [{ text: PII_TEXT }]);
    const [task] = await server.api.tasks(pid);
    const annotator = await member(pid, 'annie', 'annotator');
    const manager = await member(pid, 'mona', 'manager');

    // The annotator's editor: masked values only, and no original anywhere in the DOM.
    const a = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(a, 'failed-pii-annotator')));
    await loginAs(a, annotator);
    await a.goto(`/projects/${pid}/label`);
    expect(await waitForTask(a)).toBe(task!.id);
    const shown = (await a.textContent('[data-testid="field-text"] .text-block'))!;
    expect(shown).toContain('138****5678');
    expect(shown).toContain('客户张伟来电投诉');
    expect(Array.from(shown.trim())).toHaveLength(Array.from(PII_TEXT).length);
    const dom = await a.content();
    for (const o of ORIGINALS) expect(dom).not.toContain(o);
    await screenshot(a, 'pii-masked-editor-en');
    // The annotator may not read the audit log.
    await a.goto(`/projects/${pid}/audit`);
    await a.waitForSelector('.form-error');
    expect(await a.locator('[data-testid="audit-row"]').count()).toBe(0);

    // The same editor in Chinese.
    const az = await newPage(browser, server.url, 'zh-CN');
    await loginAs(az, annotator);
    await az.goto(`/projects/${pid}/label/${task!.id}`);
    await waitForTask(az);
    expect(await az.textContent('[data-testid="field-text"] .text-block')).toContain('138****5678');
    for (const o of ORIGINALS) expect(await az.content()).not.toContain(o);
    await screenshot(az, 'pii-masked-editor-zh');

    // (The admin's task listing above saw the original and is audited too.)
    const reveals = async (actor: string) =>
      (
        await server.api.req<{ items: AuditRow[] }>(
          'GET',
          `/api/audit?project_id=${pid}&action=pii.view_original&actor=${actor}`,
        )
      ).items;
    expect(await reveals('annie')).toEqual([]);
    expect(await reveals('mona')).toEqual([]);

    // The manager opens the same task: the original, and one audit row naming them.
    const m = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(m, 'failed-pii-manager')));
    await loginAs(m, manager);
    await m.goto(`/projects/${pid}/label/${task!.id}`);
    await waitForTask(m);
    const original = (await m.textContent('[data-testid="field-text"] .text-block'))!;
    for (const o of ORIGINALS) expect(original).toContain(o);
    await expect.poll(async () => (await reveals('mona')).length).toBeGreaterThan(0);
    const row = (await reveals('mona'))[0]!;
    expect(row).toMatchObject({ actor_name: 'mona', target_id: String(task!.id) });
    expect(row.details).toMatchObject({ entities: { CN_MOBILE: 1, CN_RESIDENT_ID: 1, EMAIL: 1 } });
    for (const o of ORIGINALS) expect(JSON.stringify(row)).not.toContain(o);

    // The manager finds it in the project's audit viewer, filtered by action.
    await m.goto(`/projects/${pid}`);
    await m.click('[data-testid="open-project-audit"]');
    await m.waitForSelector('[data-testid="audit-row"]');
    await m.selectOption('[data-testid="audit-action"]', 'pii.view_original');
    await expect
      .poll(async () =>
        (
          await m
            .locator('[data-testid="audit-row"]')
            .evaluateAll((rows) =>
              rows.map((r) => (r as unknown as { dataset: { action: string } }).dataset.action),
            )
        ).every((x) => x === 'pii.view_original'),
      )
      .toBe(true);
    const first = m.locator('[data-testid="audit-row"]').first();
    expect(await first.textContent()).toContain('mona');
    expect(await first.textContent()).toContain('Original PII viewed');
    expect(m.url()).toContain('action=pii.view_original');
    // Keyboard: Tab reaches the actor filter; typing a name and Enter applies it.
    await m.focus('[data-testid="audit-action"]');
    await m.keyboard.press('Tab');
    await m.keyboard.type('annie');
    await m.keyboard.press('Enter');
    await m.waitForSelector('[data-testid="audit-empty"]');
    await m.fill('[data-testid="audit-actor"]', 'mona');
    await m.keyboard.press('Enter');
    await m.waitForSelector('[data-testid="audit-row"]');
    for (const o of ORIGINALS) expect(await m.content()).not.toContain(o);
    await screenshot(m, 'audit-viewer-en');

    // The export link carries the same filters and gives the row as CSV.
    const href = (await m.getAttribute('[data-testid="audit-export-csv"]', 'href'))!;
    expect(href).toContain(`project_id=${pid}`);
    expect(href).toContain('action=pii.view_original');
    const csv = await m.evaluate(async (h) => (await fetch(h)).text(), href);
    expect(csv.split('\r\n')[0]).toBe(
      'id,at,actor_id,actor_name,action,project_id,target_type,target_id,result,ip,details',
    );
    expect(csv).toContain(`,mona,pii.view_original,${pid},task,${task!.id},ok,`);
    for (const o of ORIGINALS) expect(csv).not.toContain(o);

    // The audit viewer in Chinese.
    const mz = await newPage(browser, server.url, 'zh-CN');
    await loginAs(mz, manager);
    await mz.goto(`/projects/${pid}/audit?action=pii.view_original`);
    await mz.waitForSelector('[data-testid="audit-row"]');
    expect(await mz.textContent('h1')).toBe('审计日志');
    expect(await mz.textContent('[data-testid="audit-row"]')).toContain('查看个人信息原文');
    await screenshot(mz, 'audit-viewer-zh');
    expect([...a.errors, ...m.errors].filter((e) => !/40[134]/.test(e))).toEqual([]);
  });

  it('shows the bias report with plots for a chosen control and metadata field', async () => {
    const { TEMPLATES } = await import('../packages/web/src/schema/templates.ts');
    const schema = TEMPLATES.find((t) => t.id === 'text-classification')!.schema;
    const { id: pid } = await server.api.req<{ id: number }>('POST', '/api/projects', {
      name: 'Bias demo',
      schema,
    });
    const regions = ['north', 'north', 'north', 'north', 'south', 'south', 'south', 'south'];
    const text = regions
      .map((region, i) => JSON.stringify({ data: { text: `评论 ${i}` }, meta: { region } }))
      .join('\n');
    await server.api.req('POST', `/api/projects/${pid}/import?format=jsonl`, undefined, {
      text,
      type: 'application/x-ndjson',
    });
    const tasks = (await server.api.tasks(pid)).sort((x, y) => x.id - y.id);
    const ann = await member(pid, 'bianca', 'annotator');
    const labels = ['positive', 'positive', 'positive', 'negative'];
    labels.push('positive', 'negative', 'negative', 'negative');
    for (const [i, t] of tasks.entries())
      await ann.api.req('POST', `/api/projects/${pid}/tasks/${t.id}/annotations`, {
        regions: [
          {
            id: `r${i}`,
            control: 'sentiment',
            type: 'choice',
            value: { choices: [labels[i]!] },
          },
        ],
      });

    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-bias')));
    await loginInBrowser(page, server);
    await page.goto(`/projects/${pid}`);
    await page.click('[data-testid="open-bias"]');
    await page.waitForSelector('[data-testid="bias-heatmap"] svg');
    expect(await page.inputValue('[data-testid="bias-control"]')).toBe('sentiment');
    expect(await page.inputValue('[data-testid="bias-group-by"]')).toBe('meta.region');
    // north: 3 positive, 1 negative; south: 1 positive, 3 negative → χ² = 2, p = 0.157.
    expect(await page.textContent('[data-testid="bias-p-value"]')).toContain('0.157');
    expect(await page.textContent('[data-testid="bias-parity-table"]')).toContain('50.0%');
    await page.waitForSelector('[data-testid="bias-rate-bars"] svg');
    await expect.poll(() => page.locator('[data-testid="bias-annotator-row"]').count()).toBe(1);
    await screenshot(page, 'bias-report-en');
    expect(page.errors.filter((e) => !e.includes('401'))).toEqual([]);

    // An annotator is refused (the server allows reviewers and managers).
    const an = await newPage(browser, server.url);
    await loginAs(an, ann);
    await an.goto(`/projects/${pid}/bias`);
    await an.waitForSelector('.form-error');
    expect(await an.locator('[data-testid="bias-heatmap"]').count()).toBe(0);

    // The same report in Chinese, reached by URL with the choice in the query.
    const zh = await newPage(browser, server.url, 'zh-CN');
    await loginInBrowser(zh, server);
    await zh.goto(`/projects/${pid}/bias?control=sentiment&group_by=meta.region`);
    await zh.waitForSelector('[data-testid="bias-heatmap"] svg');
    expect(await zh.textContent('h1')).toBe('偏见检测');
    expect(await zh.textContent('[data-testid="bias-summary"]')).toContain('自由度 1');
    await screenshot(zh, 'bias-report-zh');
  });
});
