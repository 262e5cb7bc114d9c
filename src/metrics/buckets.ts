/**
 * The windowed success rate. Buckets are aligned to t=0 ([k·b, (k+1)·b)), the first one is the first
 * bucket starting at or after the warmup, and each holds the tasks *issued* in it. The last bucket is
 * kept when at least half of it lies before the run end, dropped otherwise (a sliver of a bucket with
 * two tasks would make a noisy last point). Empty buckets are kept with rate null.
 */
import { percentile } from './latency.js';
import type { TaskRecord } from './tasks.js';
import type { Bucket } from './types.js';
import { rate } from './window.js';

/** Buckets of `bucketMs` from the first aligned start ≥ warmup to the run end. */
export function buildBuckets(tasks: readonly TaskRecord[], warmupMs: number, endMs: number, bucketMs: number): Bucket[] {
  if (!(bucketMs > 0)) throw new RangeError(`bucketMs must be > 0, got ${bucketMs}`);
  const first = Math.ceil(warmupMs / bucketMs);
  const buckets: Bucket[] = [];
  const latencies: number[][] = [];
  for (let k = first; k * bucketMs < endMs; k++) {
    const start = k * bucketMs;
    if (start + bucketMs > endMs && endMs - start < bucketMs / 2) break;
    buckets.push({ t: start, issued: 0, succeeded: 0, rate: null, p95_latency: null });
    latencies.push([]);
  }
  for (const task of tasks) {
    const i = Math.floor(task.issued / bucketMs) - first;
    if (i < 0 || i >= buckets.length) continue;
    buckets[i].issued++;
    if (task.success) {
      buckets[i].succeeded++;
      if (task.latency !== null) latencies[i].push(task.latency);
    }
  }
  buckets.forEach((b, i) => {
    b.rate = rate(b.succeeded, b.issued);
    b.p95_latency = percentile(latencies[i], 95);
  });
  return buckets;
}

/** The buckets whose start lies in [from, to): the ones a fault at `from` owns (until the next fault). */
export function bucketRange(buckets: readonly Bucket[], from: number, to: number): Bucket[] {
  return buckets.filter((b) => b.t >= from && b.t < to);
}
