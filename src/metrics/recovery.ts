/**
 * Recovery and steady state of one fault, scanned over the buckets it owns (start in [T, next T)).
 * Empty buckets carry no evidence either way: they neither dip nor recover, and cannot end a dip.
 */
import type { Bucket } from './types.js';
import { below, EPS } from './window.js';

/** Outcome of the dip scan. `recoveredAt` is the start of the first bucket back (absolute ms). */
export interface RecoveryScan {
  recovered: boolean;
  /** Start of the first below-threshold bucket, null when nothing dipped. */
  impactAt: number | null;
  recoveredAt: number | null;
}

/**
 * Impact = first non-empty bucket below 0.9·S_pre; recovery = start of the first non-empty bucket
 * after it back at ≥ 0.9·S_pre. No dip → recovered at T. No non-empty bucket at all, or no S_pre →
 * not recovered: there is no evidence the system works after the fault.
 */
export function scanRecovery(owned: readonly Bucket[], faultT: number, sPre: number | null): RecoveryScan {
  const seen = owned.filter((b) => b.rate !== null);
  if (sPre === null || seen.length === 0) return { recovered: false, impactAt: null, recoveredAt: null };
  const threshold = 0.9 * sPre;
  const impact = seen.findIndex((b) => below(b.rate as number, threshold));
  if (impact < 0) return { recovered: true, impactAt: null, recoveredAt: faultT };
  const back = seen.slice(impact + 1).find((b) => !below(b.rate as number, threshold));
  return back
    ? { recovered: true, impactAt: seen[impact].t, recoveredAt: back.t }
    : { recovered: false, impactAt: seen[impact].t, recoveredAt: null };
}

/**
 * Start (absolute ms) of the first run of `spanBuckets` consecutive owned buckets in which every
 * non-empty bucket has rate ≥ 0.9·S_pre and p95 ≤ 2·pre p95 (the latency test is skipped when either
 * p95 is unknown), with at least one non-empty bucket; null when there is none.
 */
export function findSteadyState(
  owned: readonly Bucket[],
  sPre: number | null,
  preP95: number | null,
  spanBuckets: number,
): number | null {
  if (sPre === null) return null;
  const threshold = 0.9 * sPre;
  const healthy = (b: Bucket): boolean => {
    if (b.rate === null) return true;
    if (below(b.rate, threshold)) return false;
    return preP95 === null || b.p95_latency === null || b.p95_latency <= 2 * preP95 + EPS;
  };
  const n = Math.max(1, spanBuckets);
  for (let j = 0; j + n <= owned.length; j++) {
    const span = owned.slice(j, j + n);
    if (span.every(healthy) && span.some((b) => b.rate !== null)) return owned[j].t;
  }
  return null;
}
