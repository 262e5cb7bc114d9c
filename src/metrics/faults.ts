/**
 * One record per fault occurrence (SPEC §3). Every fault is judged against the one baseline
 * [warmup, first fault) — a system that never came back is not compared with its own degraded state —
 * on its own bucket grid anchored at its observed time T and ending at the next (later) fault or the
 * end of the run. Faults applied at the same instant share their grid.
 */
import type { HistoryEvent } from '../model/history.js';
import { gridAfter, type GridBucket, type GridSpec } from './buckets.js';
import { byteRate, bytesReconnect, type WireSample } from './bytes.js';
import { detectMs, reconnectMs, type EventIndex } from './detection.js';
import { absentPhase, phaseMetrics, retention, successRateDrop, type PhaseContext } from './phases.js';
import { findSteadyState, scanRecovery, windowBuckets } from './recovery.js';
import type { TaskRecord } from './tasks.js';
import type { FaultRecord, NoEvidenceReason } from '../model/metrics.js';

type FaultEvent = Extract<HistoryEvent, { type: 'fault' }>;

/** The one baseline every fault is compared with. */
export interface Baseline {
  from: number;
  to: number;
  sPre: number | null;
  p95: number | null;
}

/** Everything a fault record is computed from. */
export interface FaultInputs {
  ix: EventIndex;
  tasks: readonly TaskRecord[];
  wire: readonly WireSample[];
  baseline: Baseline;
  grid: GridSpec;
  warmupMs: number;
  recoverForMs: number;
  stableForMs: number;
  reconnectWindowMs: number;
  monitors: Record<string, string[]>;
  phase: PhaseContext;
}

/** A fault record plus what the worst-of and the charts need to know about it. */
export interface FaultResult {
  record: FaultRecord;
  buckets: GridBucket[];
  /** The fault restarted victims, so reconnect_ms applies. */
  hadRestart: boolean;
  /** The fault leaves someone to detect it (kill, pause, blackhole, a partition with its sides), so detect_ms applies. */
  detects: boolean;
}

/** The fault events of a history in time order (ties by occurrence index). */
export function faultEvents(history: readonly HistoryEvent[]): FaultEvent[] {
  const out = history.filter((e): e is FaultEvent => e.type === 'fault');
  return out.sort((a, b) => a.t - b.t || a.fault - b.fault);
}

/** Per-fault records, in time order. */
export function computeFaults(faults: readonly FaultEvent[], inp: FaultInputs): FaultResult[] {
  return faults.map((f) => {
    const nextT = faults.find((g) => g.t > f.t)?.t ?? Infinity;
    return computeFault(f, nextT, inp);
  });
}

function computeFault(f: FaultEvent, nextT: number, inp: FaultInputs): FaultResult {
  const { baseline, grid } = inp;
  const limit = Math.min(nextT, inp.phase.endMs);
  const buckets = gridAfter(inp.tasks, f.t, limit, grid, f.fault);
  const judged = judgeRecovery(buckets, baseline, inp);
  // offsets as k·w, not (T + k·w) − T: recovery_ms is an exact multiple of the resolution
  const recoveryMs = judged.recovered ? Math.max(0, judged.recoveryIndex) * grid.widthMs : null;
  const recoveredAt = recoveryMs === null ? null : f.t + recoveryMs;
  const steadyMs = judged.steadyIndex >= 0 ? judged.steadyIndex * grid.widthMs : null;
  const detect = detectMs(inp.ix, f, inp.monitors, nextT);
  const reconnect = reconnectMs(inp.ix, f);
  const m = (from: number, to: number) =>
    phaseMetrics(
      inp.tasks,
      inp.wire,
      { from: Math.max(from, inp.warmupMs), to: Math.max(to, from, inp.warmupMs) },
      inp.phase,
    );
  const phases = {
    pre: m(baseline.from, baseline.to),
    fault: m(f.t, recoveredAt ?? nextT),
    post: recoveredAt === null ? absentPhase() : m(recoveredAt, nextT),
  };
  const bytes = inp.phase.metered ? bytesReconnect(inp.wire, f.t, inp.phase.endMs, inp.reconnectWindowMs) : null;
  const windowEnd = Math.min(f.t + inp.reconnectWindowMs, inp.phase.endMs);
  const preRate = byteRate(inp.wire, baseline.from, baseline.to);
  const sPost = phases.post.success_rate;
  const record: FaultRecord = {
    fault: f.fault,
    kind: f.kind,
    t: f.t,
    victims: [...f.victims],
    verified: f.verified && !inp.ix.noEffect.has(f.fault),
    s_pre: baseline.sPre,
    detect_ms: detect.ms,
    detect_evidence: detect.evidence,
    recovered: judged.recovered,
    recovery_ms: recoveryMs,
    steady_state_ms: steadyMs,
    ...(judged.noEvidence ? { no_evidence: judged.noEvidence } : {}),
    dip_at: judged.dipIndex >= 0 ? buckets[judged.dipIndex].t : null,
    reconnect_ms: reconnect.ms,
    bytes_reconnect: bytes,
    bytes_excess: bytes !== null && preRate !== null ? bytes - preRate * Math.max(0, windowEnd - f.t) : null,
    phases,
    success_rate_drop: successRateDrop(baseline.sPre, sPost),
    retention: retention(baseline.sPre, sPost),
  };
  const detects =
    f.kind === 'kill' ||
    f.kind === 'pause' ||
    f.kind === 'blackhole' ||
    (f.kind === 'partition' && (f.sides?.length ?? 0) >= 2);
  return { record, buckets, hadRestart: reconnect.hadRestart, detects };
}

interface Judged {
  recovered: boolean;
  /** −1 when there was no dip (recovered at T) or no recovery. */
  recoveryIndex: number;
  dipIndex: number;
  steadyIndex: number;
  noEvidence?: NoEvidenceReason;
}

/** Dip, sustained recovery and steady state over one fault's grid; null reasons when nothing can be said. */
function judgeRecovery(buckets: readonly GridBucket[], baseline: Baseline, inp: FaultInputs): Judged {
  const nothing = (noEvidence: NoEvidenceReason): Judged => ({
    recovered: false,
    recoveryIndex: -1,
    dipIndex: -1,
    steadyIndex: -1,
    noEvidence,
  });
  if (baseline.sPre === null) return nothing('no_baseline');
  if (baseline.sPre === 0) return nothing('baseline_zero');
  if (!buckets.some((b) => b.evidential)) return nothing('no_evidential_bucket');
  const threshold = 0.9 * baseline.sPre;
  const w = inp.grid.widthMs;
  const scan = scanRecovery(buckets, threshold, windowBuckets(inp.recoverForMs, w));
  const recovered = !scan.dipped || scan.recoveryIndex >= 0;
  const from = scan.dipped ? scan.recoveryIndex : 0;
  const steadyIndex = recovered
    ? findSteadyState(buckets, from, threshold, baseline.p95, windowBuckets(inp.stableForMs, w))
    : -1;
  return { recovered, recoveryIndex: scan.dipped ? scan.recoveryIndex : -1, dipIndex: scan.dipIndex, steadyIndex };
}
