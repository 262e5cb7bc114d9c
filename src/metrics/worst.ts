/**
 * Top-level per-fault metrics: the worst over faults. A null among the faults a metric applies to is
 * the worst value of all (never detected, never recovered), so it makes the top-level value null.
 */
import type { FaultResult } from './faults.js';
import type { Metrics } from './types.js';

type Worst = Pick<Metrics, 'detect_ms' | 'recovery_ms' | 'recovered' | 'steady_state_ms' | 'reconnect_ms' | 'bytes_reconnect'>;

/** Max of the values, null if any is null or there are none. */
export function maxOrNull(values: readonly (number | null)[]): number | null {
  if (values.length === 0 || values.some((v) => v === null)) return null;
  return Math.max(...(values as number[]));
}

/** Worst-of over fault records; every field null without faults. */
export function worstOverFaults(faults: readonly FaultResult[]): Worst {
  if (faults.length === 0) {
    return { detect_ms: null, recovery_ms: null, recovered: null, steady_state_ms: null, reconnect_ms: null, bytes_reconnect: null };
  }
  const records = faults.map((f) => f.record);
  // detection only means something for process faults and partitions, reconnection only for restarted victims
  return {
    detect_ms: maxOrNull(faults.filter((f) => f.detects).map((f) => f.record.detect_ms)),
    recovery_ms: maxOrNull(records.map((r) => r.recovery_ms)),
    recovered: records.every((r) => r.recovered),
    steady_state_ms: maxOrNull(records.map((r) => r.steady_state_ms)),
    reconnect_ms: maxOrNull(faults.filter((f) => f.hadRestart).map((f) => f.record.reconnect_ms)),
    bytes_reconnect: maxOrNull(records.map((r) => r.bytes_reconnect)),
  };
}
