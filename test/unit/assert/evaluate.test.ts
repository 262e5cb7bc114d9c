import { describe, expect, test } from 'vitest';
import { evaluateAssertion, evaluateRules, parseAssertion } from '../../../src/assert/index.js';
import { compare } from '../../../src/assert/evaluate.js';
import type { Metrics } from '../../../src/model/metrics.js';
import { metricSource } from '../../../src/metrics/lookup.js';
import type { ExpectRule } from '../../../src/scenario/types.js';
import { fault, metrics, missingPhase, phase } from './fixture.js';

const run = (expr: string, m: Metrics) => evaluateAssertion(parseAssertion(expr), metricSource(m));

/** One kill at 6 s, recovered after 7310 ms; 88% success before, 81% after. */
const oneFault = metrics({
  faults: [
    fault(0, {
      detect_ms: 900,
      recovery_ms: 7310,
      steady_state_ms: 8000,
      bytes_reconnect: 12_000,
      phases: {
        pre: phase({ issued: 100, ok: 88 }),
        fault: phase({ issued: 40, ok: 10 }),
        post: phase({ issued: 100, ok: 81, latencies: [120, 80, 300, 100, 90] }),
      },
    }),
  ],
  detect_ms: 900,
  recovery_ms: 7310,
  recovered: true,
  steady_state_ms: 8000,
  bytes_reconnect: 12_000,
  reconnect_ms: null,
  phases: {
    pre: phase({ issued: 100, ok: 88, latencies: [50, 60] }),
    fault: phase({ issued: 40, ok: 10 }),
    post: phase({ issued: 100, ok: 81, latencies: [120, 80, 300, 100, 90] }),
  },
  overall: phase({
    issued: 240,
    ok: 179,
    latencies: [50, 60, 120, 80, 300, 100, 90],
    bytes_per_task: 512.4,
    throughput: 14.91666,
  }),
  success_rate_drop: (0.88 - 0.81) / 0.88,
  tasks_issued: 260,
  tasks_ok: 190,
  tasks_lost: 0,
  messages: 900,
  restarts: 0,
  bytes_total: 2_500_000,
  duplicate_work_ratio: 0.0123,
});

/** Two kills: recovered in 2 s and 4 s. */
const twoFaults = metrics({
  faults: [
    fault(0, {
      recovery_ms: 2000,
      detect_ms: 500,
      success_rate_drop: 0.1,
      phases: { pre: phase({ issued: 50, ok: 50 }), post: phase({ issued: 50, ok: 45 }) },
    }),
    fault(1, {
      recovery_ms: 4000,
      detect_ms: 700,
      success_rate_drop: 0,
      phases: { pre: phase({ issued: 50, ok: 50 }), post: phase({ issued: 50, ok: 50 }) },
    }),
  ],
  recovery_ms: 4000,
  detect_ms: 700,
  recovered: true,
  bytes_reconnect: 0,
  success_rate_drop: 0.1,
});

/** One kill the system never recovered from. */
const neverRecovered = metrics({
  faults: [
    fault(0, {
      recovered: false,
      recovery_ms: null,
      detect_ms: 800,
      s_pre: 1,
      phases: { pre: phase({ issued: 10, ok: 10 }), post: missingPhase() },
    }),
  ],
  recovered: false,
  recovery_ms: null,
  detect_ms: 800,
  bytes_reconnect: 0,
  phases: { pre: phase({ issued: 10, ok: 10 }), post: missingPhase() },
});

const noFaults = metrics({
  phases: { fault: missingPhase(), post: missingPhase(), pre: phase({ issued: 20, ok: 20 }) },
  tasks_issued: 20,
});

/** [expression, metrics, pass, fragments the reason must contain] */
type Row = [string, Metrics, boolean, string[]];

describe('evaluateAssertion', () => {
  test.each<Row>([
    ['recovery_ms < 5000', oneFault, false, ['recovery_ms 7310 is not < 5000']],
    ['recovery_ms < 8s', oneFault, true, ['recovery_ms 7310 < 8s']],
    ['detect_ms <= 900', oneFault, true, ['detect_ms 900 <= 900']],
    ['recovered == 1', oneFault, true, ['recovered 1 == 1']],
    [
      'success_rate{phase=post} >= 0.9 * success_rate{phase=pre}',
      oneFault,
      true,
      ['success_rate{phase=post} 0.81 >= 0.9 * success_rate{phase=pre} = 0.792', 'where success_rate{phase=pre} 0.88'],
    ],
    [
      'success_rate{phase=post} >= 0.95 * success_rate{phase=pre}',
      oneFault,
      false,
      ['0.81 is not >= 0.95 * success_rate{phase=pre} = 0.836'],
    ],
    ['success_rate_drop <= 10%', oneFault, true, ['success_rate_drop 0.0795 <= 10%']],
    ['success_rate >= 0.7', oneFault, true, ['success_rate 0.746']],
    ['success_rate{phase=fault} < 0.5', oneFault, true, ['success_rate{phase=fault} 0.25 < 0.5']],
    ['tasks_issued == 260', oneFault, true, []],
    ['tasks_issued{phase=pre} == 100', oneFault, true, []],
    ['tasks_ok{phase=fault} == 10', oneFault, true, []],
    ['bytes_total < 2mb', oneFault, false, ['bytes_total 2500000 is not < 2mb']],
    ['bytes_per_task < 1kb', oneFault, true, ['bytes_per_task 512 < 1kb']],
    ['throughput > 14', oneFault, true, ['throughput 14.9 > 14']],
    ['duplicate_work_ratio <= 0.05', oneFault, true, ['duplicate_work_ratio 0.0123']],
    ['tasks_lost == 0', oneFault, true, []],
    ['bytes_reconnect < 10kb', oneFault, false, ['bytes_reconnect 12000 is not < 10kb']],
    // aggregations; nearest rank over [80, 90, 100, 120, 300]: p50 rank 3, p90/p95/p99 rank 5
    ['p50(latency_ms{phase=post}) == 100', oneFault, true, ['p50(latency_ms{phase=post}) 100 == 100']],
    ['p95(latency_ms{phase=post}) < 300', oneFault, false, ['p95(latency_ms{phase=post}) 300 is not < 300']],
    ['p90(latency_ms{phase=post}) == 300', oneFault, true, []],
    ['p99(latency_ms) == 300', oneFault, true, []],
    ['avg(latency_ms{phase=post}) == 138', oneFault, true, []],
    ['min(latency_ms{phase=post}) == 80', oneFault, true, []],
    ['max(latency_ms) == 300', oneFault, true, []],
    ['count(latency_ms{phase=pre}) == 2', oneFault, true, []],
    ['count(latency_ms{phase=fault}) == 0', oneFault, true, ['count(latency_ms{phase=fault}) 0 == 0']],
    [
      'p95(latency_ms{phase=post}) <= 2 * p95(latency_ms{phase=pre})',
      oneFault,
      false,
      ['300 is not <= 2 * p95(latency_ms{phase=pre}) = 120'],
    ],
    ['p50(success_rate{phase=post}) == 0.81', oneFault, true, []],
    ['count(bytes_total) == 1', oneFault, true, []],
    // several faults
    ['recovery_ms < 3s', twoFaults, false, ['recovery_ms 4000 is not < 3s']],
    ['p50(recovery_ms) == 2000', twoFaults, true, ['p50(recovery_ms) 2000 == 2000']],
    ['avg(recovery_ms) == 3s', twoFaults, true, []],
    ['min(recovery_ms) == 2000', twoFaults, true, []],
    ['count(recovery_ms) == 2', twoFaults, true, []],
    ['recovery_ms{fault=0} < 3s', twoFaults, true, ['recovery_ms{fault=0} 2000 < 3s']],
    ['recovery_ms{fault=1} < 3s', twoFaults, false, []],
    ['success_rate_drop{fault=0} == 0.1', twoFaults, true, []],
    ['success_rate_drop{fault=1} == 0', twoFaults, true, []],
    // every fault is judged against the one baseline [warmup, first fault)
    ['success_rate{phase=pre, fault=1} == 1', twoFaults, true, []],
    ['max(success_rate_drop) == 0.1', twoFaults, true, []],
    // arithmetic
    ['1 + 2 * 3 == 7', noFaults, true, ['1 + 2 * 3 = 7 == 7']],
    ['0.1 + 0.2 == 0.3', noFaults, true, []],
    ['0.1 + 0.2 > 0.3', noFaults, false, []],
    ['-(2 - 5) >= 3', noFaults, true, []],
    [
      'recovery_ms - detect_ms == 6410',
      oneFault,
      true,
      ['recovery_ms - detect_ms = 6410 == 6410', 'where recovery_ms 7310, detect_ms 900'],
    ],
    ['recovery_ms != 7310', oneFault, false, ['recovery_ms 7310 is not != 7310']],
    ['success_rate{phase=post} >= 0.8099999', oneFault, true, []],
    ['success_rate{phase=post} > 0.8100001', oneFault, false, ['0.81 is not > 0.8100001']],
  ])('%s', (expr, m, pass, fragments) => {
    const r = run(expr, m);
    expect(r.pass, r.reason).toBe(pass);
    expect(r.expr).toBe(expr);
    for (const f of fragments) expect(r.reason).toContain(f);
  });

  test.each<Row>([
    ['recovery_ms < 5000', neverRecovered, false, ['recovery_ms is null (never recovered)']],
    ['recovery_ms{fault=0} < 5000', neverRecovered, false, ['recovery_ms{fault=0} is null (never recovered)']],
    ['recovered == 1', neverRecovered, false, ['recovered 0 is not == 1']],
    [
      'success_rate{phase=post} > 0.5',
      neverRecovered,
      false,
      ['success_rate{phase=post} is null (phase post does not exist: never recovered)'],
    ],
    ['success_rate_drop{fault=0} < 0.2', neverRecovered, false, ['never recovered']],
    [
      'p95(latency_ms{phase=post}) < 1s',
      neverRecovered,
      false,
      ['p95(latency_ms{phase=post}) is null (phase post does not exist'],
    ],
    ['recovery_ms < 5000', noFaults, false, ['recovery_ms is null (the scenario has no faults)']],
    ['p50(recovery_ms) < 5000', noFaults, false, ['p50(recovery_ms) is null (the scenario has no faults)']],
    ['count(recovery_ms) == 0', noFaults, true, []],
    ['recovery_ms{fault=2} < 5000', twoFaults, false, ['no fault 2: the cell has 2 faults, numbered from 0']],
    ['success_rate{phase=post, fault=5} > 0', twoFaults, false, ['no fault 5']],
    ['reconnect_ms < 1s', oneFault, false, ['reconnect_ms is null (no victim was restarted)']],
    ['success_rate{phase=post} > 0', noFaults, false, ['phase post does not exist: the scenario has no faults']],
    ['duplicate_work_ratio < 0.1', noFaults, false, ['duplicate_work_ratio is null (no executions recorded)']],
    [
      'bytes_total / tasks_lost < 1',
      oneFault,
      false,
      ['division by zero in bytes_total / tasks_lost (tasks_lost is 0)'],
    ],
    ['1 / (2 - 2) < 1', noFaults, false, ['division by zero']],
    ['recovery_ms + detect_ms < 9s', neverRecovered, false, ['recovery_ms is null (never recovered)']],
    [
      'recovery_ms < reconnect_ms',
      neverRecovered,
      false,
      ['recovery_ms is null (never recovered)', 'reconnect_ms is null'],
    ],
  ])('null: %s', (expr, m, pass, fragments) => {
    const r = run(expr, m);
    expect(r.pass, r.reason).toBe(pass);
    for (const f of fragments) expect(r.reason).toContain(f);
  });

  test('actual records every reference, aggregations under the call text', () => {
    const r = run(
      'p95(latency_ms{phase=post}) <= 2 * p95(latency_ms{phase=pre}) + recovery_ms - reconnect_ms',
      oneFault,
    );
    expect(r.actual).toEqual({
      'p95(latency_ms{phase=post})': 300,
      'p95(latency_ms{phase=pre})': 60,
      recovery_ms: 7310,
      reconnect_ms: null,
    });
    expect(r.left).toBe(300);
    expect(r.right).toBeNull();
    expect(r.pass).toBe(false);
  });

  test('left and right are the evaluated sides; protocol is copied', () => {
    const r = evaluateAssertion(
      parseAssertion('success_rate{phase=post} >= 0.9 * success_rate{phase=pre}'),
      metricSource(oneFault),
      'anp',
    );
    expect(r.left).toBeCloseTo(0.81, 10);
    expect(r.right).toBeCloseTo(0.792, 10);
    expect(r.protocol).toBe('anp');
  });

  test('a throwing source fails the assertion instead of throwing', () => {
    const r = evaluateAssertion(parseAssertion('recovery_ms < 1'), {
      lookup: () => {
        throw new Error('boom');
      },
    });
    expect(r).toMatchObject({ pass: false, reason: 'could not evaluate: boom' });
  });
});

describe('evaluateRules', () => {
  const rule = (source: string, protocol?: ExpectRule['protocol']): ExpectRule => ({
    source,
    assertion: parseAssertion(source),
    ...(protocol ? { protocol } : {}),
    loc: { file: 'x.storm.yaml', line: 1, col: 1 },
  });
  const rules = [rule('recovery_ms < 5000'), rule('recovery_ms < 8000', 'anp'), rule('tasks_lost == 0', 'json')];

  test('a per-protocol rule replaces the general rule with the same left side; others skip it', () => {
    const r = evaluateRules(rules, oneFault, 'anp');
    expect(r.map((x) => [x.expr, x.pass, x.protocol])).toEqual([['recovery_ms < 8000', true, 'anp']]);
    expect(evaluateRules(rules, oneFault, 'a2a').map((x) => x.expr)).toEqual(['recovery_ms < 5000']);
    expect(evaluateRules(rules, oneFault, 'json').map((x) => [x.expr, x.protocol])).toEqual([
      ['recovery_ms < 5000', undefined],
      ['tasks_lost == 0', 'json'],
    ]);
  });

  test('a per-protocol rule on another left side adds to the general rules', () => {
    const extra = [rule('recovery_ms < 5000'), rule('detect_ms < 100', 'anp')];
    expect(evaluateRules(extra, oneFault, 'anp').map((x) => x.expr)).toEqual(['recovery_ms < 5000', 'detect_ms < 100']);
  });

  test('without metrics every applicable rule fails', () => {
    const r = evaluateRules(rules, null, 'json');
    expect(r).toHaveLength(2);
    for (const x of r)
      expect(x).toMatchObject({ pass: false, reason: 'no metrics (cell did not run)', left: null, right: null });
  });
});

describe('compare', () => {
  // [op, result for 1 vs 2, 2 vs 2, 3 vs 2]
  test.each([
    ['<', true, false, false],
    ['<=', true, true, false],
    ['>', false, false, true],
    ['>=', false, true, true],
    ['==', false, true, false],
    ['!=', true, false, true],
  ] as const)('%s', (op, lt, eq, gt) => {
    expect([compare(op, 1, 2), compare(op, 2, 2), compare(op, 3, 2)]).toEqual([lt, eq, gt]);
    // within the 1e-9 relative tolerance, values count as equal
    expect(compare(op, 0.1 + 0.2, 0.3)).toBe(eq);
  });
});

describe('bare fault/post phase references are the worst over faults (SPEC §3)', () => {
  const storm = metrics({
    faults: [
      fault(0, { phases: { post: phase({ issued: 20, ok: 19, latencies: [10, 20, 30, 400] }) } }),
      fault(1, { phases: { post: phase({ issued: 20, ok: 12, latencies: [50, 60, 70, 80] }) } }),
      fault(2, { recovered: false, phases: { post: missingPhase() } }),
    ],
    // the run-wide post phase (after the last recovery) would look healthy: 19/20
    phases: { pre: phase({ issued: 20, ok: 20 }), post: phase({ issued: 20, ok: 19 }) },
  });

  test.each<[string, boolean]>([
    ['success_rate{phase=post} == 0.6', true], // min(0.95, 0.6); the fault without a post phase is left out
    ['p95(latency_ms{phase=post}) == 400', true], // per fault 400 and 80 → the worst
    ['p50(latency_ms{phase=post}) == 60', true], // per fault 20 and 60 → the worst, not the pooled 50
    ['count(latency_ms{phase=post}) == 8', true],
    ['tasks_issued{phase=post} == 40', true],
    ['success_rate{phase=post, fault=0} == 0.95', true],
  ])('%s', (expr, pass) => {
    const r = run(expr, storm);
    expect(r.pass, r.reason).toBe(pass);
  });
});
