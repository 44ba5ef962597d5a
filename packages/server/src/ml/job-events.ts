import type { FastifyReply } from 'fastify';
import type { AppContext } from '../context.ts';

const FINAL = new Set(['done', 'failed', 'cancelled']);

/**
 * Streams a job's progress as server-sent events (`text/event-stream`): a `progress` event
 * whenever status or progress changes (polled from the job table, so it works whichever
 * process runs the job), a comment every 15 s to keep proxies from closing the stream, and a
 * final `done` event (status, result, error) before the stream ends. A client that goes away
 * stops the polling.
 *
 * @example
 * // browser: new EventSource(`/api/projects/1/jobs/7/events`).addEventListener('progress', …)
 * await streamJobEvents(ctx, reply, projectId, jobId);
 */
export async function streamJobEvents(
  ctx: AppContext,
  reply: FastifyReply,
  projectId: number,
  jobId: number,
  pollMs = 250,
): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
    // An event stream is data, never a page: nothing may load from it.
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  });
  let closed = false;
  // The response's close (not the request's, which may fire once its body is read).
  res.on('close', () => (closed = true));
  const send = (event: string, data: unknown) => {
    if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  let last = '';
  let lastWrite = Date.now();
  while (!closed) {
    const job = await ctx.jobs.byId(projectId, jobId);
    if (!job) {
      send('done', { status: 'gone' });
      break;
    }
    const now = { id: job.id, kind: job.kind, status: job.status, progress: job.progress };
    const key = JSON.stringify(now);
    if (key !== last) {
      send('progress', now);
      last = key;
      lastWrite = Date.now();
    } else if (Date.now() - lastWrite > 15_000) {
      if (!closed) res.write(': keep-alive\n\n');
      lastWrite = Date.now();
    }
    if (FINAL.has(job.status)) {
      send('done', {
        ...now,
        result: job.result ? (JSON.parse(job.result) as unknown) : null,
        error: job.error,
      });
      break;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  if (!closed) res.end();
}
