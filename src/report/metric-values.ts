/**
 * The numeric metrics of a cell by their assertion names, for spreads over repeats: every top-level
 * number of Metrics (so metrics added later show up without a change here), the phase success
 * rates, and the latency percentiles. `null` stays null — a run that never recovered has no
 * recovery_ms, and the spread counts it.
 */
import type { ReadonlyView } from '../model/readonly.js';
import type { Metrics } from '../model/metrics.js';

/** How a metric's numbers are written. */
export type MetricUnit = 'ms' | 'bytes' | 'ratio' | 'count';

/** Top-level fields that are settings or structure, not measurements of the system. */
const NOT_MEASUREMENTS = new Set(['bucket_ms', 'resolution_ms']);

/** name → value (number or null) of every numeric metric of one run, in a stable order. */
export function metricValues(m: ReadonlyView<Metrics>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [name, value] of Object.entries(m)) {
    if (NOT_MEASUREMENTS.has(name)) continue;
    if (typeof value === 'number' || value === null)
      out.set(name, typeof value === 'number' && Number.isFinite(value) ? value : null);
  }
  for (const phase of ['pre', 'fault', 'post'] as const)
    out.set(`success_rate{phase=${phase}}`, m.phases[phase]?.success_rate ?? null);
  for (const p of ['p50', 'p95', 'p99'] as const) out.set(`${p}(latency_ms)`, m.overall.latency[p]);
  return out;
}

/** The unit of a metric, from its name (the vocabulary's suffixes and prefixes). */
export function metricUnit(name: string): MetricUnit {
  if (/_ms\b|latency_ms/.test(name)) return 'ms';
  if (name.startsWith('bytes')) return 'bytes';
  if (/^(tasks_|messages|restarts|false_suspicions)/.test(name)) return 'count';
  return 'ratio';
}
