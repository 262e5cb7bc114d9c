import { describe, expect, it } from 'vitest';
import { buildBuckets } from '../../../src/metrics/buckets.js';
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
    expect(summarizeLatency([300, 100, 200])).toEqual({ count: 3, p50: 200, p90: 300, p95: 300, p99: 300, avg: 200, min: 100, max: 300 });
    expect(summarizeLatency([])).toEqual({ count: 0, p50: null, p90: null, p95: null, p99: null, avg: null, min: null, max: null });
  });
});

describe('buckets', () => {
  const h = new HistoryBuilder()
    .task('a', 900, 10) // before the first bucket (warmup 1100 → first bucket 2000)
    .task('b', 1500, 10) // after warmup but before the first aligned bucket
    .task('c', 2000, 10)
    .task('d', 2999, 30, 'fail')
    .task('e', 3100, 40)
    .task('f', 10_100, 50) // in the last bucket [10000, 11000) when it is kept
    .build();
  const tasks = collectTasks(h, 'correct');

  it('aligns to t=0, starts at the first bucket ≥ warmup, holds tasks by issue time', () => {
    const b = buildBuckets(tasks, 1100, 10_400, 1000);
    expect(b[0]).toEqual({ t: 2000, issued: 2, succeeded: 1, rate: 0.5, p95_latency: 10 });
    expect(b[1]).toEqual({ t: 3000, issued: 1, succeeded: 1, rate: 1, p95_latency: 40 });
    expect(b[2]).toEqual({ t: 4000, issued: 0, succeeded: 0, rate: null, p95_latency: null });
    // end 10400: the bucket at 10000 would hold 400 ms < half a bucket → dropped; last is 9000
    expect(b.map((x) => x.t)).toEqual([2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
  });

  it('keeps a last partial bucket of at least half a bucket', () => {
    const b = buildBuckets(tasks, 1100, 10_500, 1000);
    expect(b[b.length - 1]).toEqual({ t: 10_000, issued: 1, succeeded: 1, rate: 1, p95_latency: 50 });
  });
});
