import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../../src/util/did-you-mean.js';

describe('editDistance (Damerau, optimal string alignment)', () => {
  it.each([
    ['kitten', 'sitting', 3], ['planer', 'planner', 1], ['recvoery', 'recovery', 1], ['', 'abc', 3], ['same', 'same', 0],
  ])('%s ↔ %s = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closest / didYouMean', () => {
  const keys = ['at', 'every', 'times', 'kill', 'of', 'signal', 'for', 'restart_after', 'partition'];
  it('suggests the nearest allowed key', () => {
    expect(closest('restart_afterr', keys)).toBe('restart_after');
    expect(closest('sigal', keys)).toBe('signal');
    expect(closest('KILL', keys)).toBe('kill');
    expect(didYouMean('partiton', keys)).toBe('did you mean "partition"?');
  });
  it('stays quiet when nothing is close', () => {
    expect(closest('banana', keys)).toBeUndefined();
    expect(closest('xy', keys)).toBeUndefined();
    expect(didYouMean('zzz', [])).toBeUndefined();
  });
  it('accepts a truncated word beyond the edit threshold', () => {
    expect(closest('work', ['worker', 'planner'])).toBe('worker');
  });
});
