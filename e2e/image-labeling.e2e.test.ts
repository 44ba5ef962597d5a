import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginInBrowser, newPage, ROOT, screenshot, type TestServer } from './harness.ts';
import { useServerAndBrowser } from './lifecycle.ts';
import { createProjectFromTemplate, drag, imageToPage, waitForTask } from './ui-helpers.ts';

// A public-domain NASA portrait shipped with the reference data (512 × 512); its README gives
// the face box x=175, y=68, w=100, h=102.
const IMAGE = `${ROOT}../shared/datasets/images/astronaut.png`;
const FACE = { x: 175, y: 68, width: 100, height: 102 };

let server: TestServer;
let browser: Browser;

useServerAndBrowser((s, b) => ((server = s), (browser = b)));

type Region = {
  id: string;
  type: string;
  value: Record<string, unknown>;
  attributes?: Record<string, unknown>;
};

function iou(a: typeof FACE, b: typeof FACE): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  return inter / (a.width * a.height + b.width * b.height - inter);
}

describe('image labeling', () => {
  it('draws boxes, a polygon and keypoints with zoom, nudge, undo and attributes, in image pixels', async () => {
    const page = await newPage(browser, server.url);
    onTestFailed(async () => void (await screenshot(page, 'failed-image')));
    await loginInBrowser(page, server);
    const projectId = await createProjectFromTemplate(page, 'image-detection', 'Photos');
    const asset = await server.api.req<{ url: string }>(
      'POST',
      `/api/projects/${projectId}/media`,
      undefined,
      {
        text: readFileSync(IMAGE) as unknown as string,
        type: 'image/png',
      },
    );
    await server.api.importTasks(projectId, [{ image: asset.url }]);
    await page.click('[data-testid="start-labeling"]');
    const taskId = await waitForTask(page);
    await page.waitForSelector('[data-testid="image-image"] canvas');
    await page.waitForTimeout(300);
    const at = await imageToPage(page, 'image', 512, 512);

    // 2 = person: the rectangle tool with that label; draw the face box.
    await page.keyboard.press('2');
    await drag(page, at(FACE.x, FACE.y), at(FACE.x + FACE.width, FACE.y + FACE.height));
    // 1 = car (wrong on purpose), a second box; then, with the select tool (V), relabel the
    // selected box person with 2. (With a drawing tool a label only arms the next shape.)
    await page.keyboard.press('1');
    await drag(page, at(300, 300), at(420, 470));
    await page.keyboard.press('v');
    await page.keyboard.press('2');
    // 4 = road: polygon tool; click four vertices and close with Enter.
    await page.keyboard.press('4');
    for (const [x, y] of [
      [20, 400],
      [150, 380],
      [160, 500],
      [30, 505],
    ] as const)
      await page.mouse.click(at(x, y).x, at(x, y).y);
    await page.keyboard.press('Enter');
    // 6 = head: keypoint tool; two clicks give head, then the next label (left_hand).
    await page.keyboard.press('6');
    await page.mouse.click(at(225, 110).x, at(225, 110).y);
    await page.mouse.click(at(120, 480).x, at(120, 480).y);
    await expect.poll(() => page.locator('[data-testid="region-list"] li').count()).toBe(4);

    // Select tool, pick the second box from the list, nudge it 10 px right, then undo the nudge.
    await page.keyboard.press('v');
    await page.locator('[data-testid="region-list"] li').nth(1).click();
    await page
      .click('[data-testid="image-image"]', { position: { x: 5, y: 5 } })
      .catch(() => undefined);
    await page.locator('[data-testid="region-list"] li').nth(1).click();
    await page.focus('[data-testid="image-image"]');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+z');
    // Attribute on the face box.
    await page.locator('[data-testid="region-list"] li').first().click();
    await page.getByRole('checkbox', { name: 'occluded' }).check();
    // Zoom in and back to fit.
    await page.focus('[data-testid="image-image"]');
    await page.keyboard.press('=');
    await page.keyboard.press('f');
    await page.locator('[data-testid="region-list"] li').first().click();
    await screenshot(page, 'editor-image');

    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="all-done"]');
    const ann = (await server.api.task(projectId, taskId)).annotations.find(
      (a) => a.status === 'submitted',
    )!;
    const regions = ann.regions as unknown as Region[];
    const boxes = regions.filter((r) => r.type === 'bbox');
    expect(boxes).toHaveLength(2);
    const face = boxes[0]!;
    expect(face.value.labels).toEqual(['person']);
    expect(iou(face.value as unknown as typeof FACE, FACE)).toBeGreaterThan(0.9);
    expect(face.attributes).toEqual({ occluded: true });
    const second = boxes[1]!.value as unknown as typeof FACE & { labels: string[] };
    expect(second.labels).toEqual(['person']);
    expect(second.x).toBeCloseTo(300, -1); // the nudge was undone
    const poly = regions.find((r) => r.type === 'polygon')!;
    expect(poly.value.labels).toEqual(['road']);
    const drawn = [
      [20, 400],
      [150, 380],
      [160, 500],
      [30, 505],
    ];
    const stored = poly.value.points as number[][];
    expect(stored).toHaveLength(4);
    stored.forEach(([x, y], i) => {
      expect(Math.abs(x! - drawn[i]![0]!)).toBeLessThan(3);
      expect(Math.abs(y! - drawn[i]![1]!)).toBeLessThan(3);
    });
    const kp = regions.find((r) => r.type === 'keypoints')!;
    expect((kp.value.points as { label: string }[]).map((p) => p.label)).toEqual([
      'head',
      'left_hand',
    ]);
    expect(page.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
