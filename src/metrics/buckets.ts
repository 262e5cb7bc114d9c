/**
 * The windowed success rate (SPEC §3). Each fault has its own grid anchored at its observed time T:
 * buckets [T + k·w, T + (k+1)·w), k ≥ 0, holding the tasks *issued* in them, up to the next fault or
 * the end of the run. A last bucket cut by that limit counts only if at least half of it lies inside.
 * A bucket with fewer than min_samples / 2 tasks carries no evidence: it neither dips nor recovers.
 * Pre-fault buckets (anchored backwards from the first fault) exist only for charts.
 */
import { percentile } from './latency.js';
import type { TaskRecord } from './tasks.js';
import type { Bucket } from '../model/metrics.js';
import { rate } from './window.js';

/** A bucket with the latencies of its successful tasks (for span p95s; not reported). */
export interface GridBucket extends Bucket {
  latencies: number[];
}

/** How a grid is cut and when its buckets carry evidence. */
export interface GridSpec {
  widthMs: number;
  minSamples: number;
}

/**
 * A cut last bucket counts when at least half of it lies inside, less 1% of w: two faults planned
 * exactly 1.5 buckets apart must not keep or drop that half bucket by a millisecond of timer jitter.
 */
const HALF_TOLERANCE = 0.01;

/** Buckets [anchor + k·w, …) up to `limit`, the last one kept when at least half of it is inside. */
export function gridAfter(
  tasks: readonly TaskRecord[] /* sorted by issue time */,
  anchor: number,
  limit: number,
  spec: GridSpec,
  fault: number | null,
): GridBucket[] {
  const w = spec.widthMs;
  if (!(w > 0)) throw new RangeError(`bucket width must be > 0, got ${w}`);
  const out: GridBucket[] = [];
  for (let k = 0; anchor + k * w < limit; k++) {
    const start = anchor + k * w;
    const end = Math.min(start + w, limit);
    if (end - start < w / 2 - w * HALF_TOLERANCE) break;
    out.push(fill(tasks, start, end, spec, fault));
  }
  return out;
}

/** Whole buckets [anchor − k·w, anchor − (k−1)·w) inside [from, anchor), oldest first (charts). */
export function gridBefore(tasks: readonly TaskRecord[], from: number, anchor: number, spec: GridSpec): GridBucket[] {
  const w = spec.widthMs;
  const out: GridBucket[] = [];
  for (let k = 1; anchor - k * w >= from; k++)
    out.unshift(fill(tasks, anchor - k * w, anchor - (k - 1) * w, spec, null));
  return out;
}

/** Index of the first task issued at or after t (tasks are sorted by issue time, see collectTasks). */
function firstAtOrAfter(tasks: readonly TaskRecord[], t: number): number {
  let lo = 0;
  let hi = tasks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tasks[mid].issued < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One bucket: a binary search to its first task, so a day-long run stays linear, not buckets × tasks. */
function fill(
  tasks: readonly TaskRecord[],
  start: number,
  end: number,
  spec: GridSpec,
  fault: number | null,
): GridBucket {
  let issued = 0;
  let succeeded = 0;
  const latencies: number[] = [];
  for (let i = firstAtOrAfter(tasks, start); i < tasks.length && tasks[i].issued < end; i++) {
    const t = tasks[i];
    issued++;
    if (t.success) {
      succeeded++;
      if (t.latency !== null) latencies.push(t.latency);
    }
  }
  return {
    t: start,
    width: end - start,
    fault,
    issued,
    succeeded,
    rate: rate(succeeded, issued),
    p95_latency: percentile(latencies, 95),
    evidential: issued >= spec.minSamples / 2,
    latencies,
  };
}

/** The reported form of a bucket (without its latency list). */
export function reportBucket(b: GridBucket): Bucket {
  const { latencies: _latencies, ...bucket } = b;
  return bucket;
}
