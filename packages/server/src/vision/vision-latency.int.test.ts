import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hammerWhile, sampleImages, visionJob } from '../../../../bench/src/vision.ts';
import { VisionService } from './vision.service.ts';

const DIR = fileURLToPath(new URL('../../../../../shared/datasets/images/', import.meta.url));
const have = existsSync(DIR);
if (!have) console.warn(`notice: ${DIR} is absent: the vision latency test is skipped.`);

describe.skipIf(!have)('the API while a vision job runs', () => {
  let vision: VisionService;
  beforeAll(async () => {
    vision = new VisionService();
    await vision.warmUp(['faces', 'objects', 'ocr']);
  });
  afterAll(() => vision.close());

  it('keeps the p99 of a real Fastify route under 100 ms during a job over 20 images', async () => {
    let jobs = 0;
    const stats = await hammerWhile(
      visionJob(vision, sampleImages(), 20).then((n) => (jobs = n)),
      { concurrency: 4, maxSeconds: 240 },
    );
    console.info(
      `vision job: ${jobs} model calls in ${stats.seconds.toFixed(1)} s; probe route: ${stats.requests} requests, p50 ${stats.p50.toFixed(2)} ms, p99 ${stats.p99.toFixed(2)} ms, max ${stats.max.toFixed(1)} ms`,
    );
    expect(jobs).toBe(60);
    expect(stats.errors).toBe(0);
    expect(stats.requests).toBeGreaterThan(500);
    expect(stats.p99).toBeLessThan(100);
  }, 300_000);
});
