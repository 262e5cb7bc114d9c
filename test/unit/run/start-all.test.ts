/** Bounded start-up: never more than `limit` booting at once, input order kept, nothing launched after a failure. */
import { describe, expect, it } from 'vitest';
import { NOT_STARTED, startAll, startConcurrency } from '../../../src/run/start-all.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('startAll', () => {
  it('keeps at most `limit` in flight and returns results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await startAll(
      Array.from({ length: 25 }, (_, i) => i),
      async (i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        for (let k = 0; k < 1 + (i % 3); k++) await tick();
        inFlight--;
        return i * 10;
      },
      4,
    );
    expect(peak).toBe(4);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : null))).toEqual(
      Array.from({ length: 25 }, (_, i) => i * 10),
    );
  });

  it('launches nothing after the first failure; the rest are reported as not started', async () => {
    const launched: number[] = [];
    const results = await startAll(
      Array.from({ length: 10 }, (_, i) => i),
      async (i) => {
        launched.push(i);
        if (i === 1) throw new Error('node-1 was not ready within 100 ms');
        await tick();
        return i;
      },
      2,
    );
    expect(launched).toEqual([0, 1]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 0 }); // in flight already: finishes
    expect(results[1]).toMatchObject({ status: 'rejected' });
    for (const r of results.slice(2)) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason.message).toBe(NOT_STARTED);
    }
  });

  it('starts four at least, two per core', () => {
    expect(startConcurrency(1)).toBe(4);
    expect(startConcurrency(2)).toBe(4);
    expect(startConcurrency(8)).toBe(16);
  });
});
