import { describe, expect, it } from 'vitest';
import { settle } from '../../../src/run/settle.js';

/** Keep the event loop busy for `ms`, synchronously. */
function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* busy */
  }
}

describe('settle', () => {
  it('returns after a few on-time turns when the loop is idle', async () => {
    const waited = await settle({ turnMs: 5, quietTurns: 3, maxLagMs: 50 });
    // three 5 ms turns (a timer may fire up to 1 ms early: clock.ts)
    expect(waited).toBeGreaterThanOrEqual(12);
    expect(waited).toBeLessThan(1000);
  });

  it('waits while the loop is blocked, and starts counting afresh after each late turn', async () => {
    // every 10 ms the loop is held for 30 ms: no timer turn is on time until the blocking stops
    const blocker = setInterval(() => block(30), 10);
    const started = performance.now();
    setTimeout(() => clearInterval(blocker), 300);
    const waited = await settle({ turnMs: 5, quietTurns: 3, maxLagMs: 20, timeoutMs: 5000 });
    clearInterval(blocker);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    // not quiet before the blocking stopped
    expect(waited).toBeGreaterThanOrEqual(280);
  });

  it('gives up at its timeout on a loop that never goes quiet', async () => {
    const blocker = setInterval(() => block(30), 10);
    try {
      const waited = await settle({ turnMs: 5, quietTurns: 3, maxLagMs: 5, timeoutMs: 200 });
      expect(waited).toBeGreaterThanOrEqual(200);
      expect(waited).toBeLessThan(2000);
    } finally {
      clearInterval(blocker);
    }
  });

  it('stops at once when aborted', async () => {
    const blocker = setInterval(() => block(30), 10);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    try {
      const waited = await settle({ timeoutMs: 10_000, signal: controller.signal });
      expect(waited).toBeLessThan(2000);
    } finally {
      clearInterval(blocker);
    }
  });
});
