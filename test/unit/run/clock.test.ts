/** waitUntil never resolves before its target on the monotonic clock (Node timers may fire ~1 ms early). */
import { describe, expect, it } from 'vitest';
import { monotonicMs, waitUntil } from '../../../src/run/clock.js';

describe('waitUntil', () => {
  it('never resolves early, for fractional targets across the millisecond', async () => {
    const early: number[] = [];
    for (let i = 0; i < 60; i++) {
      // Fractional offsets 0.05 … 3 ms: the cases where a whole-millisecond timer fires short.
      const target = monotonicMs() + 0.05 * (i + 1);
      await waitUntil(target);
      const now = monotonicMs();
      if (now < target) early.push(target - now);
    }
    expect(early).toEqual([]);
  });

  it('resolves at once when the signal is aborted (before or during the wait)', async () => {
    const before = new AbortController();
    before.abort();
    await waitUntil(monotonicMs() + 60_000, before.signal);
    const during = new AbortController();
    const wait = waitUntil(monotonicMs() + 60_000, during.signal);
    during.abort();
    await wait;
    expect(true).toBe(true);
  });

  it('a target in the past resolves', async () => {
    await waitUntil(monotonicMs() - 5);
    expect(true).toBe(true);
  });
});
