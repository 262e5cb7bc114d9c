/**
 * Top-level per-fault metrics: the worst over faults (SPEC §3). Times and bytes: the max, and a null
 * among the faults a time applies to (never detected, never recovered) is the worst value of all, so it
 * makes the top-level value null. success_rate_drop: the max, retention: the min, over the faults that
 * have a value (a fault whose post phase holds no task is left out).
 */
import type { FaultResult } from './faults.js';
import type { Metrics } from '../model/metrics.js';

type Worst = Pick<
  Metrics,
  | 'detect_ms'
  | 'recovery_ms'
  | 'recovered'
  | 'steady_state_ms'
  | 'reconnect_ms'
  | 'bytes_reconnect'
  | 'bytes_excess'
  | 'success_rate_drop'
  | 'retention'
>;

/** Max of the values, null if any is null or there are none. */
export function maxOrNull(values: readonly (number | null)[]): number | null {
  if (values.length === 0 || values.some((v) => v === null)) return null;
  return Math.max(...(values as number[]));
}

/** Max (or min) of the non-null values; null when there is none. */
function extremeOfKnown(values: readonly (number | null)[], pick: (...xs: number[]) => number): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? pick(...known) : null;
}

/** Worst-of over fault records; every field null without faults. */
export function worstOverFaults(faults: readonly FaultResult[]): Worst {
  const records = faults.map((f) => f.record);
  if (records.length === 0) {
    return {
      detect_ms: null,
      recovery_ms: null,
      recovered: null,
      steady_state_ms: null,
      reconnect_ms: null,
      bytes_reconnect: null,
      bytes_excess: null,
      success_rate_drop: null,
      retention: null,
    };
  }
  // detection only means something for process faults and partitions, reconnection only for restarted victims
  return {
    detect_ms: maxOrNull(faults.filter((f) => f.detects).map((f) => f.record.detect_ms)),
    recovery_ms: maxOrNull(records.map((r) => r.recovery_ms)),
    recovered: records.every((r) => r.recovered),
    steady_state_ms: maxOrNull(records.map((r) => r.steady_state_ms)),
    reconnect_ms: maxOrNull(faults.filter((f) => f.hadRestart).map((f) => f.record.reconnect_ms)),
    bytes_reconnect: maxOrNull(records.map((r) => r.bytes_reconnect)),
    bytes_excess: maxOrNull(records.map((r) => r.bytes_excess)),
    success_rate_drop: extremeOfKnown(
      records.map((r) => r.success_rate_drop),
      Math.max,
    ),
    retention: extremeOfKnown(
      records.map((r) => r.retention),
      Math.min,
    ),
  };
}
