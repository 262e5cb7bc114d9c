/**
 * The verdict's precedence (harness overloaded > run problems > unhealthy baseline > assertions) and
 * the harness/baseline checks with their numbers in the reasons.
 */
import { describe, expect, it } from 'vitest';
import type { AssertionResult } from '../../../src/model/assertions.js';
import type { BaselineCheck, HarnessMeasurements } from '../../../src/model/harness.js';
import { DEFAULT_HARNESS_BOUNDS } from '../../../src/scenario/types.js';
import { baselineReason, checkBaseline, checkHarness } from '../../../src/session/harness-check.js';
import { verdict } from '../../../src/session/judge.js';
import { makeMetrics, makePhase } from '../report/fixtures.js';

const calm: HarnessMeasurements = {
  issueLag: { count: 100, p50: 0.3, p99: 1.2, max: 2.1 },
  loopDelay: {
    runner: { p99: 1, max: 12 },
    worstAgent: { agent: 'worker-3', p99: 4, max: 31 },
    samples: 40,
    agents: 8,
  },
  tasksAfterEnd: 0,
  tasksSkippedLate: 0,
};
const stalled: HarnessMeasurements = {
  ...calm,
  issueLag: { count: 100, p50: 0.4, p99: 83, max: 401.2 },
  loopDelay: { ...calm.loopDelay, runner: { p99: 30, max: 412 } },
};
const healthy: BaselineCheck = { phase: 'pre', successRate: 0.97, minSuccessRate: 0.5, healthy: true };
const sick: BaselineCheck = { phase: 'pre', successRate: 0.42, minSuccessRate: 0.5, healthy: false };
const pass: AssertionResult = {
  expr: 'recovery_ms < 5000',
  pass: true,
  actual: { recovery_ms: 1750 },
  left: 1750,
  right: 5000,
  reason: 'recovery_ms 1750 < 5000',
};
const fail: AssertionResult = {
  expr: 'recovery_ms < 5000',
  pass: false,
  actual: { recovery_ms: 7310 },
  left: 7310,
  right: 5000,
  reason: 'recovery_ms 7310 is not < 5000',
};
const completed = { status: 'completed' as const };

describe('checkHarness', () => {
  it('within bounds: not overloaded, no reasons', () => {
    const h = checkHarness(calm, DEFAULT_HARNESS_BOUNDS, healthy);
    expect(h.overloaded).toBe(false);
    expect(h.reasons).toEqual([]);
    expect(h.bounds).toEqual(DEFAULT_HARNESS_BOUNDS);
  });

  it('names every exceeded bound with its numbers; a value just over its bound keeps the decimals that show it', () => {
    const h = checkHarness(stalled, DEFAULT_HARNESS_BOUNDS, healthy);
    expect(h.overloaded).toBe(true);
    expect(h.reasons).toEqual([
      'issue lag p99 83 ms > 50 ms',
      'issue lag max 401 ms > 250 ms',
      'runner loop delay max 412 ms > 250 ms',
    ]);
    const justOver = checkHarness(
      { ...calm, issueLag: { count: 9, p50: 1, p99: 50.3, max: 250.004 } },
      DEFAULT_HARNESS_BOUNDS,
      null,
    );
    expect(justOver.reasons).toEqual(['issue lag p99 50.3 ms > 50 ms', 'issue lag max 250.004 ms > 250 ms']);
  });

  it('an agent’s stall and tasks after the end count too; a closed workload (null lags) is not judged on lag', () => {
    const m: HarnessMeasurements = {
      issueLag: { count: 0, p50: null, p99: null, max: null },
      loopDelay: {
        runner: { p99: 1, max: 2 },
        worstAgent: { agent: 'worker-3', p99: 200, max: 300 },
        samples: 9,
        agents: 3,
      },
      tasksAfterEnd: 2,
      tasksSkippedLate: 0,
    };
    expect(checkHarness(m, DEFAULT_HARNESS_BOUNDS, null).reasons).toEqual([
      'agent worker-3 loop delay max 300 ms > 250 ms',
      '2 tasks issued after the end of the run',
    ]);
  });

  it('uses the scenario’s bounds', () => {
    const h = checkHarness(calm, { maxIssueLagP99Ms: 1, maxIssueLagMs: 250, maxLoopDelayMs: 250 }, null);
    expect(h.reasons).toEqual(['issue lag p99 1.2 ms > 1 ms']);
  });
});

describe('checkBaseline', () => {
  it('judges S_pre when the cell had a fault', () => {
    const m = makeMetrics(1750);
    m.phases.pre = makePhase(1000, 6000, 0.42);
    const b = checkBaseline(m, 0.5)!;
    expect(b).toEqual({ phase: 'pre', successRate: 0.42, minSuccessRate: 0.5, healthy: false });
    expect(baselineReason(b)).toBe('unhealthy baseline: pre-fault success rate 0.42 < 0.5');
  });

  it('judges the whole run when there was no fault', () => {
    const m = makeMetrics(null, { faults: [], overall: makePhase(1000, 12000, 0.3) });
    expect(checkBaseline(m, 0.5)).toEqual({ phase: 'overall', successRate: 0.3, minSuccessRate: 0.5, healthy: false });
  });

  it('a rate just under the bound never prints as the bound; no tasks = not judged', () => {
    expect(baselineReason({ phase: 'pre', successRate: 0.4999, minSuccessRate: 0.5, healthy: false })).toBe(
      'unhealthy baseline: pre-fault success rate 0.499 < 0.5',
    );
    expect(baselineReason({ phase: 'pre', successRate: null, minSuccessRate: 0.5, healthy: true })).toBeNull();
    expect(checkBaseline(null, 0.5)).toBeNull();
  });
});

describe('verdict precedence', () => {
  it('passed assertions under overload: inconclusive, never passed', () => {
    const v = verdict({
      run: completed,
      harness: checkHarness(stalled, DEFAULT_HARNESS_BOUNDS, healthy),
      assertions: [pass],
    });
    expect(v.status).toBe('inconclusive');
    expect(v.reason).toBe(
      'harness overloaded: issue lag p99 83 ms > 50 ms; issue lag max 401 ms > 250 ms; runner loop delay max 412 ms > 250 ms',
    );
  });

  it('failed assertions under overload: inconclusive (the failure was measured by a distorted harness)', () => {
    const v = verdict({
      run: completed,
      harness: checkHarness(stalled, DEFAULT_HARNESS_BOUNDS, healthy),
      assertions: [fail],
    });
    expect(v.status).toBe('inconclusive');
    expect(v.reason).toMatch(/^harness overloaded: /);
  });

  it('overloaded and unhealthy: both listed, overload first', () => {
    const v = verdict({
      run: completed,
      harness: checkHarness(stalled, DEFAULT_HARNESS_BOUNDS, sick),
      assertions: [fail],
    });
    expect(v.status).toBe('inconclusive');
    const lines = v.reason!.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^harness overloaded: /);
    expect(lines[1]).toBe('unhealthy baseline: pre-fault success rate 0.42 < 0.5');
  });

  it('unhealthy baseline outranks failed assertions', () => {
    const v = verdict({
      run: completed,
      harness: checkHarness(calm, DEFAULT_HARNESS_BOUNDS, sick),
      assertions: [fail],
    });
    expect(v).toEqual({ status: 'inconclusive', reason: 'unhealthy baseline: pre-fault success rate 0.42 < 0.5' });
  });

  it('a run problem (unverified fault) is listed after overload and before the baseline', () => {
    const v = verdict({
      run: { status: 'inconclusive', reason: 'fault 0 at 6.00s not verified: pid 7 still alive' },
      harness: checkHarness(stalled, DEFAULT_HARNESS_BOUNDS, sick),
      assertions: [],
    });
    expect(v.reason!.split('\n').map((l) => l.split(':')[0])).toEqual([
      'harness overloaded',
      'fault 0 at 6.00s not verified',
      'unhealthy baseline',
    ]);
  });

  it('a sound harness and a healthy baseline leave the verdict to the assertions', () => {
    const h = checkHarness(calm, DEFAULT_HARNESS_BOUNDS, healthy);
    expect(verdict({ run: completed, harness: h, assertions: [pass, fail] })).toEqual({
      status: 'failed',
      reason: 'recovery_ms 7310 is not < 5000',
    });
    expect(verdict({ run: completed, harness: h, assertions: [pass] })).toEqual({ status: 'passed' });
  });
});
