import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { recordImport } from '../src/compliance/ledger-record.ts';
import { writeExport } from '../src/services/export.service.ts';
import { taskPages } from '../src/services/formats/sources.ts';
import { DIALECTS, startTestServer, type TestServer } from './harness.ts';

/**
 * How many turns the event loop had while `work` ran: an immediate re-queues itself, so it runs
 * once for every time the loop got control. A job that only ever awaits synchronous SQLite
 * queries gives it none, and every request waits for the whole job.
 */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const spin = () => {
    if (!running) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  await work();
  running = false;
  return turns;
}

describe.each(DIALECTS)('long jobs give the event loop a turn between pages on %s', (dialect) => {
  let s: TestServer;
  let token: string;
  let pid: number;
  let importId: number;
  const N = 12_000; // three pages of 5,000

  beforeAll(async () => {
    s = await startTestServer(dialect);
    token = (await s.buildUser({ admin: true })).token;
    pid = (await s.api(token).post('/api/projects', { name: 'loop', schema: buildSchema() })).body
      .id;
    const body = Array.from({ length: N }, (_, i) => `{"text":"turn ${i}"}`).join('\n');
    const report = (await s.api(token).raw('POST', `/api/projects/${pid}/import`, body)).body;
    expect(report.stored).toBe(N);
    importId = report.import_id;
  });
  afterAll(() => s?.close());

  it('the ledger leaves of an import (the job that held the API for 32 s at 1M tasks)', async () => {
    let leaves = 0;
    expect(
      await turnsDuring(async () => (leaves = await recordImport(s.ctx, pid, importId))),
    ).toBeGreaterThanOrEqual(3);
    expect(leaves).toBe(N);
  });

  it('the live JSONL export and the pages the other formats read', async () => {
    // A sink that takes every write at once, so only the export's own pauses count.
    const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
    let written = 0;
    const jsonl = async () =>
      (written = await writeExport({
        store: s.store,
        projectId: pid,
        schema: buildSchema(),
        format: 'jsonl',
        out: sink(),
      }));
    expect(await turnsDuring(jsonl)).toBeGreaterThanOrEqual(3);
    expect(written).toBe(N);
    let tasks = 0;
    const pages = async () => {
      for await (const page of taskPages({ store: s.store }, pid, { kind: 'live' }))
        tasks += page.length;
    };
    expect(await turnsDuring(pages)).toBeGreaterThanOrEqual(3);
    expect(tasks).toBe(N);
  });
});
