/**
 * Latency aggregations. Percentiles use the nearest-rank method: the p-th percentile of n sorted
 * values is the value at rank ceil(p·n/100) (1-based), so it is always an observed latency, never an
 * interpolation between two. Empty input gives nulls, never 0.
 */
import type { LatencySummary } from '../model/metrics.js';

/** Nearest-rank percentile of `values` (any order), p in 0..100; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

/** Nearest-rank percentile of an ascending array; null when empty. */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  // p·n before /100 keeps the product exact for integer p, so ceil never rounds 19.000…01 up to 20
  const rank = Math.min(n, Math.max(1, Math.ceil((p * n) / 100)));
  return sorted[rank - 1];
}

/** Arithmetic mean; null when empty. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** count, p50/p90/p95/p99 (nearest rank), avg, min, max of a latency list. */
export function summarizeLatency(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    avg: mean(sorted),
    min: sorted.length ? sorted[0] : null,
    max: sorted.length ? sorted[sorted.length - 1] : null,
  };
}
