import { describe, expect, test } from 'vitest';
import { lookupMetric } from '../../../src/metrics/lookup.js';
import { METRICS } from '../../../src/metrics/names.js';
import { PHASES } from '../../../src/model/metrics.js';
import { fault, metrics, missingPhase, phase } from '../assert/fixture.js';

const m = metrics({
  faults: [
    fault(0, {
      kind: 'kill',
      detect_ms: 400,
      recovery_ms: 1000,
      reconnect_ms: 50,
      bytes_reconnect: 10,
      success_rate_drop: 0.1,
      phases: { pre: phase({ issued: 10, ok: 10 }), post: phase({ issued: 10, ok: 9, latencies: [5, 6] }) },
    }),
    fault(1, {
      kind: 'partition',
      victims: [],
      detect_ms: null,
      recovered: false,
      recovery_ms: null,
      bytes_reconnect: 30,
      s_pre: 1,
      phases: { post: missingPhase() },
    }),
  ],
  detect_ms: 400,
  recovery_ms: null,
  recovered: false,
  bytes_reconnect: 30,
  restarts: 1,
});

describe('lookupMetric', () => {
  test('every metric of the vocabulary resolves, with every selector it accepts', () => {
    for (const info of METRICS) {
      const sels = [
        {},
        ...(info.phased ? PHASES.map((phase) => ({ phase })) : []),
        ...(info.perFault ? [info.phased ? { phase: 'post' as const, fault: 0 } : { fault: 0 }] : []),
      ];
      for (const sel of sels) {
        for (const asSeries of [false, true]) {
          const v = lookupMetric(m, info.name, sel, asSeries);
          expect(
            v.kind === 'scalar' ? (v.why ?? '') : (v.why ?? ''),
            `${info.name} ${JSON.stringify(sel)}`,
          ).not.toMatch(/unknown metric/);
          if (info.distribution && asSeries) expect(v.kind).toBe('series');
        }
      }
    }
  });

  test.each([
    ['recovered', {}, false, { kind: 'scalar', value: 0 }],
    ['recovered', { fault: 0 }, false, { kind: 'scalar', value: 1 }],
    ['recovery_ms', {}, false, { kind: 'scalar', value: null, why: 'fault 1: never recovered' }],
    ['recovery_ms', {}, true, { kind: 'series', values: [1000] }],
    ['recovered', {}, true, { kind: 'series', values: [1, 0] }],
    ['bytes_reconnect', {}, true, { kind: 'series', values: [10, 30] }],
    ['bytes_reconnect', { fault: 1 }, false, { kind: 'scalar', value: 30 }],
    // the partition has no victims, so it does not explain anything about detection
    ['detect_ms', {}, false, { kind: 'scalar', value: 400 }],
    ['detect_ms', { fault: 1 }, false, { kind: 'scalar', value: null, why: 'the fault has no victims to detect' }],
    ['detect_ms', {}, true, { kind: 'series', values: [400] }],
    ['reconnect_ms', { fault: 0 }, true, { kind: 'scalar', value: 50 }],
    ['latency_ms', { phase: 'post', fault: 0 }, true, { kind: 'series', values: [5, 6] }],
    [
      'latency_ms',
      { phase: 'post' },
      false,
      { kind: 'scalar', value: null, why: 'latency_ms is a distribution: aggregate it, e.g. p95(latency_ms)' },
    ],
    ['success_rate', { phase: 'post', fault: 0 }, false, { kind: 'scalar', value: 0.9 }],
    [
      'success_rate',
      { phase: 'pre', fault: 3 },
      false,
      { kind: 'scalar', value: null, why: 'no fault 3: the cell has 2 faults, numbered from 0' },
    ],
    ['tasks_issued', { phase: 'pre', fault: 0 }, false, { kind: 'scalar', value: 10 }],
    ['restarts', {}, false, { kind: 'scalar', value: 1 }],
    ['success_rate_drop', { fault: 0 }, false, { kind: 'scalar', value: 0.1 }],
    // fault 1 never recovered: no post phase, so no drop (SPEC §3), and the reason says so
    [
      'success_rate_drop',
      { fault: 1 },
      false,
      { kind: 'scalar', value: null, why: 'never recovered: fault 1 has no post phase' },
    ],
    ['success_rate_drop', {}, true, { kind: 'series', values: [0.1] }],
    ['no_such_metric', {}, false, { kind: 'scalar', value: null, why: 'unknown metric no_such_metric' }],
  ] as const)('%s %j series=%s', (name, sel, asSeries, want) => {
    expect(lookupMetric(m, name, sel, asSeries)).toEqual(want);
  });
});
