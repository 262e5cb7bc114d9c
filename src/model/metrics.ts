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
  /** null when bytes are not metered (see Metrics.bytes_total). */
  bytes: number | null;
  bytes_per_task: number | null;
}

/** Why a fault's bucket-based metrics (recovery, steady state) are null, when they are. */
export type NoEvidenceReason = 'no_baseline' | 'baseline_zero' | 'no_evidential_bucket';

/** One fault occurrence's record (cyclic storms have several). */
export interface FaultRecord {
  fault: number;
  kind: string;
  t: number;
  victims: string[];
  verified: boolean;
  /** S_pre: success rate of the tasks issued in [warmup, first fault) — the one baseline of every fault. */
  s_pre: number | null;
  detect_ms: number | null;
  /** How the detections that made detect_ms were made: counts of `refused` / `silence` / unknown. */
  detect_evidence: { refused: number; silence: number; unknown: number };
  recovered: boolean;
  recovery_ms: number | null;
  steady_state_ms: number | null;
  /** Set when recovery_ms and steady_state_ms are null for want of evidence (not for "never recovered"). */
  no_evidence?: NoEvidenceReason;
  /** Start of the first evidential bucket below 0.9·S_pre (absolute ms), null when nothing dipped. */
  dip_at: number | null;
  reconnect_ms: number | null;
  bytes_reconnect: number | null;
  /** bytes_reconnect minus the pre-fault byte rate × the same window; null when bytes are not metered. */
  bytes_excess: number | null;
  phases: Record<Phase, PhaseMetrics>;
  /** (S_pre − S_post) / S_pre; null without a post phase (never recovered) or when S_pre is null or 0. */
  success_rate_drop: number | null;
  /** S_post / S_pre; null like success_rate_drop. */
  retention: number | null;
}

/** One bucket of the windowed success rate: the tasks issued in [t, t + width). */
export interface Bucket {
  /** Bucket start, ms. */
  t: number;
  /** Bucket width, ms (the last bucket of a fault may be cut by the next fault or the end). */
  width: number;
  /** The fault whose grid this bucket belongs to; null for the pre-fault buckets (charts only). */
  fault: number | null;
  issued: number;
  succeeded: number;
  rate: number | null;
  p95_latency: number | null;
  /** Holds at least min_samples / 2 tasks: may dip or recover. */
  evidential: boolean;
}

/** All metrics of one cell. */
export interface Metrics {
  faults: FaultRecord[];
  /** Worst over faults (max for times, false if any fault never recovered); null without faults. */
  detect_ms: number | null;
  recovery_ms: number | null;
  recovered: boolean | null;
  steady_state_ms: number | null;
  reconnect_ms: number | null;
  bytes_reconnect: number | null;
  bytes_excess: number | null;
  /** Bucket width w: every bucket-based metric is exact to ± this (SPEC §3). */
  resolution_ms: number;
  /** Detections of a live, unpaused, reachable peer during the workload. */
  false_suspicions: number;
  /** Overall (from warmup to the end) and run-wide phases (pre = the baseline, fault/post around the whole storm). */
  overall: PhaseMetrics;
  phases: Record<Phase, PhaseMetrics>;
  success_rate: number | null;
  /** Worst (max) over faults with a post phase; null when none has one. */
  success_rate_drop: number | null;
  /** Worst (min) over faults with a post phase. */
  retention: number | null;
  duplicate_work_ratio: number | null;
  /** null for oracle tools (shard_lookup, llm stub) and without gold answers. */
  accuracy: number | null;
  throughput: number | null;
  /** null when storm cannot meter every agent's traffic (a user's agent reached directly). */
  bytes_total: number | null;
  messages: number | null;
  tasks_issued: number;
  tasks_ok: number;
  tasks_failed: number;
  tasks_timeout: number;
  tasks_lost: number;
  restarts: number;
  buckets: Bucket[];
  /** The configured base bucket (metrics.bucket); resolution_ms is its multiple actually used. */
  bucket_ms: number;
}
