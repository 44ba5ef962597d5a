import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Selectable } from 'kysely';
import { JobsRepository } from '../store/jobs.repository.ts';
import type { JobsTable } from '../store/schema.ts';
import type { Store } from '../store/db.ts';

export type JobRow = Selectable<JobsTable>;

/** What a handler gets: the job, a progress reporter that also says whether to stop. */
export interface JobContext {
  job: JobRow;
  /** Reports progress in 0..1; resolves true when the job was cancelled and should stop. */
  progress(fraction: number): Promise<boolean>;
}

/** A named, typed job handler; its return value is stored as the job's result. */
export type JobHandler = (ctx: JobContext) => Promise<unknown>;

const LOCK_MS = 60_000;

/**
 * Polls the job table and runs claimed jobs one at a time. The same runner works inside
 * `tessera serve` and in a separate `tessera worker` process; several may share one database.
 */
export class JobRunner {
  private readonly repo: JobsRepository;
  private readonly id = `worker-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    store: Store,
    private readonly handlers: Record<string, JobHandler>,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs = 500,
  ) {
    this.repo = new JobsRepository(store.db, store.dialect);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Wakes the runner now (after an enqueue) instead of at the next poll. */
  poke(): void {
    if (!this.running && !this.stopped) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.schedule(this.pollMs);
      });
    }, ms);
  }

  private async tick(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      let job: JobRow | undefined;
      try {
        job = await this.repo.claim(this.id, Object.keys(this.handlers), LOCK_MS);
      } catch (err) {
        this.log.error({ err }, 'job claim failed');
        return;
      }
      if (!job) return;
      await this.run(job);
    }
  }

  private async run(job: JobRow): Promise<void> {
    const handler = this.handlers[job.kind]!;
    let cancelled = false;
    const ctx: JobContext = {
      job,
      progress: async (fraction) => {
        const status = await this.repo.heartbeat(
          job.id,
          Math.max(0, Math.min(1, fraction)),
          LOCK_MS,
        );
        cancelled = status === 'cancelled';
        return cancelled;
      },
    };
    try {
      const result = await handler(ctx);
      await this.repo.finish(job.id, cancelled ? 'cancelled' : 'done', result, null);
    } catch (err) {
      this.log.error({ err, job: job.id, kind: job.kind }, 'job failed');
      await this.repo.finish(job.id, 'failed', undefined, (err as Error).message.slice(0, 500));
    }
  }
}
