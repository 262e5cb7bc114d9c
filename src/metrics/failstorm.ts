/**
 * The cell's metrics in the shape of the original Fail-Storm benchmark's `failstorm_metrics.json`
 * (its five core fields, same names and units), flattened and extended with storm's measured extras.
 * Unlike the original, an unknown value is null, never 0 or a constant (docs/metrics.md).
 */
import { rateAfterFault } from './phases.js';
import type { Metrics } from './types.js';

/** One flat object; every time in ms, every rate 0..1, null = not defined for this cell. */
export interface FailstormMetrics {
  protocol: string;
  scenario: string;
  recovery_ms: number | null;
  steady_state_ms: number | null;
  bytes_reconnect: number | null;
  success_rate_drop: number | null;
  duplicate_work_ratio: number | null;
  detect_ms: number | null;
  reconnect_ms: number | null;
  recovered: boolean | null;
  /** Success rate of the tasks issued in [warmup, first fault) (all of them without faults). */
  pre_fault_success_rate: number | null;
  /** The S_after of success_rate_drop: post phase, or everything after the fault if never recovered. */
  post_fault_success_rate: number | null;
  fault_count: number;
  tasks_issued: number;
  tasks_lost: number;
}

/** Maps Metrics to the Fail-Storm benchmark's flat `failstorm_metrics.json` record. */
export function toFailstormMetrics(m: Metrics, info: { protocol: string; scenario: string }): FailstormMetrics {
  return {
    protocol: info.protocol,
    scenario: info.scenario,
    recovery_ms: m.recovery_ms,
    steady_state_ms: m.steady_state_ms,
    bytes_reconnect: m.bytes_reconnect,
    success_rate_drop: m.success_rate_drop,
    duplicate_work_ratio: m.duplicate_work_ratio,
    detect_ms: m.detect_ms,
    reconnect_ms: m.reconnect_ms,
    recovered: m.recovered,
    pre_fault_success_rate: m.phases.pre.success_rate,
    post_fault_success_rate: m.faults.length > 0 ? rateAfterFault(m.phases.fault, m.phases.post) : null,
    fault_count: m.faults.length,
    tasks_issued: m.tasks_issued,
    tasks_lost: m.tasks_lost,
  };
}
