/**
 * Recovery, steady state and phases. Unless stated: warmup 1000, end 10000, 1 s buckets, a task every
 * 250 ms from t=0 (4 per bucket), stable_for 2 s (2 buckets).
 */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/metrics/compute.js';
import { EVERY_MS, HistoryBuilder, opts } from './history-builder.js';

/** Tasks every 250 ms over [0, 10000): ok (latency 50) unless `failing(t)`. */
const run = (failing: (t: number) => boolean) =>
  new HistoryBuilder().series(0, 10_000, EVERY_MS, (t) => ({ latency: 50, outcome: failing(t) ? 'fail' : 'ok' }));

describe('recovery_ms', () => {
  it('no dip: recovery 0, steady 0, post from T', () => {
    const m = computeMetrics(run(() => false).fault(5000, ['worker-2']).end(10_000).build(), opts());
    const f = m.faults[0];
    // S_pre: tasks 1000..4750 = 16, all ok
    expect(f.s_pre).toBe(1);
    expect([f.recovered, f.recovery_ms, f.steady_state_ms]).toEqual([true, 0, 0]);
    expect([m.phases.pre.from, m.phases.pre.to, m.phases.pre.issued]).toEqual([1000, 5000, 16]);
    expect([m.phases.fault.from, m.phases.fault.to, m.phases.fault.issued]).toEqual([5000, 5000, 0]);
    expect([m.phases.post.from, m.phases.post.to, m.phases.post.issued]).toEqual([5000, 10_000, 20]);
    expect(m.success_rate_drop).toBe(0);
    // 40 tasks in all, 36 issued at or after the warmup
    expect([m.tasks_issued, m.overall.issued, m.success_rate]).toEqual([40, 36, 1]);
    // 36 successes over the 9 s window [1000, 10000)
    expect(m.throughput).toBe(4);
  });

  it('dip then recovery: T → start of the first bucket back', () => {
    // fault at 4900 (inside bucket 4000, which is not scanned); tasks 5000..7250 fail:
    // bucket 5000: 0/4, 6000: 0/4, 7000: 2/4 = 0.5 < 0.9, 8000: 4/4 → back
    const h = run((t) => t >= 5000 && t < 7500).fault(4900, ['worker-2']).end(10_000).build();
    const m = computeMetrics(h, opts());
    const f = m.faults[0];
    expect(f.s_pre).toBe(1); // [1000, 4900): 1000..4750 = 16 tasks, all ok
    expect(f.recovery_ms).toBe(8000 - 4900);
    expect(f.recovered).toBe(true);
    expect(f.steady_state_ms).toBe(8000 - 4900); // span {8000, 9000} is the first healthy pair
    // fault phase [4900, 8000): tasks 5000..7750 = 12, of which 7500 and 7750 succeeded
    expect([f.phases.fault.issued, f.phases.fault.succeeded]).toEqual([12, 2]);
    expect([f.phases.post.from, f.phases.post.to, f.phases.post.issued, f.phases.post.success_rate]).toEqual([8000, 10_000, 8, 1]);
    expect(f.success_rate_drop).toBe(0);
    expect([m.recovery_ms, m.recovered]).toEqual([3100, true]);
    // overall: 36 issued since warmup, 10 failed
    expect(m.success_rate).toBe(26 / 36);
  });

  it('never recovered: null, recovered false, fault phase to the end, no post', () => {
    const m = computeMetrics(run((t) => t >= 5000).fault(5000, ['worker-2']).end(10_000).build(), opts());
    const f = m.faults[0];
    expect([f.recovered, f.recovery_ms, f.steady_state_ms]).toEqual([false, null, null]);
    expect([m.recovered, m.recovery_ms, m.steady_state_ms]).toEqual([false, null, null]);
    expect([m.phases.fault.from, m.phases.fault.to, m.phases.fault.issued]).toEqual([5000, 10_000, 20]);
    expect([m.phases.post.from, m.phases.post.issued, m.phases.post.success_rate]).toEqual([null, 0, null]);
    // S_after = rate of everything issued from T on = 0/20 → drop (1 − 0) / 1
    expect(m.success_rate_drop).toBe(1);
  });

  it('empty buckets neither dip nor recover', () => {
    // bucket 5000 dips (0/4), bucket 6000 is empty (nothing issued), bucket 7000 is back
    const h = new HistoryBuilder()
      .series(0, 6000, EVERY_MS, (t) => ({ latency: 50, outcome: t >= 5000 ? 'fail' : 'ok' }))
      .series(7000, 10_000, EVERY_MS, () => ({ latency: 50 }))
      .fault(5000, ['worker-2'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    expect(m.buckets.find((b) => b.t === 6000)).toEqual({ t: 6000, issued: 0, succeeded: 0, rate: null, p95_latency: null });
    expect(m.faults[0].recovery_ms).toBe(2000); // 7000 − 5000, not 6000 − 5000
  });

  it('no baseline (no task before the fault): not recovered, rates null', () => {
    const h = new HistoryBuilder().series(3000, 10_000, EVERY_MS, () => ({ latency: 50 })).fault(2000, ['worker-2']).end(10_000).build();
    const m = computeMetrics(h, opts());
    expect([m.faults[0].s_pre, m.faults[0].recovered, m.faults[0].recovery_ms]).toEqual([null, false, null]);
    expect(m.success_rate_drop).toBeNull();
  });
});

describe('two faults (cyclic storm)', () => {
  it('records each fault against its own baseline; the top level is the worst', () => {
    // fault 0 at 3000: bucket 3000 fails, 4000 back → 1000 ms
    // fault 1 at 6000: baseline [4000, 6000) = 8/8; buckets 6000, 7000, 8000 fail, 9000 back → 3000 ms
    const h = run((t) => (t >= 3000 && t < 4000) || (t >= 6000 && t < 9000))
      .fault(3000, ['worker-1'])
      .fault(6000, ['worker-2'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    const [a, b] = m.faults;
    expect([a.s_pre, a.recovery_ms, a.steady_state_ms]).toEqual([1, 1000, 1000]);
    expect([a.phases.pre.from, a.phases.pre.to]).toEqual([1000, 3000]);
    expect([a.phases.post.from, a.phases.post.to, a.phases.post.issued]).toEqual([4000, 6000, 8]);
    expect([b.s_pre, b.phases.pre.from, b.phases.pre.to]).toEqual([1, 4000, 6000]);
    expect(b.recovery_ms).toBe(3000);
    // fault 1 owns buckets 6000..9000: the only healthy bucket is 9000, and a 2-bucket span needs two
    expect(b.steady_state_ms).toBeNull();
    expect([m.recovery_ms, m.recovered, m.steady_state_ms]).toEqual([3000, true, null]);
    // overall: pre [1000, 3000), fault [3000, 9000), post [9000, 10000)
    expect([m.phases.fault.from, m.phases.fault.to, m.phases.post.from, m.phases.post.issued]).toEqual([3000, 9000, 9000, 4]);
  });

  it('a fault that never came back before the next one hands its baseline on', () => {
    // fault 0 at 3000: buckets 3000, 4000, 5000 all fail → not recovered before fault 1
    // fault 1 at 6000: baseline carried = [1000, 3000), S_pre 1; bucket 6000 fails, 7000 back
    const h = run((t) => t >= 3000 && t < 7000).fault(3000, ['worker-1']).fault(6000, ['worker-2']).end(10_000).build();
    const m = computeMetrics(h, opts());
    const [a, b] = m.faults;
    expect([a.recovered, a.recovery_ms]).toEqual([false, null]);
    expect([b.s_pre, b.phases.pre.from, b.phases.pre.to, b.recovery_ms]).toEqual([1, 1000, 3000, 1000]);
    expect([m.recovered, m.recovery_ms]).toEqual([false, null]);
    // the last fault recovered at 7000: overall fault [3000, 7000), post [7000, 10000) = 12/12
    expect([m.phases.fault.to, m.phases.post.from, m.phases.post.success_rate]).toEqual([7000, 7000, 1]);
  });
});

describe('simultaneous faults', () => {
  it('share their baseline and buckets', () => {
    // a kill and a partition both at 5000; buckets 5000, 6000 fail, 7000 back
    const h = run((t) => t >= 5000 && t < 7000).fault(5000, ['w1']).fault(5000, ['w2'], 'partition').end(10_000).build();
    const m = computeMetrics(h, opts());
    expect(m.faults.map((f) => [f.fault, f.kind, f.s_pre, f.recovery_ms])).toEqual([
      [0, 'kill', 1, 2000],
      [1, 'partition', 1, 2000],
    ]);
  });
});

describe('steady_state_ms', () => {
  it('waits for p95 latency to come back under 2× the pre-fault p95', () => {
    // all tasks succeed; pre latency 100 → pre p95 100, limit 200
    // buckets 5000, 6000: latency 300 (too slow); 7000: 200 (= limit, allowed); 8000+: 150
    const latency = (t: number) => (t < 5000 ? 100 : t < 7000 ? 300 : t < 8000 ? 200 : 150);
    const h = new HistoryBuilder().series(0, 10_000, EVERY_MS, (t) => ({ latency: latency(t) })).fault(5000, ['worker-2']).end(10_000).build();
    const m = computeMetrics(h, opts());
    expect(m.faults[0].recovery_ms).toBe(0); // no success-rate dip at all
    expect(m.faults[0].steady_state_ms).toBe(2000); // span {7000, 8000}
    expect(m.phases.post.latency.p95).toBe(300); // post [5000, 10000) holds the slow tasks too
  });

  it('is null when the span never fits before the run end', () => {
    const h = run((t) => t >= 5000 && t < 9000).fault(5000, ['worker-2']).end(10_000).build();
    const m = computeMetrics(h, opts());
    expect(m.faults[0].recovery_ms).toBe(4000); // bucket 9000 is back
    expect(m.faults[0].steady_state_ms).toBeNull(); // but {9000, 10000} does not exist
    expect(computeMetrics(h, opts({ stableForMs: 1000 })).faults[0].steady_state_ms).toBe(4000);
  });
});
