import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { DIALECTS, startTestServer, type TestServer } from './harness.ts';

describe.each(DIALECTS)('access control on %s', (dialect) => {
  let s: TestServer;
  let admin: Awaited<ReturnType<TestServer['buildUser']>>;
  let alice: Awaited<ReturnType<TestServer['buildUser']>>; // manager of A
  let bob: Awaited<ReturnType<TestServer['buildUser']>>; // manager of B
  let ann: Awaited<ReturnType<TestServer['buildUser']>>; // annotator of A
  let projectA: number;
  let projectB: number;
  const idsB: Record<string, number> = {};

  beforeAll(async () => {
    s = await startTestServer(dialect);
    admin = await s.buildUser({ admin: true });
    alice = await s.buildUser();
    bob = await s.buildUser();
    ann = await s.buildUser();
    projectA = (
      await s.api(alice.token).post('/api/projects', { name: 'A', schema: buildSchema() })
    ).body.id;
    projectB = (await s.api(bob.token).post('/api/projects', { name: 'B', schema: buildSchema() }))
      .body.id;
    expect(
      (
        await s
          .api(alice.token)
          .put(`/api/projects/${projectA}/members/${ann.id}`, { role: 'annotator' })
      ).status,
    ).toBe(200);
    const b = s.api(bob.token);
    await b.raw(
      'POST',
      `/api/projects/${projectB}/import?format=jsonl`,
      '{"text":"b1"}\n{"text":"b2"}\n',
    );
    const tasks = (await b.get(`/api/projects/${projectB}/tasks`)).body.items;
    idsB.task = tasks[0].id;
    idsB.annotation = (
      await b.post(`/api/projects/${projectB}/tasks/${idsB.task}/annotations`, {
        regions: [
          { id: 'r1', control: 'sentiment', type: 'choice', value: { choices: ['positive'] } },
        ],
      })
    ).body.id;
    idsB.prediction = (
      await b.post(`/api/projects/${projectB}/tasks/${idsB.task}/predictions`, {
        model: 'm',
        model_version: '1',
        regions: [],
      })
    ).body.id;
    idsB.export = (await b.post(`/api/projects/${projectB}/exports`, { format: 'jsonl' })).body.id;
    expect(Object.values(idsB).every((v) => typeof v === 'number')).toBe(true);
  });
  afterAll(() => s?.close());

  it('a member of project A gets 404 for every id of project B, and nothing changes', async () => {
    const a = s.api(alice.token);
    const B = `/api/projects/${projectB}`;
    const probes: Array<[string, string, unknown?]> = [
      ['GET', B],
      ['PATCH', B, { name: 'pwned' }],
      ['DELETE', B],
      ['GET', `${B}/tasks`],
      ['GET', `${B}/tasks/${idsB.task}`],
      ['DELETE', `${B}/tasks/${idsB.task}`],
      ['GET', `${B}/tasks/${idsB.task}/annotations`],
      ['POST', `${B}/tasks/${idsB.task}/annotations`, { regions: [] }],
      ['GET', `${B}/annotations/${idsB.annotation}`],
      ['PATCH', `${B}/annotations/${idsB.annotation}`, { regions: [], version: 1 }],
      ['DELETE', `${B}/annotations/${idsB.annotation}`],
      ['GET', `${B}/tasks/${idsB.task}/predictions`],
      ['GET', `${B}/predictions/${idsB.prediction}`],
      ['DELETE', `${B}/predictions/${idsB.prediction}`],
      ['GET', `${B}/export`],
      ['POST', `${B}/exports`, { format: 'jsonl' }],
      ['GET', `${B}/exports/${idsB.export}`],
      ['GET', `${B}/exports/${idsB.export}/download`],
      ['GET', `${B}/members`],
      ['POST', `${B}/next`],
      ['GET', `${B}/media/1`],
    ];
    for (const [method, path, body] of probes) {
      const res =
        method === 'GET'
          ? await a.get(path)
          : method === 'DELETE'
            ? await a.delete(path)
            : method === 'POST'
              ? await a.post(path, body)
              : await a.patch(path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    // ids of project B asked through project A are not found either
    expect((await a.get(`/api/projects/${projectA}/tasks/${idsB.task}`)).status).toBe(404);
    expect((await a.get(`/api/projects/${projectA}/annotations/${idsB.annotation}`)).status).toBe(
      404,
    );
    expect((await a.get(`/api/projects/${projectA}/predictions/${idsB.prediction}`)).status).toBe(
      404,
    );
    expect((await a.get(`/api/projects/${projectA}/exports/${idsB.export}`)).status).toBe(404);
    const b = s.api(bob.token);
    expect((await b.get(`${B}`)).body.name).toBe('B');
    expect((await b.get(`${B}/annotations/${idsB.annotation}`)).status).toBe(200);
    expect((await b.get(`${B}/tasks`)).body.items).toHaveLength(2);
  });

  it('a role or is_admin field in a request body never changes a role', async () => {
    const an = s.api(ann.token);
    // an annotator tries to promote themselves in every way a body could carry it
    expect(
      (await an.put(`/api/projects/${projectA}/members/${ann.id}`, { role: 'manager' })).status,
    ).toBe(403);
    expect((await an.patch(`/api/users/${ann.id}`, { is_admin: true })).status).toBe(403);
    expect(
      (await an.patch(`/api/projects/${projectA}`, { name: 'x', role: 'manager' })).status,
    ).toBe(400);
    expect(
      (
        await an.post('/api/projects', {
          name: 'mine',
          schema: buildSchema(),
          role: 'admin',
          is_admin: true,
        })
      ).status,
    ).toBe(400);
    expect((await an.post('/api/tokens', { name: 't', is_admin: true })).status).toBe(400);
    expect(
      (
        await an.post(`/api/projects/${projectA}/tasks/1/annotations`, {
          regions: [],
          role: 'manager',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await an.post('/api/auth/login', {
          username: ann.username,
          password: ann.password,
          is_admin: true,
        })
      ).status,
    ).toBe(400);
    const me = await an.get('/api/auth/me');
    expect(me.body.user.is_admin).toBe(false);
    const members = (await s.api(alice.token).get(`/api/projects/${projectA}/members`)).body.items;
    expect(members.find((m: { user_id: number }) => m.user_id === ann.id).role).toBe('annotator');
    // only an admin changes is_admin, and it is audited
    const other = await s.buildUser();
    expect(
      (await s.api(admin.token).patch(`/api/users/${other.id}`, { is_admin: true })).status,
    ).toBe(200);
    const audit = (await s.api(admin.token).get('/api/audit?action=user.update')).body.items;
    expect(audit[0]).toMatchObject({
      action: 'user.update',
      actor_id: admin.id,
      target_id: String(other.id),
    });
  });

  it('no session gives 401; a wrong role gives 403', async () => {
    const anon = s.api();
    for (const path of [
      '/api/projects',
      `/api/projects/${projectA}`,
      `/api/projects/${projectA}/tasks`,
      '/api/auth/me',
      '/api/users',
      '/api/audit',
      '/api/tokens',
    ]) {
      expect((await anon.get(path)).status, path).toBe(401);
    }
    expect((await anon.post('/api/projects', { name: 'x', schema: buildSchema() })).status).toBe(
      401,
    );
    expect((await s.api('tsr_not-a-real-token').get('/api/projects')).status).toBe(401);
    const an = s.api(ann.token);
    expect((await an.raw('POST', `/api/projects/${projectA}/import`, '{"text":"x"}')).status).toBe(
      403,
    );
    expect((await an.get(`/api/projects/${projectA}/export`)).status).toBe(403);
    expect((await an.post(`/api/projects/${projectA}/exports`, { format: 'csv' })).status).toBe(
      403,
    );
    expect((await an.patch(`/api/projects/${projectA}`, { name: 'renamed' })).status).toBe(403);
    expect((await an.delete(`/api/projects/${projectA}`)).status).toBe(403);
    expect((await an.get('/api/users')).status).toBe(403);
    expect((await an.get('/api/audit')).status).toBe(403);
    expect((await an.get(`/api/projects/${projectA}/tasks`)).status).toBe(200);
  });

  it('repeated failed logins are throttled and logged', async () => {
    const victim = await s.buildUser();
    const anon = s.api();
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await anon.post('/api/auth/login', {
            username: victim.username,
            password: 'wrong-password',
          })
        ).status,
      ).toBe(401);
    }
    const blocked = await anon.post('/api/auth/login', {
      username: victim.username,
      password: victim.password,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    const audit = (await s.api(admin.token).get('/api/audit?action=auth.login')).body.items.filter(
      (r: { target_id: string }) => r.target_id === victim.username,
    );
    expect(audit.filter((r: { result: string }) => r.result === 'failed')).toHaveLength(5);
    const throttled = (await s.api(admin.token).get('/api/audit?action=auth.login_throttled')).body
      .items;
    expect(throttled.some((r: { target_id: string }) => r.target_id === victim.username)).toBe(
      true,
    );
  });

  it('cookie sessions need the CSRF token and a same-origin Origin; logout and password change end them', async () => {
    const u = await s.buildUser();
    const login = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u.username, password: u.password }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    const { csrf_token } = (await login.json()) as { csrf_token: string };
    const post = (headers: Record<string, string>) =>
      fetch(`${s.url}/api/tokens`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'x' }),
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect(
      (await post({ 'x-csrf-token': csrf_token, origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect((await post({ 'x-csrf-token': csrf_token })).status).toBe(201);
    const me = () => fetch(`${s.url}/api/auth/me`, { headers: { cookie } }).then((r) => r.status);
    expect(await me()).toBe(200);
    // a password change ends the session and every token
    const pw = await fetch(`${s.url}/api/auth/password`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf_token, 'content-type': 'application/json' },
      body: JSON.stringify({ current_password: u.password, new_password: 'a-brand-new-password' }),
    });
    expect(pw.status).toBe(200);
    expect(await me()).toBe(401);
    expect((await s.api(u.token).get('/api/auth/me')).status).toBe(401);
  });

  it('responses never contain password hashes or token hashes', async () => {
    const res = await s.api(admin.token).get('/api/users');
    expect(res.text).not.toMatch(/argon2|password_hash|token_hash/);
    const tokens = await s.api(admin.token).get('/api/tokens');
    expect(tokens.text).not.toMatch(/token_hash/);
  });

  it('the audit log is append-only in the store itself', async () => {
    await expect(
      s.store.db.updateTable('audit_log').set({ action: 'tampered' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(s.store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});
