/**
 * Page helpers shared by the end-to-end specs: creating a project through the template
 * gallery, waiting for the editor to show a task, locating characters of the text view and
 * image pixels on the canvas.
 *
 * @example
 * const id = await createProjectFromTemplate(page, 'ner-relations', 'People');
 * const box = await charBox(page, 'text', 4); // where code point 4 is drawn
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from './harness.ts';

/** Creates a project from a template through the UI; returns its id. */
export async function createProjectFromTemplate(
  page: Page,
  template: string,
  name: string,
): Promise<number> {
  await page.click('[data-testid="new-project"]');
  await page.click(`[data-testid="template-${template}"]`);
  await page.fill('input[name="project-name"]', name);
  await page.click('[data-testid="create-project"]');
  await page.waitForURL(/\/projects\/\d+$/);
  return Number(/\/projects\/(\d+)$/.exec(page.url())![1]);
}

/** The few DOM members the page-side helpers use (the e2e files compile without the DOM lib). */
interface PageDom {
  document: {
    querySelector(selector: string): { textContent: string | null } | null;
    createTreeWalker(
      root: unknown,
      what: number,
    ): { nextNode(): { textContent: string | null } | null };
    createRange(): {
      setStart(node: unknown, offset: number): void;
      setEnd(node: unknown, offset: number): void;
      getBoundingClientRect(): { x: number; y: number; width: number; height: number };
    };
  };
}

/** Waits until the editor shows a task other than `previous`; returns its id. */
export async function waitForTask(page: Page, previous?: number): Promise<number> {
  await page.waitForFunction(
    (prev) => {
      const el = (globalThis as unknown as PageDom).document.querySelector(
        '[data-testid="task-id"]',
      );
      const id = el ? Number(el.textContent?.replace('#', '')) : NaN;
      return Number.isFinite(id) && id !== prev;
    },
    previous ?? -1,
    { timeout: 20_000 },
  );
  return Number((await page.textContent('[data-testid="task-id"]'))!.replace('#', ''));
}

/** Screen box of the character at code point `cp` of a text field's view. */
export async function charBox(
  page: Page,
  field: string,
  cp: number,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.evaluate(
    ({ selector, cp }) => {
      const doc = (globalThis as unknown as PageDom).document;
      const root = doc.querySelector(selector);
      if (!root) return null;
      const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
      const walker = doc.createTreeWalker(root, SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        let unit = 0;
        for (const ch of node.textContent ?? '') {
          if (seen === cp) {
            const range = doc.createRange();
            range.setStart(node, unit);
            range.setEnd(node, unit + ch.length);
            const r = range.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
          seen++;
          unit += ch.length;
        }
      }
      return null;
    },
    { selector: `[data-testid="text-${field}"] .text-content`, cp },
  );
  if (!box) throw new Error(`no character ${cp} in field ${field}`);
  return box;
}

/** Drags the mouse over characters [start, end) of a text field, like a user selecting text. */
export async function selectTextWithMouse(
  page: Page,
  field: string,
  start: number,
  end: number,
): Promise<void> {
  const a = await charBox(page, field, start);
  const b = await charBox(page, field, end - 1);
  await page.mouse.move(a.x + 1, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width - 1, b.y + b.height / 2, { steps: 2 });
  await page.mouse.up();
}

/**
 * Maps image pixels to page coordinates for an image field, assuming the canvas shows the
 * whole image fitted (what it does on load and after F), with the same margin as the app.
 */
export async function imageToPage(
  page: Page,
  field: string,
  imgW: number,
  imgH: number,
): Promise<(x: number, y: number) => { x: number; y: number }> {
  const stage = await page.locator(`[data-testid="image-${field}"] canvas`).first().boundingBox();
  if (!stage) throw new Error('no canvas');
  const margin = 16;
  const scale = Math.min((stage.width - 2 * margin) / imgW, (stage.height - 2 * margin) / imgH);
  const ox = stage.x + (stage.width - imgW * scale) / 2;
  const oy = stage.y + (stage.height - imgH * scale) / 2;
  return (x, y) => ({ x: ox + x * scale, y: oy + y * scale });
}

/** Drags from one page point to another in steps (a real pointer drag). */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** Saves a screenshot of the whole scrollable page into e2e/artifacts (for long dashboards). */
export async function fullScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
