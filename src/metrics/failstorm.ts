/**
 * The cell's metrics in the shape of the original Fail-Storm benchmark's `failstorm_metrics.json`
 * (its five core fields, same names and units), flattened, with the columns of its published table
 * (answer discovery pre/post %, latency pre/post s, recovery s) so a run can be laid next to it, and
 * storm's measured extras. Unlike the original, an unknown value is null, never 0 or a constant.
 */
import type { Metrics } from '../model/metrics.js';
import type { ReadonlyView } from '../model/readonly.js';

/** One flat object; times in ms (and the table's columns in s), rates 0..1, null = not defined for this cell. */
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
  /** Bucket width: recovery_ms and steady_state_ms are exact to ± this. */
  resolution_ms: number;
  /** S_pre: success rate of the tasks issued in [warmup, first fault) (all of them without faults). */
  pre_fault_success_rate: number | null;
  /** S_post of the worst fault (the one with the lowest retention); null when no fault recovered. */
  post_fault_success_rate: number | null;
  retention: number | null;
  /** The published table's columns: answer discovery = success rate in %, latency = mean task latency in s. */
  answer_discovery_pre_pct: number | null;
  answer_discovery_post_pct: number | null;
  latency_pre_s: number | null;
  latency_post_s: number | null;
  recovery_s: number | null;
  fault_count: number;
  tasks_issued: number;
  tasks_lost: number;
}

const pct = (r: number | null) => (r === null ? null : r * 100);
const sec = (ms: number | null) => (ms === null ? null : ms / 1000);

/** Maps Metrics to the Fail-Storm benchmark's flat `failstorm_metrics.json` record. */
export function toFailstormMetrics(
  m: ReadonlyView<Metrics>,
  info: { protocol: string; scenario: string },
): FailstormMetrics {
  const pre = m.phases.pre;
  // the fault whose post phase kept the least of the baseline (the worst, as every bare metric)
  const worst = m.faults
    .filter((f) => f.retention !== null)
    .sort((a, b) => (a.retention as number) - (b.retention as number))[0];
  const post = worst?.phases.post ?? null;
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
    resolution_ms: m.resolution_ms,
    pre_fault_success_rate: pre.success_rate,
    post_fault_success_rate: post?.success_rate ?? null,
    retention: m.retention,
    answer_discovery_pre_pct: pct(pre.success_rate),
    answer_discovery_post_pct: pct(post?.success_rate ?? null),
    latency_pre_s: sec(pre.latency.avg),
    latency_post_s: sec(post?.latency.avg ?? null),
    recovery_s: sec(m.recovery_ms),
    fault_count: m.faults.length,
    tasks_issued: m.tasks_issued,
    tasks_lost: m.tasks_lost,
  };
}
