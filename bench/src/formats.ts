import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { buildImageSchema, buildSchema } from '@tessera/core/format';
import { startBenchServer, type BenchServer } from './server.ts';

const OUT = fileURLToPath(new URL('../out/', import.meta.url));

/** N image tasks, each with a size and one accepted-style (imported, submitted) box. */
async function imageTasks(n: number): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `images-${n}.jsonl`);
  if (existsSync(file)) return file;
  const out = createWriteStream(file);
  let buf = '';
  for (let i = 0; i < n; i++) {
    const x = (i * 7) % 500;
    buf +=
      JSON.stringify({
        data: { image: `images/${i}.jpg` },
        meta: { width: 640, height: 480 },
        annotations: [
          {
            regions: [
              {
                id: 'b1',
                control: 'objects',
                type: 'bbox',
                value: { x, y: 20, width: 100, height: 80, labels: ['car'] },
              },
            ],
          },
        ],
      }) + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return file;
}

async function timedDownload(
  s: BenchServer,
  path: string,
): Promise<{ seconds: number; bytes: number }> {
  const t = performance.now();
  const res = await fetch(s.url + path, { headers: s.headers });
  let bytes = 0;
  await pipeline(
    Readable.fromWeb(res.body as never),
    new Writable({ write: (c: Buffer, _e, cb) => ((bytes += c.length), cb()) }),
  );
  return { seconds: (performance.now() - t) / 1000, bytes };
}

async function waitJob(s: BenchServer, pid: number, id: number) {
  for (;;) {
    const j = await s.get<{ status: string; error?: string; result?: { version_id?: number } }>(
      `/api/projects/${pid}/jobs/${id}`,
    );
    if (j.status === 'done') return j;
    if (j.status === 'failed') throw new Error(j.error);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * `npm run bench -- formats [--tasks N]`: COCO export of N image tasks with one box each
 * (target ≥ 50,000 images/s, peak RSS < 300 MB) and the diff of two 100k-task versions
 * (target < 5 s), on SQLite, over HTTP against a spawned server.
 */
export async function runFormatsBench(n = 1_000_000): Promise<void> {
  const s = await startBenchServer('sqlite');
  try {
    const img = await s.post<{ id: number }>('/api/projects', {
      name: 'coco',
      schema: buildImageSchema(),
    });
    const t0 = performance.now();
    const rep = (await s.importFile(img.id, await imageTasks(n))) as {
      stored: number;
      ledger_job: number | null;
    };
    process.stderr.write(
      `  imported ${rep.stored} image tasks in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    // The import's provenance leaves are a background job: let it finish first, so that the
    // export is measured alone (as in the import bench).
    if (rep.ledger_job !== null) await waitJob(s, img.id, rep.ledger_job);
    const importRss = s.peakRssMb();
    s.resetPeakRss(); // the export's own peak from here
    // The export runs as a job (never inside a request): time from the request to the job's
    // end, then the download of the stored file.
    const t1 = performance.now();
    const job = await s.post<{ id: number }>(`/api/projects/${img.id}/exports`, {
      format: 'coco',
    });
    await waitJob(s, img.id, job.id);
    const cocoSeconds = (performance.now() - t1) / 1000;
    const download = await timedDownload(s, `/api/projects/${img.id}/exports/${job.id}/download`);
    const coco = { seconds: cocoSeconds, bytes: download.bytes };
    const cocoRss = s.peakRssMb();
    process.stderr.write(
      `  COCO export job: ${cocoSeconds.toFixed(1)} s, download ${download.seconds.toFixed(1)} s; peak RSS through the import ${importRss} MB, through the export ${cocoRss} MB\n`,
    );
    // The same project as a JSONL export job (the interchange format, annotations included).
    s.resetPeakRss();
    const t3 = performance.now();
    const jl = await s.post<{ id: number }>(`/api/projects/${img.id}/exports`, { format: 'jsonl' });
    await waitJob(s, img.id, jl.id);
    const jsonlSeconds = (performance.now() - t3) / 1000;
    const jsonlRss = s.peakRssMb();
    process.stderr.write(
      `  JSONL export job: ${jsonlSeconds.toFixed(1)} s; peak RSS through it ${jsonlRss} MB\n`,
    );

    const txt = await s.post<{ id: number }>('/api/projects', {
      name: 'diff',
      schema: buildSchema(),
    });
    const lines = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `{"text":"diff task ${from + i}"}`).join('\n');
    await fetch(`${s.url}/api/projects/${txt.id}/import`, {
      method: 'POST',
      headers: s.headers,
      body: lines(0, 100_000),
    });
    const v1 = (
      await waitJob(
        s,
        txt.id,
        (await s.post<{ id: number }>(`/api/projects/${txt.id}/versions`, { name: 'a' })).id,
      )
    ).result!.version_id!;
    await fetch(`${s.url}/api/projects/${txt.id}/import`, {
      method: 'POST',
      headers: s.headers,
      body: lines(100_000, 1_000),
    });
    const v2 = (
      await waitJob(
        s,
        txt.id,
        (await s.post<{ id: number }>(`/api/projects/${txt.id}/versions`, { name: 'b' })).id,
      )
    ).result!.version_id!;
    const t2 = performance.now();
    const diff = await s.get<{ tasks_added: number; tasks_unchanged: number }>(
      `/api/projects/${txt.id}/versions/diff?from=${v1}&to=${v2}`,
    );
    const diffSeconds = (performance.now() - t2) / 1000;
    if (diff.tasks_added !== 1000 || diff.tasks_unchanged !== 100_000)
      throw new Error(`unexpected diff ${JSON.stringify(diff)}`);
    process.stdout.write(
      `| measure | value | target |\n|---|---|---|\n| COCO export, ${n} images with 1 box (images/s) | ${Math.round(n / coco.seconds)} | ≥ 50,000 |\n| COCO export size (MB) | ${(coco.bytes / 1e6).toFixed(0)} | |\n| server peak RSS through the import (MB) | ${importRss} | < 300 |\n| server peak RSS through the COCO export (MB) | ${cocoRss} | < 300 |\n| JSONL export job, same project (tasks/s) | ${Math.round(n / jsonlSeconds)} | ≥ 150,000 |\n| server peak RSS through the JSONL export job (MB) | ${jsonlRss} | < 300 |\n| diff of two 100k-task versions (s) | ${diffSeconds.toFixed(2)} | < 5 |\n`,
    );
  } finally {
    await s.close();
  }
}
