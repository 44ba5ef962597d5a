import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { DIALECTS, freshDatabase } from '../../server/test/harness.ts';
import { runCli, spawnServer, type ServerProcess } from '../../server/test/process.ts';

describe('tessera CLI: help and start-up checks', () => {
  it('every command has --help', async () => {
    for (const cmd of [
      [],
      ['serve'],
      ['worker'],
      ['migrate'],
      ['user', 'create'],
      ['token', 'create'],
      ['project', 'create'],
      ['import'],
      ['export'],
    ]) {
      const r = await runCli([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: tessera/);
    }
  });

  it('refuses to start in production without a configured secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-prod-'));
    const r = await runCli(['serve', '--data', dir, '--port', '0'], {
      TESSERA_ENV: 'production',
      TESSERA_SECRET: '',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/TESSERA_SECRET is not set: in production Tessera refuses to start/);
    const short = await runCli(['serve', '--data', dir, '--port', '0'], {
      TESSERA_ENV: 'production',
      TESSERA_SECRET: 'short',
    });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/TESSERA_SECRET: must be at least 32 characters/);
  });

  it('prints errors a user can act on', async () => {
    expect(
      (await runCli(['import', 'nope.jsonl', '--project', '1', '--token', 't'])).stderr,
    ).toMatch(/Cannot read nope.jsonl: no such file/);
    expect(
      (await runCli(['import', 'x.jsonl', '--project', 'abc', '--token', 't'])).stderr,
    ).toMatch(/--project must be a project id/);
    const unreachable = await runCli([
      'project',
      'create',
      '--name',
      'x',
      '--schema',
      '/dev/null',
      '--token',
      't',
      '--server',
      'http://127.0.0.1:1',
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/is not valid JSON|Cannot reach/);
    const noToken = await runCli(['export', '--project', '1', '--out', '/tmp/x'], {
      TESSERA_TOKEN: '',
    });
    expect(noToken.stderr).toMatch(/No API token/);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command/);
  });
});

describe.each(DIALECTS)('tessera CLI against a live server on %s', (dialect) => {
  let server: ServerProcess;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let storeArgs: string[];
  let token: string;
  const work = mkdtempSync(join(tmpdir(), 'tessera-cli-'));

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    storeArgs = [
      '--data',
      db.dataDir,
      ...(db.databaseUrl ? ['--database-url', db.databaseUrl] : []),
    ];
    server = await spawnServer(storeArgs, { TESSERA_ADMIN_PASSWORD: 'cli-admin-password' });
  });
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await db?.drop();
  });

  it('creates a user and a token on the store directly', async () => {
    const u = await runCli(['user', 'create', '--username', 'maria', ...storeArgs], {
      TESSERA_NEW_PASSWORD: 'maria-password-1',
    });
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout).toMatch(/Created user maria/);
    const dup = await runCli(['user', 'create', '--username', 'maria', ...storeArgs], {
      TESSERA_NEW_PASSWORD: 'maria-password-1',
    });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/username "maria" is taken/);
    const t = await runCli(['token', 'create', '--user', 'maria', ...storeArgs]);
    expect(t.code, t.stderr).toBe(0);
    token = t.stdout.trim();
    expect(token).toMatch(/^tsr_/);
  });

  it('creates a project, imports with a line-numbered report, and exports', async () => {
    const env = { TESSERA_TOKEN: token, TESSERA_URL: server.url };
    const schemaFile = join(work, 'schema.json');
    writeFileSync(schemaFile, JSON.stringify(buildSchema()));
    const badSchema = join(work, 'bad.json');
    writeFileSync(badSchema, JSON.stringify({ fields: [], controls: [] }));
    const bad = await runCli(['project', 'create', '--name', 'x', '--schema', badSchema], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/labeling schema is invalid[\s\S]*schema\.fields/);
    const p = await runCli(
      ['project', 'create', '--name', 'CLI project', '--schema', schemaFile],
      env,
    );
    expect(p.code, p.stderr).toBe(0);
    const pid = /Created project (\d+)/.exec(p.stdout)![1]!;

    const file = join(work, 'tasks.jsonl');
    writeFileSync(file, ['{"text":"a"}', '{"text":"b"}', 'not json', '{"text":"d"}'].join('\n'));
    const abort = await runCli(['import', file, '--project', pid], env);
    expect(abort.code).toBe(1);
    expect(abort.stdout).toMatch(/Stopped at line 3: not valid JSON/);
    expect(abort.stdout).toMatch(/Stored 2 task\(s\) from before that line/);
    const skip = await runCli(['import', file, '--project', pid, '--on-error', 'skip'], env);
    expect(skip.code).toBe(2);
    expect(skip.stdout).toMatch(
      /Stored 1 task\(s\); 2 already stored \(same content\) were skipped; 1 record\(s\) were refused/,
    );
    expect(skip.stdout).toMatch(/line 3: not valid JSON/);
    // not a terminal: plain progress lines, no bar escape codes
    expect(skip.stderr).not.toContain(String.fromCharCode(27));

    const out = join(work, 'out.csv');
    const ex = await runCli(['export', '--project', pid, '--format', 'csv', '--out', out], env);
    expect(ex.code, ex.stderr).toBe(0);
    expect(ex.stderr).toMatch(/Wrote .*out\.csv \(\d+ bytes, 3 task\(s\) in the project\)/);
    expect(readFileSync(out, 'utf8').trim().split(/\r?\n/)).toHaveLength(4);
    const missing = await runCli(
      ['export', '--project', '999', '--out', join(work, 'no.jsonl')],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Project was not found/);
    expect(existsSync(join(work, 'no.jsonl'))).toBe(false);
    const badFormat = await runCli(
      ['export', '--project', pid, '--format', 'xlsx', '--out', join(work, 'x')],
      env,
    );
    expect(badFormat.stderr).toMatch(
      /--format must be one of jsonl, csv, ls, coco, yolo, voc, conll, hf/,
    );
  });

  it('versions: create, list, diff, and export a version in another format', async () => {
    const env = { TESSERA_TOKEN: token, TESSERA_URL: server.url };
    const pid = /Created project (\d+)/.exec(
      (
        await runCli(
          ['project', 'create', '--name', 'V', '--schema', join(work, 'schema.json')],
          env,
        )
      ).stdout,
    )![1]!;
    const file = join(work, 'v.jsonl');
    writeFileSync(file, '{"text":"a"}\n{"text":"b"}\n');
    expect((await runCli(['import', file, '--project', pid], env)).code).toBe(0);
    const v1 = await runCli(['version', 'create', '--project', pid, '--name', 'first'], env);
    expect(v1.code, v1.stderr).toBe(0);
    const id1 = /Created version (\d+) \(2 tasks, sha256 [0-9a-f]{64}\)/.exec(v1.stdout)![1]!;
    writeFileSync(file, '{"text":"c"}\n');
    await runCli(['import', file, '--project', pid], env);
    const id2 = /Created version (\d+)/.exec(
      (await runCli(['version', 'create', '--project', pid, '--name', 'second'], env)).stdout,
    )![1]!;
    const list = await runCli(['version', 'list', '--project', pid], env);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
    const diff = await runCli(['version', 'diff', id1, id2, '--project', pid], env);
    expect(diff.stdout).toMatch(/tasks: \+1 −0 changed 0 unchanged 2/);
    const out = join(work, 'v1.conll');
    const ex = await runCli(
      ['export', '--project', pid, '--format', 'conll', '--version', id1, '--out', out],
      env,
    );
    expect(ex.code, ex.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^a\s+O/m);
    expect(readFileSync(out, 'utf8')).not.toMatch(/^c\s/m);
  });
});
