/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fromHex,
  hashLeaf,
  merkleRootFromHashes,
  toHex,
  utf8,
  verifyConsistency,
  verifyInclusion,
  verifyTreeHead,
} from '@tessera/core/compliance';
import { buildSchema } from '@tessera/core/format';
import { buildApp } from '../src/app.ts';
import { buildExportManifest } from '../src/compliance/export-manifest.service.ts';
import { verifierFor } from '../src/compliance/ledger-key.ts';
import { annotationLeaf, taskLeaf } from '../src/compliance/ledger-leaves.ts';
import { recordAcceptedAnnotation } from '../src/compliance/ledger-record.ts';
import { LedgerService } from '../src/compliance/ledger.service.ts';
import { LineHasher } from '../src/compliance/line-hasher.ts';
import { piiScanJob } from '../src/compliance/pii.service.ts';
import { verifySidecar } from '../src/compliance/sidecar.ts';
import type { AppContext } from '../src/context.ts';
import { complianceRoutes } from '../src/routes/compliance.routes.ts';
import { createToken, createUser } from '../src/services/auth.service.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { DIALECTS, freshDatabase, testConfig, type Res } from './harness.ts';

/**
 * A real server with the compliance routes registered (until app.ts registers them itself,
 * after which this registers nothing twice).
 */
async function startComplianceServer(dialect: 'sqlite' | 'postgres') {
  const fresh = await freshDatabase(dialect);
  const store: Store = await openStore({ databaseUrl: fresh.databaseUrl, dataDir: fresh.dataDir });
  const { app, ctx } = await buildApp(testConfig(fresh.dataDir, fresh.databaseUrl), store);
  if (!app.hasRoute({ method: 'GET', url: '/api/ledger/head' })) complianceRoutes(app, ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const api = (token: string) => {
    const call = async (
      method: string,
      path: string,
      body?: unknown,
      raw = false,
    ): Promise<Res> => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined && !raw) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, {
        method,
        headers,
        body: body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed, headers: res.headers, text };
    };
    return {
      get: (p: string) => call('GET', p),
      post: (p: string, b?: unknown) => call('POST', p, b),
      put: (p: string, b?: unknown) => call('PUT', p, b),
      raw: (p: string, b: string) => call('POST', p, b, true),
    };
  };
  let n = 0;
  const buildUser = async (admin = false) => {
    const u = await createUser(
      ctx,
      {
        username: `u${++n}_${randomBytes(3).toString('hex')}`,
        password: `password-${n}-long`,
        is_admin: admin,
      },
      null,
    );
    const t = await createToken(ctx, (await ctx.users.byId(u.id))!, 'test');
    return { id: u.id, username: u.username, token: t.token };
  };
  return {
    ctx,
    store,
    api,
    buildUser,
    close: async () => {
      await app.close();
      await store.close();
      await fresh.drop();
    },
  };
}

type Server = Awaited<ReturnType<typeof startComplianceServer>>;
type User = Awaited<ReturnType<Server['buildUser']>>;
const choice = (label: string) => ({
  id: 'c1',
  control: 'sentiment',
  type: 'choice',
  value: { choices: [label] },
});
const PII_TEXT = '联系人张伟，手机13812345678，邮箱 zhang.wei@example.com，谢谢。';

describe.each(DIALECTS)('compliance on %s', (dialect) => {
  let s: Server;
  let admin: User;
  let manager: User;
  let annotator: User;
  let stranger: User;
  let pid: number;
  let tasks: number[];

  beforeAll(async () => {
    s = await startComplianceServer(dialect);
    [admin, manager, annotator, stranger] = [
      await s.buildUser(true),
      await s.buildUser(),
      await s.buildUser(),
      await s.buildUser(),
    ];
    const m = s.api(manager.token);
    pid = (await m.post('/api/projects', { name: 'Compliance', schema: buildSchema() })).body.id;
    await m.put(`/api/projects/${pid}/members/${annotator.id}`, { role: 'annotator' });
    const lines = [
      JSON.stringify({ data: { text: PII_TEXT }, meta: { region: 'A' } }),
      ...['A', 'A', 'A', 'B', 'B', 'B', 'B'].map((region, i) =>
        JSON.stringify({ data: { text: `第${i + 2}条评论` }, meta: { region } }),
      ),
    ];
    expect((await m.raw(`/api/projects/${pid}/import`, lines.join('\n'))).body.stored).toBe(8);
    tasks = (await m.get(`/api/projects/${pid}/tasks`)).body.items.map((t: { id: number }) => t.id);
    // The import's provenance leaves are appended by a background job: let it finish first, so
    // the ledger sizes below are this test's alone.
    await jobsIdle();
    expect(await new LedgerService(s.ctx).size()).toBe(8); // one task leaf per stored task
  });
  afterAll(() => s?.close());

  /** Waits until no job is queued or running (the ledger job an import enqueues, say). */
  async function jobsIdle(): Promise<void> {
    for (let i = 0; i < 400; i++) {
      const busy = await s.store.db
        .selectFrom('jobs')
        .select('id')
        .where('status', 'in', ['queued', 'running'])
        .execute();
      if (busy.length === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('jobs still queued or running after 20 s');
  }

  it('appends serialised leaves and serves a signed head, inclusion and consistency proofs', async () => {
    const ledger = new LedgerService(s.ctx);
    const before = await ledger.size();
    const rows = await s.store.db
      .selectFrom('tasks')
      .select(['id', 'content_hash'])
      .where('project_id', '=', pid)
      .execute();
    // Twenty concurrent appends: the lock must give them dense, distinct indexes.
    await Promise.all(
      rows.flatMap((t) =>
        [0, 1].map(() =>
          ledger.append([
            taskLeaf({ project_id: pid, task_id: t.id, content_hash: t.content_hash }),
          ]),
        ),
      ),
    );
    const last = await ledger.append([
      annotationLeaf({
        project_id: pid,
        task_id: rows[0]!.id,
        annotation_id: 1,
        version: 1,
        regions: '[]',
      }),
    ]);
    const size = before + rows.length * 2 + 1;
    expect(last.head.tree_size).toBe(size);
    const leaves = (await s.store.db
      .selectFrom('ledger_leaves' as any)
      .select(['leaf_index', 'leaf_hash', 'payload'])
      .orderBy('leaf_index')
      .execute()) as any[];
    expect(leaves.map((l) => Number(l.leaf_index))).toEqual([...Array(size).keys()]);
    for (const l of leaves) expect(l.leaf_hash).toBe(toHex(hashLeaf(utf8(l.payload))));
    const root = toHex(merkleRootFromHashes(leaves.map((l) => fromHex(l.leaf_hash))));

    const m = s.api(manager.token);
    const head = (await m.get('/api/ledger/head')).body;
    expect(head).toMatchObject({ tree_size: size, root_hash: root });
    expect(verifyTreeHead(head, verifierFor(head.public_key))).toBe(true);
    expect(verifyTreeHead({ ...head, tree_size: size - 1 }, verifierFor(head.public_key))).toBe(
      false,
    );

    for (const i of [0, 5, size - 1]) {
      const p = (await m.get(`/api/ledger/proof/inclusion?leaf=${i}`)).body;
      expect(p).toMatchObject({ leaf_index: i, tree_size: size, root_hash: root });
      expect(toHex(hashLeaf(utf8(p.leaf)))).toBe(p.leaf_hash);
      expect(
        verifyInclusion(fromHex(p.leaf_hash), i, size, p.proof.map(fromHex), fromHex(root)),
      ).toBe(true);
    }
    const older = (await m.get(`/api/ledger/proof/inclusion?leaf=2&size=10`)).body;
    expect(older.tree_head).toMatchObject({ tree_size: 10 });
    const c = (await m.get(`/api/ledger/proof/consistency?from=10&to=${size}`)).body;
    expect(c.to_root).toBe(root);
    expect(
      verifyConsistency(10, size, fromHex(c.from_root), fromHex(c.to_root), c.proof.map(fromHex)),
    ).toBe(true);
    expect(verifyTreeHead(c.from_head, verifierFor(head.public_key))).toBe(true);

    expect((await m.get(`/api/ledger/proof/inclusion?leaf=${size}`)).body.error.message).toMatch(
      /is not in the ledger/,
    );
    expect((await m.get(`/api/ledger/proof/consistency?from=0`)).status).toBe(400);
    expect((await m.get(`/api/ledger/proof/consistency?from=2&to=${size + 1}`)).status).toBe(400);
    // A leaf of another project does not exist for a non-member.
    expect((await s.api(stranger.token).get(`/api/ledger/proof/inclusion?leaf=0`)).status).toBe(
      404,
    );
  });

  it('keeps the ledger append-only in the database', async () => {
    await expect(
      s.store.db.updateTable('ledger_leaves').set({ payload: '{}' }).where('id', '>', 0).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(s.store.db.deleteFrom('ledger_leaves').execute()).rejects.toThrow(/append-only/);
  });

  it('an export manifest verifies, and one changed byte in an annotation names its item', async () => {
    const a = s.api(annotator.token);
    await a.post(`/api/projects/${pid}/tasks/${tasks[1]}/annotations`, {
      regions: [choice('positive')],
    });
    const exported = (await s.api(manager.token).get(`/api/projects/${pid}/export?format=jsonl`))
      .text;
    const hasher = new LineHasher();
    hasher.update(exported);
    const items = hasher.finish();
    expect(items.map((i) => i.id)).toEqual(tasks.map(String));
    const sidecar = await buildExportManifest(s.ctx, pid, items);
    const roundTrip = JSON.parse(JSON.stringify(sidecar));
    expect(verifySidecar(roundTrip, items)).toMatchObject({ ok: true, items: 8 });

    const tampered = exported.replace('"positive"', '"positivf"');
    expect(tampered).not.toBe(exported);
    const h2 = new LineHasher();
    h2.update(tampered);
    const r = verifySidecar(roundTrip, h2.finish());
    expect(r).toMatchObject({
      ok: false,
      id: String(tasks[1]),
      line: 2,
      reason: 'sha256_mismatch',
    });

    const forged = {
      ...roundTrip,
      ledger: { ...roundTrip.ledger, leaf_index: roundTrip.ledger.leaf_index + 1 },
    };
    expect(verifySidecar(forged, items)).toMatchObject({
      ok: false,
      reason: 'ledger_proof_invalid',
    });
  });

  it('an annotator sees PII masked in every task response; a manager sees the original, audited', async () => {
    const t0 = tasks[0]!;
    const a = s.api(annotator.token);
    const span = {
      id: 's1',
      control: 'entities',
      type: 'span',
      value: { start: 8, end: 19, text: '13812345678', labels: ['ORG'] },
    };
    const pred = await s.api(manager.token).post(`/api/projects/${pid}/tasks/${t0}/predictions`, {
      model: 'ner',
      model_version: '1',
      regions: [span],
    });
    expect(pred.status).toBe(201);
    const detail = (await a.get(`/api/projects/${pid}/tasks/${t0}`)).body;
    expect(detail.predictions[0].regions[0].value).toMatchObject({
      start: 8,
      end: 19,
      text: '138****5678',
    });
    expect(JSON.stringify(detail)).not.toContain('13812345678');
    const masked = (await a.get(`/api/projects/${pid}/tasks/${t0}`)).body.task.data.text as string;
    expect(masked).not.toContain('13812345678');
    expect(masked).toContain('138****5678');
    expect(masked).not.toContain('zhang.wei@example.com');
    expect(masked).toContain('张伟'); // names stay by default: NER projects label them
    expect(Array.from(masked)).toHaveLength(Array.from(PII_TEXT).length); // spans still line up
    const list = (await a.get(`/api/projects/${pid}/tasks`)).body.items;
    expect(list[0].data.text).toBe(masked);
    const next = (await a.post(`/api/projects/${pid}/next`)).body;
    expect(JSON.stringify(next)).not.toContain('13812345678');

    const before = await s.ctx.audit.list({
      projectId: pid,
      action: 'pii.view_original',
      limit: 10,
    });
    const seen = (await s.api(manager.token).get(`/api/projects/${pid}/tasks/${t0}`)).body.task.data
      .text;
    expect(seen).toBe(PII_TEXT);
    const mine = (await s.api(manager.token).get(`/api/projects/${pid}/tasks/${t0}`)).body;
    expect(mine.predictions[0].regions[0].value.text).toBe('13812345678');
    const after = await s.ctx.audit.list({
      projectId: pid,
      action: 'pii.view_original',
      limit: 10,
    });
    expect(after.length).toBe(before.length + 2);
    expect(after[0]).toMatchObject({ actor_id: manager.id, target_id: String(t0) });
    expect(JSON.parse(after[0]!.details!).entities).toMatchObject({ CN_MOBILE: 1, EMAIL: 1 });
    expect(after[0]!.details).not.toContain('13812345678');

    // The policy decides: names masked too, annotators still masked; then annotators allowed.
    const m = s.api(manager.token);
    const put = await m.put(`/api/projects/${pid}/compliance`, {
      pii: {
        visible_to: ['manager'],
        operators: { CN_PERSON: { type: 'pseudonym' }, EMAIL: null },
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.warnings[0]).toMatch(/CN_PERSON use operators that change the text length/);
    const now = (await a.get(`/api/projects/${pid}/tasks/${t0}`)).body.task.data.text as string;
    expect(now).not.toContain('张伟');
    expect(now).toContain('zhang.wei@example.com');
    await m.put(`/api/projects/${pid}/compliance`, {
      pii: { visible_to: ['manager', 'annotator'] },
    });
    expect((await a.get(`/api/projects/${pid}/tasks/${t0}`)).body.task.data.text).toBe(PII_TEXT);
    await m.put(`/api/projects/${pid}/compliance`, { pii: null });
    expect((await a.get(`/api/projects/${pid}/compliance`)).status).toBe(403);
    expect((await s.api(stranger.token).get(`/api/projects/${pid}/tasks/${t0}`)).status).toBe(404);
  });

  it('a PII scan stores findings with masked previews only, inline or as a job', async () => {
    const m = s.api(manager.token);
    expect((await s.api(annotator.token).post(`/api/projects/${pid}/pii/scan`)).status).toBe(403);
    const scan = (await m.post(`/api/projects/${pid}/pii/scan`)).body;
    expect(scan).toMatchObject({ status: 'done', tasks: 8 });
    expect(scan.by_entity).toMatchObject({ CN_MOBILE: 1, EMAIL: 1, CN_PERSON: 1 });
    const f = (await m.get(`/api/projects/${pid}/pii/findings?entity=CN_MOBILE`)).body;
    expect(f.items).toHaveLength(1);
    expect(f.items[0]).toMatchObject({
      task_id: tasks[0],
      path: 'text',
      start_cp: 8,
      end_cp: 19,
      preview: '13*******78',
    });
    expect(JSON.stringify(f)).not.toContain('13812345678');
    expect(f.counts.CN_MOBILE).toBe(1);
    expect((await m.get(`/api/projects/${pid}/pii/findings?entity=NOPE`)).status).toBe(400);
    // The job handler gives the same result (the route uses it above INLINE_SCAN_TASKS).
    const job = await s.ctx.jobs.enqueue({
      project_id: pid,
      kind: 'pii.scan',
      params: {},
      created_by: manager.id,
    });
    const res = await piiScanJob(s.ctx as AppContext)({ job, progress: async () => false });
    expect(res).toMatchObject({ tasks: 8, findings: scan.findings, stopped: false });
  });

  it('licence policy flags or blocks by mode', async () => {
    const m = s.api(manager.token);
    const check = async (licence: string | null) =>
      (await m.post(`/api/projects/${pid}/compliance/licence-check`, { licence })).body;
    expect(await check('Proprietary')).toEqual({ status: 'ok', message: '' });
    await m.put(`/api/projects/${pid}/compliance`, {
      licences: { allowed: ['CC0-1.0', 'CC-BY-4.0'], mode: 'block' },
    });
    expect(await check('cc-by-4.0')).toMatchObject({ status: 'ok' });
    expect(await check('CC-BY-NC-4.0')).toMatchObject({
      status: 'blocked',
      message: expect.stringMatching(/not allowed/),
    });
    expect(await check(null)).toMatchObject({ status: 'blocked' });
    await m.put(`/api/projects/${pid}/compliance`, {
      licences: { allowed: ['CC0-1.0'], mode: 'flag' },
    });
    expect(await check('CC-BY-NC-4.0')).toMatchObject({ status: 'flagged' });
    const bad = await m.put(`/api/projects/${pid}/compliance`, {
      licences: { allowed: ['MIT'], mode: 'warn' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('licences.mode');
    const settings = (await m.get(`/api/projects/${pid}`)).body.settings;
    expect(settings.licences).toEqual({ allowed: ['CC0-1.0'], mode: 'flag' }); // other settings untouched
    expect(settings.overlap).toBe(1);
  });

  it('bias report: parity and chi-square on a hand-computed example, and annotator bias', async () => {
    const [u1, u2, u3] = [annotator, await s.buildUser(), await s.buildUser()];
    const m = s.api(manager.token);
    for (const u of [u2, u3])
      await m.put(`/api/projects/${pid}/members/${u.id}`, { role: 'annotator' });
    // Region A (tasks 0-3): positive x3, negative x1; region B (tasks 4-7): positive x1, negative x3.
    const labels = [
      'positive',
      'positive',
      'positive',
      'negative',
      'positive',
      'negative',
      'negative',
      'negative',
    ];
    for (const [i, t] of tasks.entries()) {
      if (i === 1) continue; // already labelled positive by u1 in the export test
      await s
        .api(u1.token)
        .post(`/api/projects/${pid}/tasks/${t}/annotations`, { regions: [choice(labels[i]!)] });
    }
    // u2 agrees on tasks 0 and 2, u3 disagrees there; majority keeps the consensus.
    for (const i of [0, 2]) {
      await s.api(u2.token).post(`/api/projects/${pid}/tasks/${tasks[i]}/annotations`, {
        regions: [choice('positive')],
      });
      await s.api(u3.token).post(`/api/projects/${pid}/tasks/${tasks[i]}/annotations`, {
        regions: [choice('negative')],
      });
    }
    const r = await m.get(`/api/projects/${pid}/bias?control=sentiment&group_by=meta.region`);
    expect(r.status).toBe(200);
    const b = r.body;
    expect(b.tasks).toEqual({ total: 8, labelled: 8, unlabelled: 0, missing_group: 0 });
    expect(b.distribution).toMatchObject({
      groups: ['A', 'B'],
      labels: ['negative', 'positive'],
      counts: [
        [1, 3],
        [3, 1],
      ],
    });
    const pos = b.parity.find((p: any) => p.label === 'positive');
    expect(pos.rates).toEqual({ A: 0.75, B: 0.25 });
    expect(pos.difference).toEqual({ ok: true, value: 0.5 });
    expect(pos.ratio.value).toBeCloseTo(1 / 3, 12);
    // 2x2 table [[1,3],[3,1]]: every expected count is 2, so X² = 4 · (1²/2) = 2 with 1 dof.
    expect(b.independence.statistic).toBeCloseTo(2, 12);
    expect(b.independence.dof).toBe(1);
    expect(b.independence.pValue).toBeCloseTo(0.157299207, 8);
    const of = (u: User) => b.annotators.find((x: any) => x.user_id === u.id);
    expect(of(u1)).toMatchObject({
      n: 8,
      agreement: { ok: true, value: 1 },
      tvd: { ok: true, value: 0 },
    });
    expect(of(u3)).toMatchObject({
      username: u3.username,
      n: 2,
      agreement: { value: 0 },
      tvd: { value: 1 },
    });
    expect(of(u3).distribution).toEqual({ negative: 1, positive: 0 });

    const opts = (await m.get(`/api/projects/${pid}/bias/options`)).body;
    expect(opts.controls).toEqual(['sentiment']);
    expect(opts.fields[0]).toEqual({ path: 'meta.region', tasks: 8, values: 2 });
    expect(opts.sampled).toBe(8);
    expect((await s.api(u1.token).get(`/api/projects/${pid}/bias/options`)).status).toBe(403);
    expect((await s.api(stranger.token).get(`/api/projects/${pid}/bias/options`)).status).toBe(404);

    const bad = await m.get(`/api/projects/${pid}/bias?control=entities&group_by=meta.region`);
    expect(bad.body.error.message).toMatch(/single-choice control of this project \(sentiment\)/);
    expect(
      (await m.get(`/api/projects/${pid}/bias?control=sentiment&group_by=region`)).body.error
        .message,
    ).toMatch(/meta\.region/);
    expect(
      (
        await s
          .api(u1.token)
          .get(`/api/projects/${pid}/bias?control=sentiment&group_by=meta.region`)
      ).status,
    ).toBe(403);
  });

  it('records an import and an accepted annotation as ledger leaves', async () => {
    const m = s.api(manager.token);
    const p2 = (await m.post('/api/projects', { name: 'P2', schema: buildSchema() })).body.id;
    const body = [
      { data: { text: 'a' }, provenance: { source: 's3://b/a.txt', licence: 'CC0-1.0' } },
      { data: { text: 'b' } },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const ledger = new LedgerService(s.ctx);
    await jobsIdle();
    const before = await ledger.size();
    const report = (await m.raw(`/api/projects/${p2}/import`, body)).body;
    // The import's ledger job appends the two task leaves; wait for it rather than race it.
    await jobsIdle();
    const job = await s.store.db
      .selectFrom('jobs')
      .select(['status', 'result'])
      .where('id', '=', report.ledger_job)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    expect(JSON.parse(job.result!)).toEqual({ leaves: 2 });
    expect(await ledger.size()).toBe(before + 2);
    const first = JSON.parse((await ledger.leaf(before))!.payload);
    expect(first).toMatchObject({
      kind: 'task',
      project: p2,
      licence: 'CC0-1.0',
      source: 's3://b/a.txt',
    });
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    const at = await recordAcceptedAnnotation(s.ctx, {
      project_id: p2,
      task_id: first.task,
      id: 99,
      version: 2,
      regions: '[{"b":1,"a":2}]',
    });
    expect(at).toBe(before + 2);
    const leaf = await ledger.leafFor('annotation', 'annotation:99');
    expect(JSON.parse(leaf!.payload)).toMatchObject({
      kind: 'annotation',
      version: 2,
      sha256: createHash('sha256').update('[{"a":2,"b":1}]').digest('hex'),
    });
  });

  it('an admin reads any ledger leaf', async () => {
    const r = await s.api(admin.token).get('/api/ledger/proof/inclusion?leaf=0');
    expect(r.status).toBe(200);
  });
});
