import { describe, expect, it } from 'vitest';
import { gridAfter, gridBefore } from '../../../src/metrics/buckets.js';
import { bucketWidth } from '../../../src/metrics/resolution.js';
import { percentile, summarizeLatency } from '../../../src/metrics/latency.js';
import { collectTasks } from '../../../src/metrics/tasks.js';
import { HistoryBuilder } from './history-builder.js';

describe('percentiles (nearest rank)', () => {
  it('takes the value at rank ceil(p·n/100)', () => {
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => 20 - i); // unsorted on purpose
    expect(percentile(oneToTwenty, 95)).toBe(19); // ceil(0.95·20) = 19 → 19th smallest
    expect(percentile(oneToTwenty, 50)).toBe(10); // ceil(10) = 10
    expect(percentile(oneToTwenty, 99)).toBe(20); // ceil(19.8) = 20
    expect(percentile([10, 20, 30], 50)).toBe(20); // ceil(1.5) = 2
    expect(percentile([1, 2, 3, 4, 5, 6, 7], 95)).toBe(7); // ceil(6.65) = 7
    expect(percentile([1, 2, 3, 4, 5, 6, 7], 90)).toBe(7); // ceil(6.3) = 7: never rounds down
    expect(percentile([1, 2, 3, 4, 5, 6, 7], 30)).toBe(3); // ceil(2.1) = 3
    expect(percentile([5], 0)).toBe(5); // rank clamps to 1
    expect(percentile([], 95)).toBeNull();
  });

  it('summarizes with nulls when empty', () => {
    expect(summarizeLatency([300, 100, 200])).toEqual({
      count: 3,
      p50: 200,
      p90: 300,
      p95: 300,
      p99: 300,
      avg: 200,
      min: 100,
      max: 300,
    });
    expect(summarizeLatency([])).toEqual({
      count: 0,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      avg: null,
      min: null,
      max: null,
    });
  });
});

describe('bucket grids', () => {
  const h = new HistoryBuilder()
    .task('a', 900, 10)
    .task('b', 1500, 10)
    .task('c', 2000, 10)
    .task('d', 2999, 30, 'fail')
    .task('e', 3100, 40)
    .task('f', 10_100, 50)
    .build();
  const tasks = collectTasks(h, 'correct');
  const spec = { widthMs: 1000, minSamples: 4 };

  it('anchors at the fault, holds tasks by issue time, marks buckets with < min_samples / 2 tasks as no evidence', () => {
    const b = gridAfter(tasks, 1500, 10_400, spec, 0);
    expect(b[0]).toMatchObject({
      t: 1500,
      width: 1000,
      fault: 0,
      issued: 2,
      succeeded: 2,
      rate: 1,
      p95_latency: 10,
      evidential: true,
    });
    expect(b[1]).toMatchObject({ t: 2500, issued: 2, succeeded: 1, evidential: true });
    expect(b[2]).toMatchObject({ t: 3500, issued: 0, rate: null, evidential: false });
    // limit 10400: [9500, 10400) is 900 ms ≥ half a bucket → kept, cut at the limit
    expect(b.map((x) => x.t)).toEqual([1500, 2500, 3500, 4500, 5500, 6500, 7500, 8500, 9500]);
    expect(b[b.length - 1].width).toBe(900);
  });

  it('drops a last bucket of less than half a bucket', () => {
    expect(
      gridAfter(tasks, 1500, 9900, spec, 0)
        .map((x) => x.t)
        .pop(),
    ).toBe(8500);
  });

  it('pre-fault chart buckets are whole buckets anchored backwards from the first fault', () => {
    expect(gridBefore(tasks, 1000, 3600, spec).map((x) => [x.t, x.issued])).toEqual([
      [1600, 1],
      [2600, 2],
    ]);
  });
});

describe('resolution_ms (bucket width)', () => {
  const none = collectTasks(new HistoryBuilder().build(), 'correct');
  const w = (over: Partial<Parameters<typeof bucketWidth>[1]>) =>
    bucketWidth(none, { bucketMs: 250, minSamples: 10, warmupMs: 1000, preEndMs: 6000, ...over });

  it('is the smallest multiple of bucket holding min_samples tasks at the declared rate', () => {
    expect(w({ ratePerSec: 20 })).toBe(500); // 5 per 250 ms → 2 buckets
    expect(w({ ratePerSec: 40 })).toBe(250);
    expect(w({ ratePerSec: 7 })).toBe(1500); // 1.75 per 250 ms → ⌈5.71⌉ = 6 buckets
    expect(w({ ratePerSec: 100 })).toBe(250); // never below the base bucket
    expect(w({ ratePerSec: 20, minSamples: 20 })).toBe(1000);
  });

  it('uses the observed pre-fault issue rate of a closed workload', () => {
    // 4 tasks per second over [1000, 6000) → 1 per 250 ms → 10 buckets
    const closed = collectTasks(new HistoryBuilder().series(0, 8000, 250, () => ({ latency: 5 })).build(), 'correct');
    expect(bucketWidth(closed, { bucketMs: 250, minSamples: 10, warmupMs: 1000, preEndMs: 6000 })).toBe(2500);
    expect(bucketWidth(none, { bucketMs: 250, minSamples: 10, warmupMs: 1000, preEndMs: 6000 })).toBe(250);
  });
});
