import { describe, expect, it } from 'vitest';
import { halfBinomialPmf, medianIntervalRanks, orderStatisticCoverage } from '../../../src/stats/median-interval.js';

describe('median interval ranks (order statistics, Binomial(n, ½))', () => {
  it('has no 95% interval below n = 6 (even [x(1), x(5)] covers only 93.75%)', () => {
    for (const n of [0, 1, 2, 3, 4, 5]) expect(medianIntervalRanks(n)).toBeNull();
    expect(orderStatisticCoverage(5, 1, 5)).toBeCloseTo(0.9375, 12);
  });

  it('matches the hand-computed ranks and coverages of the textbook table', () => {
    // coverage of [x(j), x(n+1-j)] = 1 − 2·P(B < j), with P(B = i) = C(n, i) / 2^n
    expect(medianIntervalRanks(6)).toEqual({ lo: 1, hi: 6, coverage: 1 - 2 / 64 });
    expect(medianIntervalRanks(8)).toEqual({ lo: 1, hi: 8, coverage: 1 - 2 / 256 });
    expect(medianIntervalRanks(9)).toEqual({ lo: 2, hi: 8, coverage: 1 - (2 * 10) / 512 });
    expect(medianIntervalRanks(10)).toEqual({ lo: 2, hi: 9, coverage: 1 - (2 * 11) / 1024 });
    expect(medianIntervalRanks(12)).toEqual({ lo: 3, hi: 10, coverage: 1 - (2 * 79) / 4096 });
    const n20 = medianIntervalRanks(20)!;
    expect([n20.lo, n20.hi]).toEqual([6, 15]);
    expect(n20.coverage).toBeCloseTo(1 - (2 * (1 + 20 + 190 + 1140 + 4845 + 15504)) / 2 ** 20, 12);
  });

  it('takes the narrowest symmetric pair: one rank further in drops below the level', () => {
    for (let n = 6; n <= 60; n++) {
      const r = medianIntervalRanks(n)!;
      expect(r.coverage).toBeGreaterThanOrEqual(0.95);
      expect(r.hi).toBe(n + 1 - r.lo);
      expect(orderStatisticCoverage(n, r.lo, r.hi)).toBeCloseTo(r.coverage, 12);
      if (r.lo + 1 < r.hi - 1) expect(orderStatisticCoverage(n, r.lo + 1, r.hi - 1)).toBeLessThan(0.95);
    }
  });

  it('honours other levels and stays finite for large n', () => {
    expect(medianIntervalRanks(6, 0.99)).toBeNull();
    expect(medianIntervalRanks(8, 0.99)).toEqual({ lo: 1, hi: 8, coverage: 1 - 2 / 256 });
    const big = medianIntervalRanks(2000)!;
    expect(big.coverage).toBeGreaterThanOrEqual(0.95);
    expect(big.coverage).toBeLessThan(0.96);
    expect(big.lo).toBeGreaterThan(950); // ≈ n/2 − 1.96·√n/2 = 956
    expect(big.lo).toBeLessThan(960);
    expect(halfBinomialPmf(2000).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });
});
