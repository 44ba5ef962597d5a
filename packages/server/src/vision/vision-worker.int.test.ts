import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { VisionError } from './vision-errors.ts';
import { VisionService } from './vision.service.ts';

async function failure(p: Promise<unknown>): Promise<VisionError> {
  try {
    await p;
  } catch (e) {
    return e as VisionError;
  }
  throw new Error('expected the call to fail');
}

/** A small PNG made here, so these tests need no dataset. */
async function png(width: number, height: number, noise = false): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3, 200);
  if (noise) for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Event-loop turns the main thread got through while `p` ran: the API stays responsive. */
async function ticksDuring(p: Promise<unknown>): Promise<number> {
  let ticks = 0;
  let done = false;
  void p.finally(() => (done = true)).catch(() => undefined);
  while (!done) {
    await new Promise((r) => setTimeout(r, 5));
    ticks++;
  }
  return ticks;
}

describe('the vision worker under its caps', () => {
  it('stops a job past its time limit, says so, and runs the jobs behind it on a fresh worker', async () => {
    const vision = new VisionService({ limits: { timeoutMs: 300 } });
    const big = await png(1200, 900, true);
    // Loading three models alone takes longer than 300 ms.
    const slow = vision.worker.run({
      op: 'analyze',
      bytes: big,
      options: { faces: {}, objects: {}, ocr: {} },
    });
    // Sent to the worker behind the slow one (prefetch): it must not share its fate.
    const behind = vision.redactImage(await png(40, 30), [{ x: 0, y: 0, width: 10, height: 10 }]);
    const ticks = ticksDuring(slow);
    const err = await failure(slow);
    expect(err.code).toBe('vision_timeout');
    expect(err.message).toMatch(/longer than 300 ms/);
    expect(await ticks).toBeGreaterThan(10);
    expect((await behind).width).toBe(40);
    expect(vision.worker.started).toBe(2);
    await vision.close();
  });

  it('stops a job past the memory cap with a clear error while the API keeps running', async () => {
    const vision = new VisionService({ limits: { maxHeapMb: 24 } });
    const job = vision.detectObjects(await png(64, 64));
    const ticks = ticksDuring(job);
    const err = await failure(job);
    expect(err.code).toBe('vision_out_of_memory');
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/more than the worker's 24 MiB/);
    expect(await ticks).toBeGreaterThan(0);
    // The next job gets a clear answer too, not a hang.
    expect((await failure(vision.detectObjects(await png(64, 64)))).code).toBe(
      'vision_out_of_memory',
    );
    await vision.close();
  });

  it('answers a decompression bomb under the pixel cap (7000×7000 in ~150 KB) without blowing up', async () => {
    const vision = new VisionService();
    const bomb = await sharp({
      create: { width: 7000, height: 7000, channels: 3, background: '#fff' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(400_000);
    const r = await vision.findImagePii(bomb);
    expect([r.width, r.height]).toEqual([7000, 7000]);
    expect(r.findings).toEqual([]);
    await vision.close();
  });

  it('refuses jobs past the queue limit and fails waiting jobs on close', async () => {
    const vision = new VisionService({ maxQueue: 1 });
    const small = await png(20, 20);
    // One runs, one is sent ahead to the worker (prefetch), one waits: the queue is full.
    const settled = [0, 1, 2].map(() =>
      vision.redactImage(small, []).then(
        () => 'done',
        (e: VisionError) => e.code,
      ),
    );
    const refused = await failure(vision.redactImage(small, []));
    expect(refused.code).toBe('vision_busy');
    expect(refused.status).toBe(503);
    expect(await settled[0]).toBe('done');
    const waiting = failure(vision.ocr(small));
    await vision.close();
    expect((await waiting).code).toBe('vision_closed');
    // The others were running or waiting when the service closed: done or closed, never hung.
    for (const s of settled) expect(['done', 'vision_closed']).toContain(await s);
  });

  it('stops an idle worker to give its memory back, and starts a new one for the next job', async () => {
    const vision = new VisionService({ idleMs: 50 });
    const small = await png(20, 20);
    await vision.redactImage(small, []);
    await new Promise((r) => setTimeout(r, 300));
    await vision.redactImage(small, []);
    expect(vision.worker.started).toBe(2);
    await vision.close();
  });

  it('checks redaction boxes before sending anything', async () => {
    const vision = new VisionService();
    const err = await failure(
      vision.redactImage(await png(20, 20), [{ x: 0, y: 0, width: Number.NaN, height: 1 }]),
    );
    expect(err.code).toBe('bad_request');
    expect(err.message).toContain('boxes[0]');
    expect(vision.worker.started).toBe(0);
    await vision.close();
  });
});
