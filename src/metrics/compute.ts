/**
 * history → Metrics (SPEC §3). Pure: no clock, no I/O; every definition and choice is written out in
 * docs/metrics.md.
 */
import type { HistoryEvent } from '../model/history.js';
import { gridAfter, gridBefore, reportBucket } from './buckets.js';
import { collectWire, wireTotals, type WireSample } from './bytes.js';
import { falseSuspicions, indexEvents } from './detection.js';
import { duplicateWorkRatio } from './duplicates.js';
import { computeFaults, faultEvents, type Baseline, type FaultResult } from './faults.js';
import { percentile } from './latency.js';
import { absentPhase, phaseMetrics, type PhaseContext } from './phases.js';
import { bucketWidth } from './resolution.js';
import { collectTasks, type TaskRecord } from './tasks.js';
import type { Metrics, Phase, PhaseMetrics } from '../model/metrics.js';
import { worstOverFaults } from './worst.js';

/** How to read a history: the scenario's timing, measurement settings, success rule and topology. */
export interface MetricOptions {
  warmupMs: number;
  durationMs: number;
  /** metrics.bucket: the base width; the width used is its smallest multiple holding minSamples tasks. */
  bucketMs: number;
  /** metrics.min_samples, default 10. */
  minSamples?: number;
  /** metrics.recover_for, default 1000. */
  recoverForMs?: number;
  stableForMs: number;
  /** Declared tasks per second of an open workload; undefined for a closed one (w from the observed rate). */
  ratePerSec?: number;
  /** 'correct': success = ok && correct !== false; 'reply': success = ok */
  success: 'correct' | 'reply';
  /** For detect_ms: which agents monitor which (topology). monitors[a] = peers a watches. */
  monitors: Record<string, string[]>;
  /** Heartbeat timeout: the silence window a detection by silence looked back over. Default 1000. */
  heartbeatTimeoutMs?: number;
  /** Window for bytes_reconnect, default 30000. */
  reconnectWindowMs?: number;
  /** False when some agent's traffic is not counted at the transport: byte metrics are null. Default true. */
  bytesMetered?: boolean;
  /** False for oracle tools (shard_lookup, llm stub), which cannot answer wrongly: accuracy is null. Default true. */
  accuracyMeaningful?: boolean;
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
  const faults = faultEvents(history);
  const ctx: PhaseContext = { endMs, metered: opts.bytesMetered ?? true, graded: opts.accuracyMeaningful ?? true };
  const t0 = faults.length > 0 ? faults[0].t : endMs;
  const grid = {
    widthMs: bucketWidth(tasks, {
      bucketMs: opts.bucketMs,
      minSamples: opts.minSamples ?? 10,
      ratePerSec: opts.ratePerSec,
      warmupMs: opts.warmupMs,
      preEndMs: t0,
    }),
    minSamples: opts.minSamples ?? 10,
  };
  const baseline = baselineOf(tasks, opts.warmupMs, t0);
  const ix = indexEvents(history, tasks);
  const results = computeFaults(faults, {
    ix,
    tasks,
    wire,
    baseline,
    grid,
    warmupMs: opts.warmupMs,
    recoverForMs: opts.recoverForMs ?? 1000,
    stableForMs: opts.stableForMs,
    reconnectWindowMs: opts.reconnectWindowMs ?? DEFAULT_RECONNECT_WINDOW_MS,
    monitors: opts.monitors,
    phase: ctx,
  });
  const overall = phaseMetrics(tasks, wire, { from: opts.warmupMs, to: Infinity }, ctx);
  const totals = wireTotals(wire);
  const count = (o: string | null) => tasks.filter((t) => t.outcome === o).length;
  const chart =
    faults.length > 0
      ? [...gridBefore(tasks, opts.warmupMs, t0, grid), ...results.flatMap((r) => r.buckets)]
      : gridAfter(tasks, opts.warmupMs, endMs, grid, null);
  return {
    faults: results.map((r) => r.record),
    ...worstOverFaults(results),
    resolution_ms: grid.widthMs,
    false_suspicions: falseSuspicions(ix, endMs, opts.heartbeatTimeoutMs ?? 1000),
    overall,
    phases: runPhases(tasks, wire, results, baseline, opts.warmupMs, ctx),
    success_rate: overall.success_rate,
    duplicate_work_ratio: duplicateWorkRatio(history),
    accuracy: overall.accuracy,
    throughput: overall.throughput,
    bytes_total: ctx.metered ? totals.bytes : null,
    messages: ctx.metered ? totals.messages : null,
    tasks_issued: tasks.length,
    tasks_ok: count('ok'),
    tasks_failed: count('fail'),
    tasks_timeout: count('timeout'),
    tasks_lost: count(null),
    restarts: history.filter((e) => e.type === 'restart' && e.ready).length,
    buckets: chart.map(reportBucket),
    bucket_ms: opts.bucketMs,
  };
}

/** S_pre and p95_pre: the tasks issued in [warmup, first fault) (the whole run without faults). */
function baselineOf(tasks: readonly TaskRecord[], warmupMs: number, t0: number): Baseline {
  const pre = tasks.filter((t) => t.issued >= warmupMs && t.issued < t0);
  const ok = pre.filter((t) => t.success);
  return {
    from: warmupMs,
    to: Math.max(t0, warmupMs),
    sPre: pre.length > 0 ? ok.length / pre.length : null,
    p95: percentile(
      ok.map((t) => t.latency as number),
      95,
    ),
  };
}

/**
 * Run-wide phases (reports and charts): pre = the baseline; fault = [first fault, the last fault's
 * recovery); post = [that recovery, end). The last fault never recovered → fault runs to the end and
 * there is no post. Assertions on `{phase=…}` use the worst over faults instead (lookup.ts).
 */
function runPhases(
  tasks: readonly TaskRecord[],
  wire: readonly WireSample[],
  faults: readonly FaultResult[],
  baseline: Baseline,
  warmupMs: number,
  ctx: PhaseContext,
): Record<Phase, PhaseMetrics> {
  const m = (from: number, to: number) =>
    phaseMetrics(tasks, wire, { from: Math.max(from, warmupMs), to: Math.max(to, from, warmupMs) }, ctx);
  if (faults.length === 0) return { pre: m(warmupMs, Infinity), fault: absentPhase(), post: absentPhase() };
  const first = faults[0].record;
  const last = faults[faults.length - 1].record;
  const pre = m(baseline.from, baseline.to);
  if (last.recovery_ms === null) return { pre, fault: m(first.t, Infinity), post: absentPhase() };
  const recoveredAt = last.t + last.recovery_ms;
  return { pre, fault: m(first.t, recoveredAt), post: m(recoveredAt, Infinity) };
}
