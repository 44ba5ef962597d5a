/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { parseCsvRecords } from '@tessera/core/convert';
import { DIALECTS, startTestServer, type TestServer } from './harness.ts';

type User = Awaited<ReturnType<TestServer['buildUser']>>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DIALECTS)('audit log viewer API on %s', (dialect) => {
  let s: TestServer;
  let admin: User;
  let alice: User; // manager of A
  let bob: User; // manager of B
  let ann: User; // annotator of A
  let projectA: number;
  let projectB: number;
  let midway: string;
  const secretPassword = 'Sup3r-secret-pass-word';

  beforeAll(async () => {
    s = await startTestServer(dialect);
    admin = await s.buildUser({ admin: true });
    alice = await s.buildUser();
    bob = await s.buildUser();
    ann = await s.buildUser();
    const schema = buildSchema();
    projectA = (await s.api(alice.token).post('/api/projects', { name: 'A', schema })).body.id;
    projectB = (await s.api(bob.token).post('/api/projects', { name: 'B', schema })).body.id;
    await s.api(alice.token).put(`/api/projects/${projectA}/members/${ann.id}`, {
      role: 'annotator',
    });
    await sleep(5);
    midway = new Date().toISOString();
    await sleep(5);
    // Audited events in both projects after `midway`.
    for (const [u, p] of [
      [alice, projectA],
      [alice, projectA],
      [bob, projectB],
    ] as const)
      expect((await s.api(u.token).get(`/api/projects/${p}/export?format=jsonl`)).status).toBe(200);
    // An annotator denied a manager action in A: an `access.manage` row in A.
    expect((await s.api(ann.token).get(`/api/projects/${projectA}/compliance`)).status).toBe(403);
    // A new user with a password, then a failed login with a formula-like name and one with
    // the password typed as the username: neither secret may reach the log.
    expect(
      (
        await s.api(admin.token).post('/api/users', {
          username: 'carol',
          password: secretPassword,
        })
      ).status,
    ).toBe(201);
    await s.api().post('/api/auth/login', { username: '=HYPERLINK("x")', password: 'nope-nope' });
    await s.api().post('/api/auth/login', { username: 'carol', password: `${secretPassword}x` });
    expect(
      (await s.api().post('/api/auth/login', { username: 'carol', password: secretPassword }))
        .status,
    ).toBe(200);
  });
  afterAll(() => s?.close());

  it('an admin reads every row, filtered by project, action, actor, result and time', async () => {
    const a = s.api(admin.token);
    const all = (await a.get('/api/audit?limit=500')).body.items as any[];
    expect(new Set(all.map((r) => r.project_id))).toEqual(
      new Set([null, projectA, projectB].filter((x) => all.some((r) => r.project_id === x))),
    );
    expect(all.some((r) => r.project_id === projectB)).toBe(true);

    const exports = (await a.get('/api/audit?action=export.download')).body.items as any[];
    expect(exports).toHaveLength(3);
    expect(exports.every((r) => r.action === 'export.download')).toBe(true);
    expect(exports[0].details).toEqual({ format: 'jsonl', tasks: 0 });

    const byAlice = (await a.get(`/api/audit?actor=${alice.username}&action=export.download`)).body
      .items;
    expect(byAlice).toHaveLength(2);
    const inB = (await a.get(`/api/audit?project_id=${projectB}&action=export.download`)).body
      .items;
    expect(inB).toHaveLength(1);
    expect(inB[0].actor_name).toBe(bob.username);

    const denied = (await a.get('/api/audit?result=denied')).body.items as any[];
    expect(denied.map((r) => r.action)).toContain('access.manage');
    expect(denied.every((r) => r.result === 'denied')).toBe(true);

    const after = (await a.get(`/api/audit?from=${encodeURIComponent(midway)}&limit=500`)).body
      .items as any[];
    const before = (await a.get(`/api/audit?to=${encodeURIComponent(midway)}&limit=500`)).body
      .items as any[];
    expect(after.every((r) => r.at >= midway)).toBe(true);
    expect(before.every((r) => r.at < midway)).toBe(true);
    expect(before.some((r) => r.action === 'export.download')).toBe(false);
    expect(after.length + before.length).toBe(all.length);
    // An offset other than Z means the same instant (midway at +08:00).
    const d = new Date(Date.parse(midway) + 8 * 3600_000).toISOString();
    const plus8 = `${d.slice(0, 23)}+08:00`;
    expect(
      (await a.get(`/api/audit?from=${encodeURIComponent(plus8)}&limit=500`)).body.items,
    ).toHaveLength(after.length);
  });

  it('pages by keyset: pages do not overlap and together give every row once', async () => {
    const a = s.api(admin.token);
    const all = (await a.get('/api/audit?limit=500')).body.items as any[];
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await a.get(`/api/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`))
        .body;
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((r: any) => r.id));
      cursor = page.next_cursor;
    } while (cursor);
    // The reads above are not audited, so the log did not grow meanwhile.
    expect(seen).toEqual(all.map((r) => r.id));
    expect([...seen].sort((x, y) => y - x)).toEqual(seen);
  });

  it('a project manager reads only their project; others get 403 or 404', async () => {
    const m = s.api(alice.token);
    expect((await m.get('/api/audit')).status).toBe(403);
    expect((await m.get('/api/audit/actions')).status).toBe(403);
    expect((await m.get('/api/audit/export')).status).toBe(403);
    expect((await m.get(`/api/audit?project_id=${projectB}`)).status).toBe(404);
    expect((await m.get(`/api/audit/export?project_id=${projectB}`)).status).toBe(404);
    expect((await m.get(`/api/audit/actions?project_id=${projectB}`)).status).toBe(404);
    expect((await m.get('/api/audit?project_id=999999')).status).toBe(404);
    const mine = (await m.get(`/api/audit?project_id=${projectA}&limit=500`)).body.items as any[];
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(mine.every((r) => r.project_id === projectA)).toBe(true);
    // Other filters cannot widen the scope.
    const byBob = (await m.get(`/api/audit?project_id=${projectA}&actor=${bob.username}`)).body;
    expect(byBob.items).toEqual([]);
    const actions = (await m.get(`/api/audit/actions?project_id=${projectA}`)).body.actions;
    expect(actions).toContain('export.download');
    expect(actions).toContain('access.manage');
    expect(actions).not.toContain('auth.login');

    const csv = (await m.get(`/api/audit/export?project_id=${projectA}&format=csv`)).text;
    const records = parseCsvRecords(csv);
    const projectCol = records[0]!.cells.indexOf('project_id');
    expect(records.length).toBeGreaterThan(3);
    expect(records.slice(1).every((r) => r.cells[projectCol] === String(projectA))).toBe(true);
    expect(csv).not.toContain(bob.username);

    // Annotators and reviewers of the project are refused with 403.
    expect((await s.api(ann.token).get(`/api/audit?project_id=${projectA}`)).status).toBe(403);
    expect((await s.api(bob.token).get(`/api/audit?project_id=${projectA}`)).status).toBe(404);
    expect((await s.api().get(`/api/audit?project_id=${projectA}`)).status).toBe(401);
  });

  it('exports CSV and JSONL streamed with the same rows as the list, and audits the export', async () => {
    const a = s.api(admin.token);
    const list = (await a.get('/api/audit?limit=500&action=export.download')).body.items as any[];
    const jsonl = await a.get('/api/audit/export?format=jsonl&action=export.download');
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    expect(jsonl.headers.get('content-disposition')).toBe('attachment; filename="audit.jsonl"');
    const lines = jsonl.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(list);

    const csv = await a.get('/api/audit/export?action=export.download');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = parseCsvRecords(csv.text);
    expect(rows[0]!.cells).toEqual([
      'id',
      'at',
      'actor_id',
      'actor_name',
      'action',
      'project_id',
      'target_type',
      'target_id',
      'result',
      'ip',
      'details',
    ]);
    expect(rows.slice(1).map((r) => Number(r.cells[0]))).toEqual(list.map((r) => r.id));
    expect(JSON.parse(rows[1]!.cells[10]!)).toEqual(list[0].details);

    const logged = (await a.get('/api/audit?action=audit.export')).body.items as any[];
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged[0]).toMatchObject({ actor_id: admin.id, target_type: 'audit_log' });
    expect(logged[0].details).toMatchObject({
      format: 'csv',
      filters: { action: 'export.download' },
    });

    // Spreadsheet formulas in a cell are neutralised.
    const all = (await a.get('/api/audit/export?action=auth.login')).text;
    expect(all).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('never holds secrets: passwords, tokens and secret-named details stay out', async () => {
    const a = s.api(admin.token);
    const csv = (await a.get('/api/audit/export?format=csv')).text;
    const jsonl = (await a.get('/api/audit/export?format=jsonl')).text;
    for (const text of [csv, jsonl]) {
      expect(text).not.toContain(secretPassword);
      for (const u of [admin, alice, bob, ann]) expect(text).not.toContain(u.token);
    }
    await s.ctx.audit.append({
      action: 'test.secret',
      details: { user: 3, nested: { api_key: 'sk-123', password: 'p' }, tokens: ['t'] },
    });
    const row = (await a.get('/api/audit?action=test.secret')).body.items[0];
    expect(row.details).toEqual({
      user: 3,
      nested: { api_key: '[redacted]', password: '[redacted]' },
      tokens: '[redacted]',
    });
  });

  it('refuses bad filters with a 400 naming the field', async () => {
    const a = s.api(admin.token);
    const bad = async (q: string, what: RegExp) => {
      const r = await a.get(`/api/audit${q}`);
      expect(r.status, q).toBe(400);
      expect(JSON.stringify(r.body), q).toMatch(what);
    };
    await bad('?from=yesterday', /from/);
    await bad('?from=2026-03-01T00:00:00', /zone/);
    await bad('?to=2026-13-45T00:00:00Z', /to/);
    await bad(`?from=${encodeURIComponent(midway)}&to=${encodeURIComponent(midway)}`, /before/);
    await bad('?cursor=abc', /cursor/);
    await bad('?limit=0', /limit/);
    await bad('?result=maybe', /result/);
    await bad('?sort=asc', /sort/);
    await bad('/export?format=xlsx', /format/);
  });
});
