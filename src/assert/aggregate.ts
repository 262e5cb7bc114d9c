/**
 * The aggregation functions of assertions over a series of numbers.
 */
import { percentile } from '../metrics/latency.js';
import type { AggregateFn } from '../model/assertions.js';

/** Percentiles are nearest-rank (always an observed value), the same definition as the metrics' summaries. */
export { percentile };

/** Apply `fn` to `values`; null for an empty series except count, which is 0. */
export function aggregate(fn: AggregateFn, values: readonly number[]): number | null {
  if (fn === 'count') return values.length;
  if (values.length === 0) return null;
  switch (fn) {
    case 'p50':
      return percentile(values, 50);
    case 'p90':
      return percentile(values, 90);
    case 'p95':
      return percentile(values, 95);
    case 'p99':
      return percentile(values, 99);
    case 'avg':
      return values.reduce((s, v) => s + v, 0) / values.length;
    case 'min':
      return values.reduce((a, b) => Math.min(a, b));
    case 'max':
      return values.reduce((a, b) => Math.max(a, b));
  }
}
