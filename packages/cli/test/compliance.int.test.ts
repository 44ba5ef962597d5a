import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tessera/core/format';
import { createContext, importTasks, openStore, writeExport } from '@tessera/server';
import {
  buildExportManifest,
  writeSidecar,
} from '../../server/src/compliance/export-manifest.service.ts';
import { hashingTap } from '../../server/src/compliance/line-hasher.ts';
import { createUser } from '../../server/src/services/auth.service.ts';
import { freshDatabase, testConfig } from '../../server/test/harness.ts';
import { registerComplianceCommands } from '../src/commands/compliance.ts';
import { actionExit } from '../src/errors.ts';

const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Runs the compliance commands in-process; resolves to exit code and output. */
async function run(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const program = new Command('tessera')
    .exitOverride()
    .configureOutput({ writeOut: (t) => void (out += t), writeErr: (t) => void (err += t) });
  registerComplianceCommands(program, {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    env,
  });
  actionExit.code = 0;
  let code: number;
  try {
    await program.parseAsync(['node', 'tessera', ...args]);
    code = actionExit.code;
  } catch (e) {
    const ce = e as { exitCode?: number; message: string };
    if (ce.exitCode === undefined) err += `error: ${ce.message}\n`;
    code = ce.exitCode ?? 1;
  }
  return { code, out, err };
}

/**
 * Runs the commands as a real process, the way main.ts does (print the error, exit 1), for
 * exit codes and memory on large inputs.
 */
function spawnCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const code = `import { Command } from 'commander';
import { registerComplianceCommands } from './src/commands/compliance.ts';
import { actionExit } from './src/errors.ts';
const p = new Command('tessera').exitOverride();
registerComplianceCommands(p);
try { await p.parseAsync(process.argv.slice(0, 1).concat(['tessera'], process.argv.slice(1))); process.exitCode = actionExit.code; }
catch (e) { if (e.exitCode === undefined) process.stderr.write('error: ' + e.message + '\\n'); process.exitCode = e.exitCode ?? 1; }`;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', code, ...args],
      {
        cwd: CLI_DIR,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (c) => resolve({ code: c ?? -1, stdout, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'tessera-compliance-cli-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = [
  'Nothing personal here.',
  '联系人张伟，手机13812345678。',
  '',
  'mail: zhang.wei@example.com',
].join('\n');

describe('tessera pii scan', () => {
  it('prints each finding with its line, a masked preview and a summary', async () => {
    const r = await run(['pii', 'scan', file('a.txt', TEXT)]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('a.txt:2 [8,19) CN_MOBILE 0.95 13*******78');
    expect(r.out).toContain('a.txt:4 [6,27) EMAIL');
    expect(r.out).not.toContain('13812345678');
    expect(r.out).toMatch(/3 findings in 4 lines: CN_PERSON 1, CN_MOBILE 1, EMAIL 1/);
    const shown = await run([
      'pii',
      'scan',
      join(dir, 'a.txt'),
      '--show',
      '--entities',
      'cn_mobile',
    ]);
    expect(shown.out).toContain('CN_MOBILE 0.95 13812345678');
    expect(shown.out).toMatch(/^1 finding in 4 lines/m);
  });

  it('scans JSONL records, the data object of interchange records, and prints JSON', async () => {
    const p = file(
      'b.jsonl',
      [
        JSON.stringify({
          data: { text: '手机13812345678', title: 'a@b.cn is mine' },
          meta: { note: '13912345678' },
        }),
        JSON.stringify({ text: 'no pii' }),
      ].join('\n'),
    );
    const r = await run(['pii', 'scan', p, '--json', '--fields', 'text']);
    const j = JSON.parse(r.out) as {
      findings: { line: number; path: string; entity: string }[];
      lines: number;
    };
    expect(j.lines).toBe(2);
    expect(j.findings.map((x) => [x.line, x.path, x.entity])).toEqual([[1, 'text', 'CN_MOBILE']]);
    const all = JSON.parse((await run(['pii', 'scan', p, '--json'])).out) as {
      by_entity: Record<string, number>;
    };
    expect(all.by_entity).toEqual({ CN_MOBILE: 1, EMAIL: 1 }); // meta is not data
  });

  it('refuses binary data, invalid UTF-8 and bad JSON with the place and a fix', async () => {
    const png = await run([
      'pii',
      'scan',
      file('c.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])),
    ]);
    expect(png.code).toBe(1);
    expect(png.err).toMatch(/binary data \(a NUL byte at byte 9\)/);
    const gbk = await run([
      'pii',
      'scan',
      file('d.txt', Buffer.concat([Buffer.from('ok\n手机'), Buffer.from([0xc4, 0xe3])])),
    ]);
    expect(gbk.code).toBe(1);
    expect(gbk.err).toMatch(
      /line 2 is not valid UTF-8 \(bad byte 0xc4 at byte 7 of the line\); convert the file to UTF-8/,
    );
    const json = await run(['pii', 'scan', file('e.jsonl', '{"text":"13812345678"}\n{oops\n')]);
    expect(json.code).toBe(1);
    expect(json.err).toMatch(/line 2 is not valid JSON/);
    expect(json.out).toMatch(/1 finding in 2 lines/); // the good line was still scanned
    expect((await run(['pii', 'scan', join(dir, 'nope.txt')])).err).toMatch(
      /cannot read the input file ".*nope.txt": no such file/,
    );
    expect((await run(['pii', 'scan', join(dir, 'a.txt'), '--entities', 'PHONE'])).err).toMatch(
      /unknown entity PHONE; known: CN_RESIDENT_ID/,
    );
    expect(
      (await run(['pii', 'scan', join(dir, 'a.txt'), '--max-text-bytes', 'lots'])).err,
    ).toMatch(/--max-text-bytes must be a size like 16M/);
  });

  it('a 100 MB single text is refused by the per-text cap, streamed in bounded memory', async () => {
    const p = join(dir, 'huge.txt');
    const out = createWriteStream(p);
    const block = '手机13812345678 '.repeat(4096);
    const src = Readable.from(
      (function* () {
        for (let n = 0; n < 100 * 1024 * 1024; n += Buffer.byteLength(block)) yield block;
        yield '\nlast line 13912345678\n';
      })(),
    );
    src.pipe(out);
    await finished(out);
    const t = performance.now();
    const r = await spawnCli(['pii', 'scan', p]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /line 1 is 100\.\d MiB, over the 16 MiB limit for one text; split it into lines or raise --max-text-bytes/,
    );
    expect(r.stdout).toMatch(/huge.txt:2 .* CN_MOBILE/); // the rest of the file is still scanned
    expect(performance.now() - t).toBeLessThan(60_000);
    rmSync(p);
  });

  it('exits 2 with --fail-on-findings when something is found', async () => {
    expect((await spawnCli(['pii', 'scan', join(dir, 'a.txt'), '--fail-on-findings'])).code).toBe(
      2,
    );
    expect(
      (await spawnCli(['pii', 'scan', file('clean.txt', 'nothing\n'), '--fail-on-findings'])).code,
    ).toBe(0);
  });
});

describe('tessera pii redact', () => {
  const policy = file(
    'policy.json',
    JSON.stringify({
      operators: { CN_MOBILE: { type: 'mask', head: 3, tail: 4 }, EMAIL: { type: 'redact' } },
    }),
  );

  it('writes a redacted copy of a text file and keeps its lines', async () => {
    const outPath = join(dir, 'a.redacted.txt');
    const r = await run([
      'pii',
      'redact',
      join(dir, 'a.txt'),
      '--policy',
      policy,
      '--out',
      outPath,
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(outPath, 'utf8')).toBe(
      ['Nothing personal here.', '联系人张伟，手机138****5678。', '', 'mail: [REDACTED]', ''].join(
        '\n',
      ),
    );
    expect(r.err).toMatch(/redacted CN_MOBILE 1, EMAIL 1 in 4 lines -> .*a.redacted.txt/);
  });

  it('redacts JSONL records in place, pseudonyms need a key, and names a bad policy', async () => {
    const p = file(
      'r.jsonl',
      JSON.stringify({
        id: 7,
        data: { text: '张伟的邮箱 zhang.wei@example.com' },
        meta: { n: 1 },
      }) + '\n',
    );
    const pseud = file('p.json', JSON.stringify({ EMAIL: { type: 'pseudonym' } }));
    const noKey = await run(['pii', 'redact', p, '--policy', pseud]);
    expect(noKey.code).toBe(1);
    expect(noKey.err).toMatch(
      /uses pseudonym for EMAIL, which needs a secret key of at least 16 characters in \$TESSERA_PII_KEY/,
    );
    const env = { TESSERA_PII_KEY: 'k'.repeat(32) };
    const a = await run(['pii', 'redact', p, '--policy', pseud], env);
    const b = await run(['pii', 'redact', p, '--policy', pseud], env);
    const rec = JSON.parse(a.out) as { id: number; data: { text: string }; meta: unknown };
    expect(rec.id).toBe(7);
    expect(rec.meta).toEqual({ n: 1 });
    expect(rec.data.text).toMatch(/^张伟的邮箱 \S+@example\.com$/);
    expect(rec.data.text).not.toContain('zhang.wei');
    expect(b.out).toBe(a.out); // consistent under one key
    const bad = file('bad.json', JSON.stringify({ operators: { EMAIL: { type: 'blur' } } }));
    expect((await run(['pii', 'redact', p, '--policy', bad])).err).toMatch(
      /--policy ".*bad.json": operators.EMAIL.type/,
    );
    const unknown = file('unk.json', JSON.stringify({ PHONE: { type: 'redact' } }));
    expect((await run(['pii', 'redact', p, '--policy', unknown])).err).toMatch(
      /unknown entity PHONE/,
    );
  });

  it('leaves no partial output when a line cannot be read', async () => {
    const p = file(
      'mixed.txt',
      Buffer.concat([Buffer.from('手机13812345678\n'), Buffer.from([0xff, 0x0a])]),
    );
    const outPath = join(dir, 'mixed.out');
    const r = await run(['pii', 'redact', p, '--policy', policy, '--out', outPath]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 2 is not valid UTF-8 .*; nothing was written to .*mixed.out/);
    expect(existsSync(outPath)).toBe(false);
    expect(existsSync(`${outPath}.partial`)).toBe(false);
  });
});

describe('tessera ledger verify', () => {
  let exportPath: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabase('sqlite');
    drop = fresh.drop;
    const store = await openStore({ dataDir: fresh.dataDir });
    const config = testConfig(fresh.dataDir, undefined);
    const ctx = createContext(config, store);
    const user = await createUser(
      ctx,
      { username: 'owner', password: 'password-long-1', is_admin: false },
      null,
    );
    const schema = buildSchema();
    const project = await ctx.projects.create({
      name: 'p',
      description: '',
      schema: JSON.stringify(schema),
      settings: '{}',
      created_by: user.id,
    });
    const records = ['positive', 'negative', 'neutral'].map((label, i) =>
      JSON.stringify({
        data: { text: `review ${i}` },
        annotations: [
          {
            regions: [
              { id: 'c', control: 'sentiment', type: 'choice', value: { choices: [label] } },
            ],
          },
        ],
      }),
    );
    await importTasks({
      store,
      projectId: project.id,
      schema,
      userId: user.id,
      input: Readable.from([Buffer.from(records.join('\n'))]),
      format: 'jsonl',
      onError: 'abort',
      maxRecordBytes: 1 << 20,
    });
    exportPath = join(dir, 'export.jsonl');
    const out = createWriteStream(exportPath);
    const tap = hashingTap();
    tap.pipe(out);
    await writeExport({ store, projectId: project.id, schema, format: 'jsonl', out: tap });
    tap.end();
    await finished(out);
    await writeSidecar(
      `${exportPath}.manifest.json`,
      await buildExportManifest(ctx, project.id, tap.items()),
    );
    writeFileSync(
      join(dir, 'ledger.pem'),
      (JSON.parse(readFileSync(`${exportPath}.manifest.json`, 'utf8')) as { public_key: string })
        .public_key,
    );
    await store.close();
  });
  afterAll(() => drop?.());

  it('accepts an untouched export and names the item when one byte of an annotation changes', async () => {
    const ok = await run(['ledger', 'verify', exportPath, '--public-key', join(dir, 'ledger.pem')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(
      /^ok: 3 items match the signed manifest .* the export is leaf 0 of the ledger tree of 1/,
    );

    const original = readFileSync(exportPath, 'utf8');
    const lines = original.split('\n');
    const id = (JSON.parse(lines[1]!) as { id: number }).id;
    writeFileSync(exportPath, original.replace('"negative"', '"negativE"'));
    const bad = await spawnCli(['ledger', 'verify', exportPath]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      new RegExp(
        `^FAILED: item ${id} \\(line 2\\): sha256_mismatch: content sha256 [0-9a-f]{64} differs`,
      ),
    );
    writeFileSync(exportPath, original);
  });

  it('reports a dropped item, a foreign key and a missing manifest', async () => {
    const original = readFileSync(exportPath, 'utf8');
    const lines = original.split('\n');
    writeFileSync(exportPath, [lines[0], lines[2], ''].join('\n'));
    const dropped = await run(['ledger', 'verify', exportPath]);
    expect(dropped.code).toBe(1);
    expect(dropped.err).toMatch(
      /FAILED: item \d+: missing: listed in the manifest but not in the export/,
    );
    writeFileSync(exportPath, original);

    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const foreign = await run([
      'ledger',
      'verify',
      exportPath,
      '--public-key',
      file('other.pem', other),
    ]);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toMatch(
      /FAILED: manifest: key_mismatch: signed by key [0-9a-f]{16}…, not by the pinned key/,
    );

    const missing = await run(['ledger', 'verify', file('lonely.jsonl', '{"id":1}\n')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      /cannot read the manifest ".*lonely.jsonl.manifest.json": no such file \(pass --manifest\)/,
    );
  });
});
