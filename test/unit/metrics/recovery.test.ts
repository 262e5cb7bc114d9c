/**
 * Recovery, steady state and phases on hand-built histories (SPEC §3). Unless stated: warmup 1000,
 * end 10000, 1 s buckets (min_samples 4: 2 tasks make a bucket evidential), a task every 250 ms from
 * t=0 (4 per bucket), recovery must hold for 2 buckets, stable_for 2 s (2 buckets).
 */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/metrics/compute.js';
import { lookupMetric } from '../../../src/metrics/lookup.js';
import { EVERY_MS, HistoryBuilder, opts } from './history-builder.js';

/** Tasks every 250 ms over [0, end): ok (latency 50) unless `failing(t)`. */
const run = (failing: (t: number) => boolean, end = 10_000) =>
  new HistoryBuilder().series(0, end, EVERY_MS, (t) => ({ latency: 50, outcome: failing(t) ? 'fail' : 'ok' }));

describe('recovery_ms', () => {
  it('no dip: recovery 0, steady 0, post from T, resolution 1000', () => {
    const m = computeMetrics(
      run(() => false)
        .fault(5000, ['worker-2'])
        .end(10_000)
        .build(),
      opts(),
    );
    const f = m.faults[0];
    // S_pre: tasks 1000..4750 = 16, all ok
    expect(f.s_pre).toBe(1);
    expect([f.recovered, f.recovery_ms, f.steady_state_ms, f.dip_at]).toEqual([true, 0, 0, null]);
    expect([m.phases.pre.from, m.phases.pre.to, m.phases.pre.issued]).toEqual([1000, 5000, 16]);
    expect([m.phases.fault.from, m.phases.fault.to, m.phases.fault.issued]).toEqual([5000, 5000, 0]);
    expect([m.phases.post.from, m.phases.post.to, m.phases.post.issued]).toEqual([5000, 10_000, 20]);
    expect([m.success_rate_drop, m.retention, m.resolution_ms]).toEqual([0, 1, 1000]);
    // 40 tasks in all, 36 issued at or after the warmup; 36 successes over the 9 s window [1000, 10000)
    expect([m.tasks_issued, m.overall.issued, m.success_rate, m.throughput]).toEqual([40, 36, 1, 4]);
  });

  it('judges the first tasks after T: the grid is anchored at the fault, not at t=0', () => {
    // fault at 4900; tasks 5000..7250 fail, 7500 on succeed. Buckets [4900+k·1000): 4900 0/4, 5900 0/4,
    // 6900 2/4 (7000, 7250 fail) — still below 0.9 — 7900 4/4, 8900 4/4; [9900, 10000) is a sliver → dropped
    const h = run((t) => t >= 5000 && t < 7500)
      .fault(4900, ['worker-2'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    const f = m.faults[0];
    expect(m.buckets.filter((b) => b.fault === 0).map((b) => [b.t, b.succeeded, b.issued])).toEqual([
      [4900, 0, 4],
      [5900, 0, 4],
      [6900, 2, 4],
      [7900, 4, 4],
      [8900, 4, 4],
    ]);
    expect([f.dip_at, f.recovery_ms, f.steady_state_ms]).toEqual([4900, 3000, 3000]);
    // fault phase [4900, 7900): tasks 5000..7750 = 12, of which 7500 and 7750 succeeded
    expect([f.phases.fault.issued, f.phases.fault.succeeded]).toEqual([12, 2]);
    expect([f.phases.post.from, f.phases.post.to, f.phases.post.issued, f.phases.post.success_rate]).toEqual([
      7900, 10_000, 8, 1,
    ]);
  });

  it('a short outage right after T is seen in the bucket holding T, and the recovery follows it', () => {
    // 250 ms of failures right after T, then fine: the first bucket (1 fail of 4) dips, the next two hold
    const h = run((t) => t === 5000)
      .fault(5000, ['worker-2'])
      .end(10_000)
      .build();
    const f = computeMetrics(h, opts()).faults[0];
    expect([f.recovered, f.dip_at, f.recovery_ms]).toEqual([true, 5000, 1000]);
  });

  it('one good bucket inside the outage does not end it: recovery must be sustained', () => {
    // buckets 5000 0/4, 6000 4/4, 7000 0/4, 8000 4/4, 9000 4/4
    const h = run((t) => (t >= 5000 && t < 6000) || (t >= 7000 && t < 8000))
      .fault(5000, ['worker-2'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    expect([m.faults[0].recovery_ms, m.faults[0].steady_state_ms]).toEqual([3000, 3000]);
    // a longer recover_for needs 3 buckets back: {8000, 9000} is all there is → never recovered
    const longer = computeMetrics(h, opts({ recoverForMs: 3000 }));
    expect([longer.faults[0].recovered, longer.faults[0].recovery_ms]).toEqual([false, null]);
  });

  it('a bucket with fewer than min_samples / 2 tasks neither dips nor begins a recovery', () => {
    // bucket 5000 dips (0/4); bucket 6000 holds one ok task (no evidence); 7000 on: 4/4
    const h = new HistoryBuilder()
      .series(0, 6000, EVERY_MS, (t) => ({ latency: 50, outcome: t >= 5000 ? 'fail' : 'ok' }))
      .task('lone', 6500, 50)
      .series(7000, 10_000, EVERY_MS, () => ({ latency: 50 }))
      .fault(5000, ['worker-2'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    expect(m.buckets.find((b) => b.t === 6000)).toMatchObject({ issued: 1, succeeded: 1, rate: 1, evidential: false });
    expect(m.faults[0].recovery_ms).toBe(2000); // 7000 − 5000: the lone success is not a recovery
    // a lone failure right after T is no dip either
    const lone = new HistoryBuilder()
      .series(0, 5000, EVERY_MS, () => ({ latency: 50 }))
      .task('x', 5100, 50, 'fail')
      .series(6000, 10_000, EVERY_MS, () => ({ latency: 50 }))
      .fault(5000, ['worker-2'])
      .end(10_000)
      .build();
    expect(computeMetrics(lone, opts()).faults[0].recovery_ms).toBe(0);
  });

  it('never recovered: null, recovered false, fault phase to the end, no post, drop and retention null', () => {
    const m = computeMetrics(
      run((t) => t >= 5000)
        .fault(5000, ['worker-2'])
        .end(10_000)
        .build(),
      opts(),
    );
    const f = m.faults[0];
    expect([f.recovered, f.recovery_ms, f.steady_state_ms]).toEqual([false, null, null]);
    expect([m.recovered, m.recovery_ms, m.steady_state_ms]).toEqual([false, null, null]);
    expect([m.phases.fault.from, m.phases.fault.to, m.phases.fault.issued]).toEqual([5000, 10_000, 20]);
    expect([m.phases.post.from, m.phases.post.issued, m.phases.post.success_rate]).toEqual([null, 0, null]);
    expect([f.success_rate_drop, f.retention, m.success_rate_drop, m.retention]).toEqual([null, null, null, null]);
    expect(lookupMetric(m, 'success_rate_drop', {}, false)).toMatchObject({
      value: null,
      why: expect.stringMatching(/never recovered/),
    });
    expect(lookupMetric(m, 'recovery_ms', {}, false)).toMatchObject({ value: null, why: 'never recovered' });
  });

  it('the recovery window must fit before the end of the run', () => {
    // only bucket 9000 is back: a 2-bucket window {9000, 10000} does not exist
    const m = computeMetrics(
      run((t) => t >= 5000 && t < 9000)
        .fault(5000, ['worker-2'])
        .end(10_000)
        .build(),
      opts(),
    );
    expect([m.faults[0].recovered, m.faults[0].recovery_ms]).toEqual([false, null]);
    const fits = computeMetrics(
      run((t) => t >= 5000 && t < 8000)
        .fault(5000, ['worker-2'])
        .end(10_000)
        .build(),
      opts(),
    );
    expect(fits.faults[0].recovery_ms).toBe(3000);
  });

  it('no baseline (no task before the fault): null with a reason, never a passing 0', () => {
    const h = new HistoryBuilder()
      .series(3000, 10_000, EVERY_MS, () => ({ latency: 50 }))
      .fault(2000, ['worker-2'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    expect([m.faults[0].s_pre, m.faults[0].recovered, m.faults[0].recovery_ms, m.faults[0].no_evidence]).toEqual([
      null,
      false,
      null,
      'no_baseline',
    ]);
    expect(lookupMetric(m, 'recovery_ms', {}, false)).toMatchObject({
      value: null,
      why: expect.stringMatching(/no baseline/),
    });
  });

  it('S_pre = 0 (nothing ever worked): recovery_ms is null with a reason, never a passing 0', () => {
    const m = computeMetrics(
      run(() => true)
        .fault(5000, ['worker-2'])
        .end(10_000)
        .build(),
      opts(),
    );
    expect([m.faults[0].s_pre, m.faults[0].recovery_ms, m.faults[0].no_evidence]).toEqual([0, null, 'baseline_zero']);
    expect(lookupMetric(m, 'recovery_ms', {}, false)).toMatchObject({
      value: null,
      why: expect.stringMatching(/S_pre = 0/),
    });
    expect(
      lookupMetric(m, 'recovered', {}, false).kind === 'scalar' && lookupMetric(m, 'recovered', {}, false),
    ).toMatchObject({ value: null });
  });

  it('no evidential bucket after the fault: null with the reason', () => {
    // fault in the last 600 ms of the run with a single task after it
    const h = new HistoryBuilder()
      .series(0, 9400, EVERY_MS, () => ({ latency: 50 }))
      .task('late', 9600, 50)
      .fault(9400, ['w'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    expect([m.faults[0].recovery_ms, m.faults[0].no_evidence]).toEqual([null, 'no_evidential_bucket']);
    expect(lookupMetric(m, 'recovery_ms', {}, false)).toMatchObject({
      value: null,
      why: expect.stringMatching(/min_samples/),
    });
  });
});

describe('several faults (cyclic storm)', () => {
  it('each fault has its own grid up to the next fault, and every fault is judged against the one baseline', () => {
    // fault 0 at 3000: bucket 3000 fails, 4000 and 5000 are back → 1000 ms
    // fault 1 at 6000: buckets 6000, 7000, 8000 fail, only 9000 is back → never recovered
    const h = run((t) => (t >= 3000 && t < 4000) || (t >= 6000 && t < 9000))
      .fault(3000, ['worker-1'])
      .fault(6000, ['worker-2'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    const [a, b] = m.faults;
    expect(m.buckets.map((x) => [x.t, x.fault])).toEqual([
      [1000, null],
      [2000, null],
      [3000, 0],
      [4000, 0],
      [5000, 0],
      [6000, 1],
      [7000, 1],
      [8000, 1],
      [9000, 1],
    ]);
    expect([a.s_pre, a.recovery_ms, a.steady_state_ms]).toEqual([1, 1000, 1000]);
    expect([a.phases.pre.from, a.phases.pre.to]).toEqual([1000, 3000]);
    expect([a.phases.post.from, a.phases.post.to, a.phases.post.issued]).toEqual([4000, 6000, 8]);
    expect([b.s_pre, b.phases.pre.from, b.phases.pre.to]).toEqual([1, 1000, 3000]);
    expect([b.recovered, b.recovery_ms]).toEqual([false, null]);
    expect([m.recovery_ms, m.recovered]).toEqual([null, false]);
    // worst over faults with a post phase: fault 0 kept everything
    expect([m.success_rate_drop, m.retention]).toEqual([0, 1]);
  });

  it("a later fault's tasks are never charged to an earlier one; a cut last bucket counts when at least half is inside", () => {
    // fault 0 at 3000, fault 1 at 5500: fault 0's grid is 3000, 4000 and [5000, 5500) (half a bucket, 2 tasks)
    const h = run((t) => t >= 5500)
      .fault(3000, ['w1'])
      .fault(5500, ['w2'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    expect(m.buckets.filter((x) => x.fault === 0).map((x) => [x.t, x.width, x.issued, x.succeeded])).toEqual([
      [3000, 1000, 4, 4],
      [4000, 1000, 4, 4],
      [5000, 500, 2, 2],
    ]);
    expect(m.faults[0].recovery_ms).toBe(0);
    expect([m.faults[1].recovered, m.faults[1].recovery_ms]).toEqual([false, null]);
  });

  it('a system that stays degraded after the first fault is not compared with its own degraded state', () => {
    // from 3000 on, every other task fails (rate 0.5): fault 0 never recovers; nor does fault 1 at 6000,
    // although the rate after it (0.5) is as good as the degraded rate before it
    const h = run((t) => t >= 3000 && t % 500 === 0)
      .fault(3000, ['w1'])
      .fault(6000, ['w2'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    expect(m.faults.map((f) => [f.s_pre, f.recovered])).toEqual([
      [1, false],
      [1, false],
    ]);
  });

  it('simultaneous faults share their grid', () => {
    const h = run((t) => t >= 5000 && t < 7000)
      .fault(5000, ['w1'])
      .fault(5000, ['w2'], 'partition')
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    expect(m.faults.map((f) => [f.fault, f.kind, f.s_pre, f.recovery_ms])).toEqual([
      [0, 'kill', 1, 2000],
      [1, 'partition', 1, 2000],
    ]);
  });
});

describe('steady_state_ms', () => {
  it("waits for the span's p95 latency to come back under 2× the pre-fault p95", () => {
    // all tasks succeed; pre latency 100 → pre p95 100, limit 200
    // buckets 5000, 6000: latency 300 (too slow); 7000: 200 (= limit, allowed); 8000+: 150
    const latency = (t: number) => (t < 5000 ? 100 : t < 7000 ? 300 : t < 8000 ? 200 : 150);
    const h = new HistoryBuilder()
      .series(0, 10_000, EVERY_MS, (t) => ({ latency: latency(t) }))
      .fault(5000, ['worker-2'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    expect(m.faults[0].recovery_ms).toBe(0); // no success-rate dip at all
    expect(m.faults[0].steady_state_ms).toBe(2000); // span {7000, 8000}
    expect(m.phases.post.latency.p95).toBe(300); // post [5000, 10000) holds the slow tasks too
  });

  it('takes p95 over the whole span, so one slow task in a bucket does not hold it back', () => {
    // stable_for 5 s = 5 buckets = 20 tasks: one slow task is rank 20, the span's p95 is rank 19
    const h = new HistoryBuilder()
      .series(0, 12_000, EVERY_MS, (t) => ({ latency: t === 5250 ? 900 : 100 }))
      .fault(5000, ['w'])
      .end(12_000)
      .build();
    const m = computeMetrics(h, opts({ durationMs: 12_000, stableForMs: 5000 }));
    expect(m.buckets.find((b) => b.t === 5000)?.p95_latency).toBe(900);
    expect(m.faults[0].steady_state_ms).toBe(0);
  });

  it('is null when the span never fits before the run end', () => {
    const h = run((t) => t >= 5000 && t < 8000)
      .fault(5000, ['worker-2'])
      .end(10_000)
      .build();
    expect(computeMetrics(h, opts()).faults[0].steady_state_ms).toBe(3000);
    expect(computeMetrics(h, opts({ stableForMs: 3000 })).faults[0].steady_state_ms).toBeNull();
  });
});
