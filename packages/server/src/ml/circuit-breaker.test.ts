import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.ts';

describe('CircuitBreaker', () => {
  it('opens after K consecutive failures, half-opens after the cool-down, closes on success', () => {
    let t = 0;
    const b = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1000, now: () => t });
    b.failure();
    b.success(); // a success in between resets the count
    b.failure();
    b.failure();
    expect(b.state).toBe('closed');
    b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    expect(b.retryInMs).toBe(1000);
    t = 999;
    expect(b.allow()).toBe(false);
    t = 1000;
    expect(b.state).toBe('half-open');
    expect(b.allow()).toBe(true); // the one trial
    expect(b.allow()).toBe(false); // no second trial while it runs
    b.success();
    expect(b.state).toBe('closed');
    expect(b.allow()).toBe(true);
  });

  it('a failed trial opens the circuit for another cool-down', () => {
    let t = 0;
    const b = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 100, now: () => t });
    b.failure();
    t = 150;
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    t = 249;
    expect(b.allow()).toBe(false);
    t = 250;
    expect(b.allow()).toBe(true);
  });
});
