/**
 * history → Metrics (SPEC §3). Pure: no clock, no I/O; every definition and choice is written out in
 * docs/metrics.md.
 */
import type { HistoryEvent } from '../run/history.js';
import { buildBuckets } from './buckets.js';
import { collectWire, wireTotals } from './bytes.js';
import { duplicateWorkRatio } from './duplicates.js';
import { clamp, computeFaults, type FaultResult } from './faults.js';
import { absentPhase, phaseMetrics, rateAfterFault, successRateDrop } from './phases.js';
import { collectTasks, type TaskRecord } from './tasks.js';
import type { Metrics, Phase, PhaseMetrics } from './types.js';
import type { WireSample } from './bytes.js';
import { worstOverFaults } from './worst.js';

/** How to read a history: the scenario's timing, success rule and topology. */
export interface MetricOptions {
  warmupMs: number;
  durationMs: number;
  bucketMs: number;
  stableForMs: number;
  /** 'correct': success = ok && correct !== false; 'reply': success = ok */
  success: 'correct' | 'reply';
  /** For detect_ms: which agents monitor which (topology). monitors[a] = peers a watches. */
  monitors: Record<string, string[]>;
  /** Window for bytes_reconnect, default 30000. */
  reconnectWindowMs?: number;
}

/** Default width of the bytes_reconnect window (SPEC §3: [T, T + 30 s)). */
export const DEFAULT_RECONNECT_WINDOW_MS = 30_000;

/** The end of the run: the `run_end` event's time, else the scenario's duration. */
export function runEnd(history: readonly HistoryEvent[], durationMs: number): number {
  const ends = history.filter((e) => e.type === 'run_end');
  return ends.length > 0 ? ends[ends.length - 1].t : durationMs;
}

/** All metrics of one cell from its history. */
export function computeMetrics(history: HistoryEvent[], opts: MetricOptions): Metrics {
  const endMs = runEnd(history, opts.durationMs);
  const tasks = collectTasks(history, opts.success);
  const wire = collectWire(history);
  const buckets = buildBuckets(tasks, opts.warmupMs, endMs, opts.bucketMs);
  const faults = computeFaults({
    history,
    tasks,
    wire,
    buckets,
    warmupMs: opts.warmupMs,
    endMs,
    bucketMs: opts.bucketMs,
    stableForMs: opts.stableForMs,
    reconnectWindowMs: opts.reconnectWindowMs ?? DEFAULT_RECONNECT_WINDOW_MS,
    monitors: opts.monitors,
  });
  const overall = phaseMetrics(tasks, wire, { from: opts.warmupMs, to: Infinity }, endMs);
  const phases = overallPhases(tasks, wire, faults, opts.warmupMs, endMs);
  const totals = wireTotals(wire);
  const count = (o: string | null) => tasks.filter((t) => t.outcome === o).length;
  return {
    faults: faults.map((f) => f.record),
    ...worstOverFaults(faults),
    overall,
    phases,
    success_rate: overall.success_rate,
    success_rate_drop:
      faults.length > 0 ? successRateDrop(phases.pre.success_rate, rateAfterFault(phases.fault, phases.post)) : null,
    duplicate_work_ratio: duplicateWorkRatio(history),
    accuracy: overall.accuracy,
    throughput: overall.throughput,
    bytes_total: totals.bytes,
    messages: totals.messages,
    tasks_issued: tasks.length,
    tasks_ok: count('ok'),
    tasks_failed: count('fail'),
    tasks_timeout: count('timeout'),
    tasks_lost: count(null),
    restarts: history.filter((e) => e.type === 'restart').length,
    buckets,
    bucket_ms: opts.bucketMs,
  };
}

/**
 * pre = [warmup, first fault); fault = [first fault, last fault's recovery); post = [that recovery,
 * end). If the last fault never recovered, fault runs to the end and there is no post phase.
 */
function overallPhases(
  tasks: readonly TaskRecord[],
  wire: readonly WireSample[],
  faults: readonly FaultResult[],
  warmupMs: number,
  endMs: number,
): Record<Phase, PhaseMetrics> {
  const m = (from: number, to: number) => phaseMetrics(tasks, wire, clamp({ from, to }, warmupMs), endMs);
  if (faults.length === 0) return { pre: m(warmupMs, Infinity), fault: absentPhase(), post: absentPhase() };
  const first = faults[0].record;
  const last = faults[faults.length - 1].record;
  const pre = m(warmupMs, first.t);
  if (last.recovery_ms === null) return { pre, fault: m(first.t, Infinity), post: absentPhase() };
  const recoveredAt = last.t + last.recovery_ms;
  return { pre, fault: m(first.t, recoveredAt), post: m(recoveredAt, Infinity) };
}
