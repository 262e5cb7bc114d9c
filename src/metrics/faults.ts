/**
 * One record per fault occurrence. Each fault owns the buckets starting in [T, next fault's T): its
 * dip, recovery and steady state are looked for there only, so cyclic storms never share a bucket.
 * Faults applied at the same instant share their baseline and buckets.
 */
import type { HistoryEvent } from '../run/history.js';
import { bucketRange } from './buckets.js';
import { bytesReconnect, type WireSample } from './bytes.js';
import { detectMs, indexEvents, reconnectMs } from './detection.js';
import { percentile } from './latency.js';
import { absentPhase, phaseMetrics, rateAfterFault, successRateDrop } from './phases.js';
import { findSteadyState, scanRecovery } from './recovery.js';
import type { TaskRecord } from './tasks.js';
import type { Bucket, FaultRecord } from './types.js';
import type { Window } from './window.js';

type FaultEvent = Extract<HistoryEvent, { type: 'fault' }>;

/** Everything a fault record is computed from. */
export interface FaultInputs {
  history: readonly HistoryEvent[];
  tasks: readonly TaskRecord[];
  wire: readonly WireSample[];
  buckets: readonly Bucket[];
  warmupMs: number;
  endMs: number;
  bucketMs: number;
  stableForMs: number;
  reconnectWindowMs: number;
  monitors: Record<string, string[]>;
}

/** A fault record plus what the worst-of needs to know about it. */
export interface FaultResult {
  record: FaultRecord;
  /** The fault restarted victims, so reconnect_ms applies. */
  hadRestart: boolean;
  /** The fault leaves someone to detect it (kill, pause, a partition with its sides), so detect_ms applies. */
  detects: boolean;
}

/** The baseline a fault is compared with: its pre window, S_pre and pre-fault p95 latency. */
interface Baseline {
  window: Window;
  sPre: number | null;
  p95: number | null;
}

/** What a later fault needs from the fault before it. */
interface Previous {
  t: number;
  recoveredAt: number | null;
  baseline: Baseline;
}

/** The fault events of a history in time order (ties by occurrence index). */
export function faultEvents(history: readonly HistoryEvent[]): FaultEvent[] {
  const out = history.filter((e): e is FaultEvent => e.type === 'fault');
  return out.sort((a, b) => a.t - b.t || a.fault - b.fault);
}

/** Per-fault records, in time order. */
export function computeFaults(inp: FaultInputs): FaultResult[] {
  const faults = faultEvents(inp.history);
  const results: FaultResult[] = [];
  const ix = indexEvents(inp.history);
  let prev: Previous | null = null;
  let current: Previous | null = null;
  for (let i = 0; i < faults.length; i++) {
    const f = faults[i];
    // faults at the same instant all look back to the last fault strictly before them
    if (current && current.t < f.t) prev = current;
    const baseline = baselineFor(inp, f.t, prev);
    const nextT = faults.find((g) => g.t > f.t)?.t ?? Infinity;
    const owned = bucketRange(inp.buckets, f.t, nextT);
    const scan = scanRecovery(owned, f.t, baseline.sPre);
    const span = Math.ceil(inp.stableForMs / inp.bucketMs);
    const steadyAt = findSteadyState(owned, baseline.sPre, baseline.p95, span);
    const reconnect = reconnectMs(ix, f);
    const phases = faultPhases(inp, baseline.window, f.t, scan.recoveredAt, nextT);
    const record: FaultRecord = {
      fault: f.fault,
      kind: f.kind,
      t: f.t,
      victims: [...f.victims],
      verified: f.verified,
      s_pre: baseline.sPre,
      detect_ms: detectMs(ix, f, inp.monitors),
      recovered: scan.recovered,
      recovery_ms: scan.recoveredAt === null ? null : scan.recoveredAt - f.t,
      steady_state_ms: steadyAt === null ? null : steadyAt - f.t,
      reconnect_ms: reconnect.ms,
      bytes_reconnect: bytesReconnect(inp.wire, f.t, inp.endMs, inp.reconnectWindowMs),
      phases,
      success_rate_drop: successRateDrop(baseline.sPre, rateAfterFault(phases.fault, phases.post)),
    };
    const detects = f.kind === 'kill' || f.kind === 'pause' || (f.kind === 'partition' && (f.sides?.length ?? 0) >= 2);
    results.push({ record, hadRestart: reconnect.hadRestart, detects });
    current = { t: f.t, recoveredAt: scan.recoveredAt, baseline };
  }
  return results;
}

/**
 * First fault: [warmup, T). Later faults: [previous fault's recovery, T) when it recovered and that
 * window has tasks; otherwise the previous baseline carries over, because a system that never came
 * back has no healthy window to compare with, and its degraded rate would make recovery look easy.
 */
function baselineFor(inp: FaultInputs, t: number, prev: Previous | null): Baseline {
  const from = prev ? prev.recoveredAt : inp.warmupMs;
  if (from !== null) {
    const window = clamp({ from, to: t }, inp.warmupMs);
    const pre = inp.tasks.filter((x) => x.issued >= window.from && x.issued < window.to);
    if (pre.length > 0 || !prev) {
      const ok = pre.filter((x) => x.success);
      const sPre = pre.length > 0 ? ok.length / pre.length : null;
      return { window, sPre, p95: percentile(ok.map((x) => x.latency as number), 95) };
    }
  }
  return (prev as Previous).baseline;
}

/** pre = the baseline window; fault = [T, recovery); post = [recovery, next fault) — or no post. */
function faultPhases(inp: FaultInputs, pre: Window, t: number, recoveredAt: number | null, nextT: number): FaultRecord['phases'] {
  const m = (w: Window) => phaseMetrics(inp.tasks, inp.wire, clamp(w, inp.warmupMs), inp.endMs);
  if (recoveredAt === null) return { pre: m(pre), fault: m({ from: t, to: nextT }), post: absentPhase() };
  return { pre: m(pre), fault: m({ from: t, to: recoveredAt }), post: m({ from: recoveredAt, to: nextT }) };
}

/** Keeps a window inside [warmup, …) and non-negative in length. */
export function clamp(w: Window, warmupMs: number): Window {
  const from = Math.max(w.from, warmupMs);
  return { from, to: Math.max(w.to, from) };
}
