/**
 * Hand-built Metrics for assertion tests: every field has a plausible default, tests override what
 * they look at. Defaults describe a run with no faults.
 */
import type { FaultRecord, Metrics, Phase, PhaseMetrics } from '../../../src/model/metrics.js';

/** A phase with `issued` tasks of which `ok` succeeded; latencies summarised lazily by the lookup. */
export function phase(o: Partial<PhaseMetrics> = {}): PhaseMetrics {
  const issued = o.issued ?? 0;
  const ok = o.ok ?? issued;
  const latencies = o.latencies ?? [];
  return {
    from: 0,
    to: 1000,
    issued,
    ok,
    succeeded: ok,
    success_rate: issued > 0 ? ok / issued : null,
    accuracy: null,
    throughput: ok,
    latency: { count: latencies.length, p50: null, p90: null, p95: null, p99: null, avg: null, min: null, max: null },
    latencies,
    bytes: 0,
    bytes_per_task: null,
    ...o,
  };
}

/** A phase that does not exist in the cell (no fault, or never recovered). */
export const missingPhase = (): PhaseMetrics => phase({ from: null, to: null, success_rate: null, throughput: null });

const phases = (o: Partial<Record<Phase, PhaseMetrics>> = {}): Record<Phase, PhaseMetrics> => ({
  pre: o.pre ?? phase(),
  fault: o.fault ?? phase(),
  post: o.post ?? phase(),
});

/** One fault record; `phases` may be partial. */
export function fault(
  n: number,
  o: Omit<Partial<FaultRecord>, 'phases'> & { phases?: Partial<Record<Phase, PhaseMetrics>> } = {},
): FaultRecord {
  return {
    fault: n,
    kind: 'kill',
    t: 6000,
    victims: ['worker-1'],
    verified: true,
    s_pre: null,
    detect_ms: null,
    detect_evidence: { refused: 0, silence: 0, unknown: 0 },
    recovered: true,
    recovery_ms: null,
    steady_state_ms: null,
    dip_at: null,
    reconnect_ms: null,
    bytes_reconnect: 0,
    bytes_excess: null,
    success_rate_drop: null,
    retention: null,
    ...o,
    phases: phases(o.phases),
  };
}

/** A cell's Metrics; `phases` may be partial. Top-level worst-of fields are NOT derived: set them. */
export function metrics(
  o: Omit<Partial<Metrics>, 'phases'> & { phases?: Partial<Record<Phase, PhaseMetrics>> } = {},
): Metrics {
  return {
    faults: [],
    detect_ms: null,
    recovery_ms: null,
    recovered: null,
    steady_state_ms: null,
    reconnect_ms: null,
    bytes_reconnect: null,
    bytes_excess: null,
    resolution_ms: 250,
    false_suspicions: 0,
    overall: phase(),
    success_rate: null,
    success_rate_drop: null,
    retention: null,
    duplicate_work_ratio: null,
    accuracy: null,
    throughput: null,
    bytes_total: 0,
    messages: 0,
    tasks_issued: 0,
    tasks_ok: 0,
    tasks_failed: 0,
    tasks_timeout: 0,
    tasks_lost: 0,
    restarts: 0,
    buckets: [],
    bucket_ms: 250,
    ...o,
    phases: phases(o.phases),
  };
}
