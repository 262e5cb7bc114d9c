import { describe, expect, it } from 'vitest';
import { median, minRunsForInterval, spreadOf } from '../../../src/stats/spread.js';

describe('spreadOf', () => {
  it('gives median, min, max and the order-statistic interval; counts nulls instead of dropping them', () => {
    const s = spreadOf([5, 1, 3, null, 2, 4, 6]);
    expect(s).toMatchObject({ runs: 7, n: 6, nulls: 1, median: 3.5, min: 1, max: 6 });
    expect(s.ci).toEqual({ lo: 1, hi: 6, loRank: 1, hiRank: 6, coverage: 1 - 2 / 64 });
  });

  it('uses ranks 2 and 9 of ten values', () => {
    const values = [900, 100, 800, 200, 700, 300, 600, 400, 500, 1000];
    const s = spreadOf(values);
    expect(s.median).toBe(550);
    expect(s.ci).toMatchObject({ lo: 200, hi: 900, loRank: 2, hiRank: 9 });
  });

  it('says why there is no interval below six values, and never falls back to min–max', () => {
    const s = spreadOf([10, 20, 30, 40, 50]);
    expect(s.ci).toBeNull();
    expect(s.noInterval).toMatch(/5 values.*at least 6/);
    expect(s.min).toBe(10);
    expect(spreadOf([null, null]).noInterval).toBe('no values');
    expect(spreadOf([null, null])).toMatchObject({ runs: 2, n: 0, nulls: 2, median: null, min: null });
  });

  it('keeps ties (bucketed metrics repeat values)', () => {
    const s = spreadOf([500, 500, 500, 1000, 1000, 1000]);
    expect(s.median).toBe(750);
    expect(s.ci).toMatchObject({ lo: 500, hi: 1000 });
  });

  it('median of odd and even samples, and the minimum sample size', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(minRunsForInterval()).toBe(6);
    expect(minRunsForInterval(0.99)).toBe(8);
  });
});
