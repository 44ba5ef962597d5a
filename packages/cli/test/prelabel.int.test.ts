/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { DIALECTS } from '../../server/test/harness.ts';
import { fakeServer, startMlServer, type MlTestServer } from '../../server/test/ml-harness.ts';
import { registerPrelabelCommands } from '../src/commands/prelabel.ts';
import { actionExit } from '../src/errors.ts';

const SCHEMA = {
  version: 1,
  fields: [{ name: 'text', type: 'text' }],
  controls: [
    {
      name: 'label',
      type: 'choices',
      field: 'text',
      labels: [{ value: 'ham' }, { value: 'spam' }],
    },
  ],
};

/** Runs `tessera prelabel …` in-process; returns exit code and what it printed. */
async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const so = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((s) => (out.push(String(s)), true));
  const se = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((s) => (err.push(String(s)), true));
  actionExit.code = 0;
  let code = 0;
  try {
    const program = new Command('tessera').exitOverride();
    registerPrelabelCommands(program);
    await program.parseAsync(['node', 'tessera', 'prelabel', ...args]);
    code = actionExit.code;
  } catch (e) {
    err.push((e as Error).message);
    code = 1;
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe.each(DIALECTS)('tessera prelabel on %s', (dialect) => {
  let s: MlTestServer;
  let fake: Awaited<ReturnType<typeof fakeServer>>;
  let token: string;
  let pid: number;

  beforeAll(async () => {
    fake = await fakeServer(async (req) => {
      if (req.path === '/setup') return { json: { model_version: 'cli-1' } };
      const results = (req.body.tasks as any[]).map((t) => ({
        result: [
          {
            from_name: 'label',
            to_name: 'text',
            type: 'choices',
            value: { choices: [t.data.text.startsWith('x') ? 'nope' : 'ham'] },
          },
        ],
        score: 0.9,
      }));
      return { delayMs: 20, json: { results } };
    });
    s = await startMlServer(dialect, { fetchAllow: ['127.0.0.1'] });
    token = (await s.buildUser()).token;
    const m = s.api(token);
    pid = (await m.post('/api/projects', { name: 'cli', schema: SCHEMA })).body.id;
    const body = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ text: `${i === 3 ? 'x' : 'm'} ${i}` }),
    ).join('\n');
    await m.raw('POST', `/api/projects/${pid}/import`, body);
    const res = await m.post(`/api/projects/${pid}/models`, {
      name: 'srv',
      kind: 'ls-ml-backend',
      controls: ['label'],
      settings: { url: fake.url, tasks_per_call: 5, batch_size: 10 },
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await s?.close();
    await fake?.close();
  });

  it('starts a job, follows it to the end and summarises it (exit 2 with a rejection)', async () => {
    const r = await run([
      '--project',
      String(pid),
      '--model',
      'srv',
      '--server',
      s.url,
      '--token',
      token,
      '--interval',
      '50',
    ]);
    expect(r.stdout).toMatch(
      /Pre-labeled 30 task\(s\) in job \d+: 29 stored, 1 rejected, 0 failed/,
    );
    expect(r.stdout).toMatch(/task \d+: regions\[0\]\.value\.choices\[0\]/);
    expect(r.code).toBe(2);
    const preds = (await s.api(token).get(`/api/projects/${pid}/tasks?limit=50`)).body.items.filter(
      (t: any) => t.prediction_count === 1,
    );
    expect(preds).toHaveLength(29);
  });

  it('prints actionable errors', async () => {
    const missing = await run([
      '--project',
      String(pid),
      '--model',
      'nope',
      '--server',
      s.url,
      '--token',
      token,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Model "nope" was not found\. \(HTTP 404\)/);
    expect((await run(['--project', 'abc', '--model', 'srv', '--token', token])).stderr).toMatch(
      /--project must be a positive whole number/,
    );
    expect((await run(['--project', '1', '--token', token])).stderr).toMatch(/Give --model NAME/);
    const noWait = await run([
      '--project',
      String(pid),
      '--model',
      'srv',
      '--tasks',
      '1,2',
      '--no-wait',
      '--server',
      s.url,
      '--token',
      token,
    ]);
    expect(noWait.stdout).toMatch(/Started pre-label job \d+\./);
  });
});
