import { describe, it, expect } from 'vitest';
import { ApiError } from './api-error.ts';
import { Http } from './http.ts';
import { createQualityApi } from './quality-client.ts';
import { createVersionsApi } from './versions-client.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function transport(body: (c: Call) => [number, unknown]) {
  const calls: Call[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    const [status, json] = body(call);
    return new Response(JSON.stringify(json), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const http = new Http({ fetch: fetchFn });
  http.csrfToken = 'tok';
  return { http, calls };
}

const header = (c: Call, name: string) => (c.init.headers as Record<string, string>)[name];

describe('quality client', () => {
  it('reads the dashboard endpoints and unwraps their lists', async () => {
    const { http, calls } = transport((c) =>
      c.url.includes('annotators')
        ? [200, { items: [{ username: 'alice' }] }]
        : c.url.includes('errors')
          ? [200, { controls: [{ control: 'sentiment' }] }]
          : [200, { controls: [] }],
    );
    const qc = createQualityApi(http);
    expect(await qc.annotators(3)).toEqual([{ username: 'alice' }]);
    expect(await qc.errors(3)).toEqual([{ control: 'sentiment' }]);
    await qc.agreement(3, 30);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/projects/3/qc/annotators',
      '/api/projects/3/qc/errors',
      '/api/projects/3/qc/agreement?days=30',
    ]);
  });

  it('filters findings, skipping empty filters', async () => {
    const { http, calls } = transport(() => [200, { items: [], next_cursor: null }]);
    const qc = createQualityApi(http);
    await qc.findings(3, { severity: '', rule: 'bbox_min_size', cursor: '41' });
    expect(calls[0]!.url).toBe('/api/projects/3/qc/findings?rule=bbox_min_size&limit=50&cursor=41');
  });

  it('sends writes with CSRF: recompute, gold, samples and verdicts', async () => {
    const { http, calls } = transport(() => [200, { id: 1, status: 'queued' }]);
    const qc = createQualityApi(http);
    await qc.recompute(3);
    await qc.setGold(3, 17, []);
    await qc.createSample(3, { plan: 'custom', n: 5, pass_rate: 0.9 });
    await qc.judge(3, 8, 17, 'fail');
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'POST /api/projects/3/qc/recompute',
      'PUT /api/projects/3/tasks/17/gold',
      'POST /api/projects/3/qc/samples',
      'PUT /api/projects/3/qc/samples/8/items/17',
    ]);
    expect(calls.every((c) => header(c, 'X-CSRF-Token') === 'tok')).toBe(true);
    expect(JSON.parse(String(calls[2]!.init.body))).toEqual({
      plan: 'custom',
      n: 5,
      pass_rate: 0.9,
    });
    expect(JSON.parse(String(calls[3]!.init.body))).toEqual({ verdict: 'fail' });
  });

  it('throws the typed error of a refused request', async () => {
    const { http } = transport(() => [
      400,
      {
        error: {
          code: 'bad_request',
          message: 'A custom plan needs n.',
          issues: [{ path: 'n', message: 'required' }],
        },
      },
    ]);
    const err = await createQualityApi(http)
      .createSample(3, { plan: 'custom' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).issues[0]!.path).toBe('n');
  });
});

describe('versions client', () => {
  it('lists, creates, diffs and links the download', async () => {
    const { http, calls } = transport((c) =>
      c.init.method === 'POST' ? [202, { id: 4, status: 'queued' }] : [200, { items: [{ id: 1 }] }],
    );
    const v = createVersionsApi(http);
    expect(await v.list(3)).toEqual([{ id: 1 }]);
    expect((await v.create(3, 'v1')).id).toBe(4);
    await v.diff(3, 1, 2);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/projects/3/versions',
      '/api/projects/3/versions',
      '/api/projects/3/versions/diff?from=1&to=2',
    ]);
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ name: 'v1' });
    expect(v.downloadUrl(3, 9)).toBe('/api/projects/3/versions/9/download');
  });
});
