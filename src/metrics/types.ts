/**
 * The metrics of one cell (SPEC §3), computed by pure functions from the history.
 * Times in ms relative to the workload start, sizes in bytes, rates as 0..1. `null` = undefined for
 * this cell (no fault, never recovered, no restart…), never a made-up number.
 */

export type Phase = 'pre' | 'fault' | 'post';
export const PHASES: readonly Phase[] = ['pre', 'fault', 'post'];

/** Latency aggregations, also the assertion functions that apply to distributions. */
export interface LatencySummary {
  count: number;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  avg: number | null;
  min: number | null;
  max: number | null;
}

/** What happened in one phase (or overall). */
export interface PhaseMetrics {
  /** Window [from, to) in ms; null bounds when the phase does not exist (e.g. no fault). */
  from: number | null;
  to: number | null;
  issued: number;
  ok: number;
  /** Tasks counted as success (ok and, with gold answers, correct). */
  succeeded: number;
  success_rate: number | null;
  accuracy: number | null;
  /** Completed (success) tasks per second. */
  throughput: number | null;
  latency: LatencySummary;
  /** Latencies (ms) of successful tasks issued in the phase, for p-aggregations. */
  latencies: number[];
  bytes: number;
  bytes_per_task: number | null;
}

/** One fault occurrence's record (cyclic storms have several). */
export interface FaultRecord {
  fault: number;
  kind: string;
  t: number;
  victims: string[];
  verified: boolean;
  /** Success rate of tasks issued in [warmup, T) (for later faults: since the previous fault's recovery). */
  s_pre: number | null;
  detect_ms: number | null;
  recovered: boolean;
  recovery_ms: number | null;
  steady_state_ms: number | null;
  reconnect_ms: number | null;
  bytes_reconnect: number;
  phases: Record<Phase, PhaseMetrics>;
  /** (s_pre − S_after) / s_pre for this fault (docs/metrics.md); optional so older records still type-check. */
  success_rate_drop?: number | null;
}

/** One bucket of the windowed success rate (for reports and charts). */
export interface Bucket {
  /** Bucket start, ms. */
  t: number;
  issued: number;
  succeeded: number;
  rate: number | null;
  p95_latency: number | null;
}

export interface Metrics {
  faults: FaultRecord[];
  /** Worst over faults (max for times, false if any fault never recovered); null without faults. */
  detect_ms: number | null;
  recovery_ms: number | null;
  recovered: boolean | null;
  steady_state_ms: number | null;
  reconnect_ms: number | null;
  bytes_reconnect: number | null;
  /** Overall (from warmup to the end) and per phase, phases split at the first fault / last recovery. */
  overall: PhaseMetrics;
  phases: Record<Phase, PhaseMetrics>;
  success_rate: number | null;
  success_rate_drop: number | null;
  duplicate_work_ratio: number | null;
  accuracy: number | null;
  throughput: number | null;
  bytes_total: number;
  messages: number;
  tasks_issued: number;
  tasks_ok: number;
  tasks_failed: number;
  tasks_timeout: number;
  tasks_lost: number;
  restarts: number;
  buckets: Bucket[];
  bucket_ms: number;
}
