/**
 * Recovery and steady state of one fault, scanned over that fault's own bucket grid (SPEC §3).
 * θ = 0.9 × S_pre. Only evidential buckets can dip, recover or break a healthy span; a window or span
 * begins at an evidential bucket (a recovery is a moment the system was *seen* working again).
 */
import type { GridBucket } from './buckets.js';
import { percentile } from './latency.js';
import { below, EPS } from './window.js';

/** Outcome of the dip / sustained-recovery scan, as indexes into the fault's buckets. */
export interface RecoveryScan {
  /** No dip → recovered at T (index 0 is not meaningful then). */
  dipped: boolean;
  /** Index of the dip bucket, or −1. */
  dipIndex: number;
  /** Index of the bucket that begins the sustained recovery; −1 when there is none. */
  recoveryIndex: number;
}

/** max(2, ⌈span / w⌉): buckets a sustained window covers. */
export function windowBuckets(spanMs: number, widthMs: number): number {
  return Math.max(2, Math.ceil(spanMs / widthMs - 1e-9));
}

/**
 * dip = the first evidential bucket below θ; recovery = the first bucket after it that begins a window
 * of `n` buckets (all inside the fault's grid) holding ≥ 2 evidential buckets, every one ≥ θ.
 */
export function scanRecovery(buckets: readonly GridBucket[], threshold: number, n: number): RecoveryScan {
  const dipIndex = buckets.findIndex((b) => b.evidential && below(b.rate as number, threshold));
  if (dipIndex < 0) return { dipped: false, dipIndex: -1, recoveryIndex: -1 };
  for (let j = dipIndex + 1; j + n <= buckets.length; j++) {
    if (sustained(buckets.slice(j, j + n), threshold)) return { dipped: true, dipIndex, recoveryIndex: j };
  }
  return { dipped: true, dipIndex, recoveryIndex: -1 };
}

/** Starts with an evidential bucket, holds ≥ 2 of them, and none is below θ. */
function sustained(window: readonly GridBucket[], threshold: number): boolean {
  if (!window[0].evidential) return false;
  const evidential = window.filter((b) => b.evidential);
  return evidential.length >= 2 && evidential.every((b) => !below(b.rate as number, threshold));
}

/**
 * Index of the first bucket at or after `fromIndex` beginning a span of `n` buckets (all inside the grid)
 * that starts with an evidential bucket, holds ≥ 2 of them, keeps every one ≥ θ, and whose successful
 * tasks' pooled p95 latency is ≤ 2 × p95_pre (skipped when p95_pre is unknown); −1 when none fits.
 */
export function findSteadyState(
  buckets: readonly GridBucket[],
  fromIndex: number,
  threshold: number,
  p95Pre: number | null,
  n: number,
): number {
  for (let j = Math.max(0, fromIndex); j + n <= buckets.length; j++) {
    const span = buckets.slice(j, j + n);
    if (!sustained(span, threshold)) continue;
    const p95 = percentile(
      span.flatMap((b) => b.latencies),
      95,
    );
    if (p95Pre === null || p95 === null || p95 <= 2 * p95Pre + EPS) return j;
  }
  return -1;
}
