/** Which built-in agents of a cell sample their event-loop delay: all of a small cell, an even spread of a large one. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LOOP_DELAY_AGENTS, samplesLoopDelay } from '../../../src/run/launch.js';

const sampled = (count: number, max?: number) =>
  Array.from({ length: count }, (_, i) => i).filter((i) => samplesLoopDelay(i, count, max));

describe('samplesLoopDelay', () => {
  it('every agent of a cell up to the limit', () => {
    expect(sampled(8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sampled(MAX_LOOP_DELAY_AGENTS)).toHaveLength(MAX_LOOP_DELAY_AGENTS);
  });

  it('exactly the limit beyond it, spread over the whole cell', () => {
    expect(sampled(100, 4)).toEqual([0, 25, 50, 75]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 2000 }), (max, extra) => {
        const count = max + extra;
        const picked = sampled(count, max);
        expect(picked).toHaveLength(max);
        // no gap between consecutive sampled agents is wider than an even spread allows
        const gaps = picked.slice(1).map((p, i) => p - picked[i]);
        for (const g of gaps) expect(g).toBeLessThanOrEqual(Math.ceil(count / max));
        expect(count - 1 - picked[picked.length - 1]).toBeLessThan(Math.ceil(count / max));
      }),
    );
  });
});
