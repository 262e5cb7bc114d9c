import { describe, expect, it } from 'vitest';
import { compareGroups, compareSpreads } from '../../../src/stats/compare.js';
import { spreadOf } from '../../../src/stats/spread.js';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('comparison by non-overlapping median intervals', () => {
  const a = spreadOf(range(1, 6)); // interval [1, 6]
  const b = spreadOf(range(10, 6)); // [10, 15]
  const c = spreadOf(range(6, 6)); // [6, 11]: touches a at 6, overlaps b

  it('orders two spreads only when their intervals are apart; touching counts as overlap', () => {
    expect(compareSpreads(a, b)).toBe('lower');
    expect(compareSpreads(b, a)).toBe('higher');
    expect(compareSpreads(a, c)).toBe('overlap');
    expect(compareSpreads(c, b)).toBe('overlap');
    expect(compareSpreads(a, spreadOf([1, 2, 3]))).toBe('no-interval');
  });

  it('lists every measurable pair, lower first', () => {
    const r = compareGroups([
      { name: 'anp', spread: b },
      { name: 'json', spread: a },
      { name: 'acp', spread: c },
    ]);
    expect(r.verdict).toBe('measurable');
    expect(r.differences).toEqual([{ lower: 'json', higher: 'anp' }]);
  });

  it('says "no measurable difference" when all intervals overlap', () => {
    const r = compareGroups([
      { name: 'json', spread: a },
      { name: 'acp', spread: c },
    ]);
    expect(r).toEqual({ verdict: 'no-measurable-difference', differences: [], unranked: [] });
  });

  it('refuses to judge from one run, or from too few runs, and names the groups it left out', () => {
    expect(
      compareGroups([
        { name: 'json', spread: spreadOf([1]) },
        { name: 'anp', spread: spreadOf([900]) },
      ]).verdict,
    ).toBe('single-run');
    const few = compareGroups([
      { name: 'json', spread: a },
      { name: 'anp', spread: spreadOf([100, 200, 300]) },
    ]);
    expect(few).toEqual({ verdict: 'too-few-runs', differences: [], unranked: ['anp'] });
    expect(compareGroups([{ name: 'json', spread: a }]).verdict).toBe('nothing-to-compare');
    // a group whose every value is null has nothing to compare
    expect(
      compareGroups([
        { name: 'json', spread: a },
        { name: 'anp', spread: spreadOf([null, null, null, null, null, null]) },
      ]).verdict,
    ).toBe('nothing-to-compare');
  });

  it('ranks the groups that have intervals and reports the others as unranked', () => {
    const r = compareGroups([
      { name: 'json', spread: a },
      { name: 'anp', spread: b },
      { name: 'acp', spread: spreadOf([1, 2]) },
    ]);
    expect(r).toEqual({ verdict: 'measurable', differences: [{ lower: 'json', higher: 'anp' }], unranked: ['acp'] });
  });
});
