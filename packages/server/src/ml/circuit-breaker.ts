/** Where a breaker is: passing calls, refusing them, or letting one trial call through. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * Options of a {@link CircuitBreaker}.
 *
 * @example
 * const o: BreakerOptions = { failureThreshold: 5, coolDownMs: 30_000 };
 */
export interface BreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before one trial (default 30 s). */
  coolDownMs?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/**
 * A circuit breaker for one external model: after K consecutive failures it opens and calls
 * fail fast (no request, no waiting on a dead server), so a pre-label job over 100,000 tasks
 * does not spend 100,000 timeouts. After the cool-down it is half-open: one trial call goes
 * through; success closes it, failure opens it for another cool-down.
 *
 * @example
 * const b = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 10_000 });
 * if (b.allow()) { try { await call(); b.success(); } catch (e) { b.failure(); throw e; } }
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private readonly threshold: number;
  private readonly coolDownMs: number;
  private readonly now: () => number;

  constructor(opts: BreakerOptions = {}) {
    this.threshold = opts.failureThreshold ?? 5;
    this.coolDownMs = opts.coolDownMs ?? 30_000;
    this.now = opts.now ?? Date.now;
  }

  /** The state now (an open circuit whose cool-down has passed reads as half-open). */
  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.coolDownMs ? 'half-open' : 'open';
  }

  /** Milliseconds until an open circuit lets a trial through (0 when not open). */
  get retryInMs(): number {
    if (this.state !== 'open') return 0;
    return this.coolDownMs - (this.now() - this.openedAt!);
  }

  /** Whether a call may go out now; in half-open, only one trial at a time. */
  allow(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures++;
    if (this.openedAt !== undefined || this.failures >= this.threshold) this.openedAt = this.now();
  }
}
