import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../../src/util/did-you-mean.js';

describe('editDistance (Damerau, optimal string alignment)', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['planer', 'planner', 1],
    ['recvoery', 'recovery', 1],
    ['', 'abc', 3],
    ['same', 'same', 0],
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

describe('bounded work for huge words (issue 9: a 1 MB identifier took 22 s and 900 MB)', () => {
  const huge = 'e'.repeat(1_000_000);
  // Generous timeout: the unbounded version needs tens of seconds, the bounded one microseconds.
  it('skips candidates whose length alone rules them out', { timeout: 10_000 }, () => {
    const candidates = Array.from({ length: 200 }, (_, i) => `worker${i}`);
    expect(closest(huge, candidates)).toBeUndefined();
    expect(closest(`${huge}x`, [`${huge}y`])).toBeUndefined();
    expect(closest(`worker0${huge}`, candidates)).toBe('worker0');
  });

  it('keeps memory to a row per call (distance between two long words)', { timeout: 10_000 }, () => {
    expect(editDistance('a'.repeat(3000), 'b'.repeat(3000))).toBe(3000);
  });
});
