import { describe, expect, it } from 'vitest';
import { canStillPass, repeatVerdict, tally, type RunStatus } from '../../../src/stats/pass-rate.js';

const judge = (statuses: RunStatus[], min = 1) => repeatVerdict(tally(statuses), min);
const P = 'passed',
  F = 'failed',
  I = 'inconclusive',
  S = 'skipped';

describe('repeatVerdict', () => {
  it('a single run keeps its own status', () => {
    expect(judge([P]).status).toBe('passed');
    expect(judge([F]).status).toBe('failed');
    expect(judge([I]).status).toBe('inconclusive');
    expect(judge([S]).status).toBe('skipped');
  });

  it('a flaky cell fails under min-pass-rate 1 and passes under a rate it reaches', () => {
    const strict = judge([P, F, P]);
    expect(strict).toMatchObject({ status: 'failed', flaky: true, runs: 3 });
    expect(strict.passRate).toBeCloseTo(2 / 3);
    expect(strict.reason).toBe('flaky: 2/3 judged runs passed (67%) < min-pass-rate 100%');
    expect(judge([P, F, P], 0.6)).toMatchObject({ status: 'passed', flaky: true });
    expect(judge([P, F, P], 0.7).status).toBe('failed');
    expect(judge([P, P, P, P, P, P, P, F, F, F], 0.7).status).toBe('passed'); // 7/10 is exactly 0.7
  });

  it('inconclusive runs are neither passes nor failures: the verdict holds only if they cannot change it', () => {
    expect(judge([P, P, I], 1)).toMatchObject({ status: 'inconclusive', passRate: 1, flaky: false });
    expect(judge([P, P, I], 0.6).status).toBe('passed'); // 2/3 passed even if the third had failed
    expect(judge([F, F, I], 0.5).status).toBe('failed'); // 1/3 at best
    expect(judge([P, F, I], 0.5).status).toBe('inconclusive');
    expect(judge([P, F, I], 0.5).reason).toMatch(/1 inconclusive/);
  });

  it('a cell whose runs are all inconclusive stays inconclusive, whatever the rate', () => {
    expect(judge([I, I, I], 0)).toMatchObject({ status: 'inconclusive', passRate: null, flaky: false });
  });

  it('runs a bail kept from starting are unknown, not passes', () => {
    expect(judge([F, S, S]).status).toBe('failed');
    expect(judge([P, S, S]).status).toBe('inconclusive');
    expect(judge([S, S]).status).toBe('skipped');
  });

  it('min-pass-rate 0 reports without failing, but only on judged runs', () => {
    expect(judge([F, F], 0).status).toBe('passed');
  });
});

describe('canStillPass (--bail with --repeat)', () => {
  it('a single failed or inconclusive run settles an unrepeated cell', () => {
    expect(canStillPass(tally([]), 1, 1)).toBe(true);
    expect(canStillPass(tally([F]), 1, 1)).toBe(false);
    expect(canStillPass(tally([I]), 1, 1)).toBe(false);
    expect(canStillPass(tally([P]), 1, 1)).toBe(true);
  });

  it('one failed run of ten still leaves a 90% cell able to pass; two do not', () => {
    expect(canStillPass(tally([P, F]), 10, 0.9)).toBe(true);
    expect(canStillPass(tally([P, F, F]), 10, 0.9)).toBe(false);
    expect(canStillPass(tally([F]), 10, 1)).toBe(false);
  });

  it('min-pass-rate 0 never gives up on a cell', () => {
    expect(canStillPass(tally([F, F, F]), 3, 0)).toBe(true);
  });
});
