/**
 * Timer jitter must never move a number by a bucket or flip a verdict (SPEC §2, §3). Histories are
 * built the way the harness produces them — tasks issued half a period off the fault grid, faults at
 * their planned times plus a little lag, the run end at its planned time — and every observed
 * timestamp is then moved by a random ±1 ms. Bucket-based metrics, rates and counts must not change
 * at all; event-to-event times (detect_ms, reconnect_ms) may move by the jitter itself, ≤ 2 ms.
 * Faults are kills (restarted or not) or blackholes (detected by silence, healed with a fault_end).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAssertion, parseAssertion } from '../../../src/assert/index.js';
import { computeMetrics, type MetricOptions } from '../../../src/metrics/compute.js';
import { metricSource } from '../../../src/metrics/lookup.js';
import type { Metrics } from '../../../src/model/metrics.js';
import type { HistoryEvent } from '../../../src/model/history.js';
import { HistoryBuilder } from './history-builder.js';

/** Latencies no two of which are within 4 ms of twice another (the steady-state latency test is 2 × p95_pre). */
const LATENCIES = [30, 45, 70, 110, 170, 260, 400];
const W = ['w0', 'w1', 'w2', 'w3', 'w4'];
const mesh = Object.fromEntries(W.map((a) => [a, W.filter((b) => b !== a)]));

interface Plan {
  rate: 10 | 20 | 40;
  durationMs: number;
  faults: { kind: 'kill' | 'blackhole'; at: number; outageMs: number; victim: number; restartAfter: number | null }[];
  lossPermille: number;
  latencySeed: number[];
  failSeed: number[];
}

const planArb: fc.Arbitrary<Plan> = fc.record({
  rate: fc.constantFrom(10 as const, 20 as const, 40 as const),
  durationMs: fc.integer({ min: 16, max: 30 }).map((x) => x * 500),
  faults: fc.array(
    fc.record({
      kind: fc.constantFrom('kill' as const, 'blackhole' as const),
      at: fc.integer({ min: 4, max: 14 }).map((x) => x * 500),
      outageMs: fc.integer({ min: 0, max: 16 }).map((x) => x * 250),
      victim: fc.integer({ min: 0, max: 4 }),
      restartAfter: fc.option(
        fc.integer({ min: 2, max: 6 }).map((x) => x * 500),
        { nil: null },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  lossPermille: fc.integer({ min: 0, max: 80 }),
  latencySeed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
  failSeed: fc.array(fc.nat({ max: 999 }), { minLength: 64, maxLength: 64 }),
});

/** The history the harness would record for `plan`, with `lag(i)` added to observed timestamp i. */
function historyOf(plan: Plan, lag: (i: number) => number): HistoryEvent[] {
  let i = 0;
  const obs = (t: number) => t + lag(i++);
  const faults = [...new Map(plan.faults.map((f) => [f.at, f])).values()].sort((a, b) => a.at - b.at);
  const b = new HistoryBuilder();
  for (const w of W) b.ready(-300 + W.indexOf(w), w);
  const period = 1000 / plan.rate;
  for (let k = 0; (k + 0.5) * period < plan.durationMs; k++) {
    const issued = (k + 0.5) * period;
    const out = faults.some((f) => issued >= f.at && issued < f.at + f.outageMs);
    const lost = plan.failSeed[k % 64] < plan.lossPermille;
    const latency = LATENCIES[plan.latencySeed[k % 64] % LATENCIES.length];
    const t = obs(issued + 0.3); // the driver's own issue lag
    b.task(`t${k}`, t, obs(t + latency) - t, out || lost ? 'fail' : 'ok', undefined, W[k % W.length]);
  }
  faults.forEach((f, n) => {
    const T = obs(f.at + 1.2); // applying a fault takes a moment after its planned time
    b.fault(T, [W[f.victim]], f.kind, n);
    W.filter((w) => w !== W[f.victim]).forEach((w, j) =>
      b.detect(obs(T + 60 + 40 * j), w, W[f.victim], j % 2 && f.kind === 'kill' ? 'refused' : 'silence'),
    );
    // a blackhole is healed (fault_end), never restarted: its victim never died
    if (f.kind === 'blackhole') b.faultEnd(obs(f.at + Math.max(f.outageMs, 500)), n, [W[f.victim]]);
    else if (f.restartAfter !== null) {
      b.restart(obs(f.at + f.restartAfter), n, W[f.victim]);
      b.rejoin(obs(f.at + f.restartAfter + 180), W[(f.victim + 1) % W.length], W[f.victim]);
    }
  });
  for (let t = 50; t < plan.durationMs + 100; t += 100) b.wire(obs(t), 1000 + (t % 700));
  return b.end(plan.durationMs).build(); // run_end is the planned end, not an observation
}

function optionsOf(plan: Plan): MetricOptions {
  return {
    warmupMs: 1000,
    durationMs: plan.durationMs,
    bucketMs: 250,
    minSamples: 10,
    recoverForMs: 1000,
    stableForMs: 2000,
    ratePerSec: plan.rate,
    success: 'reply',
    monitors: mesh,
    heartbeatTimeoutMs: 1000,
  };
}

/** Everything that must be identical under jitter: buckets, recovery, phases' counts and rates. */
function exact(m: Metrics) {
  return {
    resolution: m.resolution_ms,
    buckets: m.buckets.map((b) => [b.fault, b.issued, b.succeeded, b.evidential]),
    faults: m.faults.map((f) => ({
      recovered: f.recovered,
      recovery: f.recovery_ms,
      steady: f.steady_state_ms,
      noEvidence: f.no_evidence ?? null,
      dip: f.dip_at === null ? null : Math.round(f.dip_at - f.t),
      s_pre: f.s_pre,
      phases: [f.phases.fault.issued, f.phases.fault.succeeded, f.phases.post.issued, f.phases.post.succeeded],
      drop: f.success_rate_drop,
      retention: f.retention,
      bytes: f.bytes_reconnect,
    })),
    top: [
      m.recovery_ms,
      m.recovered,
      m.steady_state_ms,
      m.success_rate,
      m.success_rate_drop,
      m.retention,
      m.tasks_issued,
      m.false_suspicions,
    ],
  };
}

/** Assertions a scenario would gate on; every verdict must survive the jitter. */
const GATES = [
  'recovery_ms < 2500',
  'recovery_ms <= 1000',
  'steady_state_ms < 3000',
  'recovered == 1',
  'detect_ms < 1000',
  'success_rate{phase=post} >= 0.9 * success_rate{phase=pre}',
  'success_rate_drop <= 0.05',
  'retention >= 0.95',
  'p95(latency_ms{phase=post}) < 300',
  'false_suspicions == 0',
  'tasks_issued{phase=fault} < 40',
].map(parseAssertion);
const verdicts = (m: Metrics) => GATES.map((a) => evaluateAssertion(a, metricSource(m)).pass);

const close = (a: number | null, b: number | null) =>
  a === null ? b === null : b !== null && Math.abs(a - b) <= 2 + 1e-9;

describe('metrics under ±1 ms timer jitter', () => {
  it('1,000 harness-shaped histories: every bucket-based metric identical, event times within the jitter', () => {
    fc.assert(
      fc.property(
        planArb,
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 97, maxLength: 97 }),
        (plan, noise) => {
          const opts = optionsOf(plan);
          const base = computeMetrics(
            historyOf(plan, () => 0),
            opts,
          );
          const jittered = computeMetrics(
            historyOf(plan, (i) => noise[i % noise.length]),
            opts,
          );
          expect(exact(jittered)).toEqual(exact(base));
          expect(verdicts(jittered)).toEqual(verdicts(base));
          base.faults.forEach((f, n) => {
            expect(close(jittered.faults[n].detect_ms, f.detect_ms)).toBe(true);
            expect(close(jittered.faults[n].reconnect_ms, f.reconnect_ms)).toBe(true);
          });
        },
      ),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('the same history with T shifted by ±0.5 ms gives the same metrics', () => {
    const plan: Plan = {
      rate: 20,
      durationMs: 12_000,
      faults: [{ at: 6000, outageMs: 2500, victim: 3, restartAfter: 2000 }],
      lossPermille: 0,
      latencySeed: Array.from({ length: 64 }, (_, i) => i),
      failSeed: Array(64).fill(999),
    };
    const at = (shift: number) => {
      const h = historyOf(plan, () => 0).map((e) => (e.type === 'fault' ? { ...e, t: e.t + shift } : e));
      return computeMetrics(h, optionsOf(plan));
    };
    const [minus, zero, plus] = [at(-0.5), at(0), at(0.5)].map(exact);
    expect(minus).toEqual(zero);
    expect(plus).toEqual(zero);
    expect(zero.faults[0].recovery).toBe(2500);
  });
});
