import { describe, expect, it } from 'vitest';
import { agentPrng, mulberry32 } from '../../../src/util/prng.js';
import { fnv1a as hash32 } from '../../../src/util/random.js';

describe('prng', () => {
  it('repeats the same sequence for the same seed and id', () => {
    const a = agentPrng(42, 'worker-1');
    const b = agentPrng(42, 'worker-1');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
  });

  it('gives different agents and seeds different sequences', () => {
    expect(agentPrng(42, 'worker-1').next()).not.toBe(agentPrng(42, 'worker-2').next());
    expect(agentPrng(42, 'worker-1').next()).not.toBe(agentPrng(43, 'worker-1').next());
    expect(hash32('a')).not.toBe(hash32('b'));
  });

  it('draws uniformly in [0, 1) and in a range', () => {
    const r = mulberry32(7);
    const xs = Array.from({ length: 10_000 }, () => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.47);
    expect(mean).toBeLessThan(0.53);
    const y = r.between(10, 20);
    expect(y).toBeGreaterThanOrEqual(10);
    expect(y).toBeLessThanOrEqual(20);
  });
});
