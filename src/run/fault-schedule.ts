/**
 * The cell's fault schedule: every occurrence at its time on the workload clock, each kind driven the
 * same way through its FaultKind (src/faults/kinds/): apply, gather evidence, record, lift at the end
 * of its `for`, restart the victims after `restart_after`. An unverified fault or a failed restart is
 * a problem of the cell (inconclusive), never assumed to have worked. The workload tracker hears when
 * each fault starts and stops being in force, for the live view.
 */
import {
  faultKindOf,
  type AppliedFault,
  type FaultEvidence,
  type FaultSettlement,
  type FaultWorld,
} from '../faults/kinds/index.js';
import type { FaultTimelineEntry } from '../model/results.js';
import { expandFaults, type FaultOccurrence } from '../plan/timeline.js';
import type { AgentProcess, AgentLaunch } from './agent-process.js';
import { monotonicMs, waitUntil } from './clock.js';
import type { Driver } from './driver.js';
import type { HistoryLog } from './history-log.js';
import type { WorkloadTracker } from './workload-state.js';

export interface ScheduleState {
  t0: number;
  /** The current process of each agent; `world.processes` is the same map. */
  procs: Map<string, AgentProcess>;
  world: FaultWorld;
  launches: AgentLaunch[];
  log: HistoryLog;
  faults: FaultTimelineEntry[];
  problems: string[];
  start(launch: AgentLaunch): Promise<AgentProcess>;
  driver: Driver;
  signal: AbortSignal;
  onFault(entry: FaultTimelineEntry): void;
  workload: WorkloadTracker;
}

/** Apply every fault occurrence at its time; resolves when all effects (lifts, restarts) are done. */
export async function runFaultSchedule(s: ScheduleState): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const occ of expandFaults(s.world.scenario.faults)) {
    await waitUntil(s.t0 + occ.atMs, s.signal);
    if (s.signal.aborted) break;
    pending.push(runOccurrence(occ, s));
  }
  await Promise.all(pending);
}

async function runOccurrence(occ: FaultOccurrence, s: ScheduleState): Promise<void> {
  const kind = faultKindOf(occ.spec);
  const t = monotonicMs();
  const applied = await kind.apply(occ.spec, occ.occurrence, s.world);
  const evidence = await kind.evidence(applied, occ.spec, s.world);
  const entry = recordFault(s, t, applied, evidence);
  if (occ.untilMs !== undefined) {
    await waitUntil(liftAt(occ, s.t0, t), s.signal);
    await kind.lift(applied, s.world);
    const settled = kind.settle?.(applied, occ.spec, s.world);
    s.log.push({
      type: 'fault_end',
      t: monotonicMs(),
      fault: occ.occurrence,
      victims: applied.victims,
      ...(settled ?? {}),
    });
    if (settled) settle(s, entry, settled);
  }
  const back = occ.restartAtMs === undefined || (await restartVictims(occ, applied, entry, s));
  // In force until it lifts and its victims are back; a kill without restart stays in force, and so
  // does one whose restart failed (its victims are still down).
  if ((occ.untilMs !== undefined || occ.restartAtMs !== undefined) && back && !s.signal.aborted)
    s.workload.faultLifted(occ.occurrence, monotonicMs() - s.t0);
}

/** The one place a fault occurrence enters the history, the fault timeline and the live reporters. */
function recordFault(s: ScheduleState, t: number, applied: AppliedFault, evidence: FaultEvidence): FaultTimelineEntry {
  const { kind, occurrence: fault, victims, pids, signal, sides } = applied;
  const { verified, detail } = evidence;
  s.log.push({
    type: 'fault',
    t,
    fault,
    kind,
    victims,
    pids,
    ...(signal ? { signal } : {}),
    verified,
    detail,
    ...(sides ? { sides } : {}),
  });
  const entry: FaultTimelineEntry = {
    fault,
    kind,
    t: t - s.t0,
    victims,
    pids,
    ...(signal ? { signal } : {}),
    verified,
    detail,
  };
  s.faults.push(entry);
  s.onFault(entry);
  s.workload.faultApplied(entry);
  if (!verified) s.problems.push(`fault ${fault} at ${(entry.t / 1000).toFixed(2)}s not verified: ${detail}`);
  return entry;
}

/** A counted fault's verdict at its end joins the one taken when it was applied. */
function settle(s: ScheduleState, entry: FaultTimelineEntry, settled: FaultSettlement): void {
  entry.counts = settled.counts;
  if (settled.detail) entry.detail = entry.detail ? `${entry.detail}; ${settled.detail}` : settled.detail;
  if (settled.verified) return;
  entry.verified = false;
  s.problems.push(`fault ${entry.fault} at ${(entry.t / 1000).toFixed(2)}s had no effect: ${settled.detail}`);
}

/** Start each victim again as a new process with the same id and port; true when every one came back. */
async function restartVictims(
  occ: FaultOccurrence,
  applied: AppliedFault,
  entry: FaultTimelineEntry,
  s: ScheduleState,
): Promise<boolean> {
  await waitUntil(s.t0 + occ.restartAtMs!, s.signal);
  if (s.signal.aborted) return false;
  entry.restarted = [];
  await Promise.all(
    applied.victims.map(async (id) => {
      const old = s.procs.get(id)!;
      await old.stop(0); // a SIGTERM/SIGSTOP victim may still hold its port
      const launch = s.launches.find((l) => l.id === old.id)!;
      const spawnedAt = monotonicMs();
      try {
        const p = await s.start(launch);
        s.log.push({ type: 'restart', t: spawnedAt, fault: occ.occurrence, agent: old.id, pid: p.pid, ready: true });
        entry.restarted!.push({ agent: old.id, pid: p.pid, t: spawnedAt - s.t0 });
        s.driver.markRestarted(old.id);
      } catch (err) {
        s.log.push({ type: 'restart', t: spawnedAt, fault: occ.occurrence, agent: old.id, pid: -1, ready: false });
        s.problems.push(`restart of ${old.id} failed: ${(err as Error).message}`);
      }
    }),
  );
  return entry.restarted.length === applied.victims.length;
}

/**
 * When to lift a fault with a duration: at its scheduled end, but never before it has lasted its
 * declared `for` from the moment it was actually applied (a fault applied a few ms late on a busy
 * host would otherwise be shorter than the scenario says).
 */
function liftAt(occ: FaultOccurrence, t0: number, appliedAt: number): number {
  const until = occ.untilMs ?? occ.atMs;
  return Math.max(t0 + until, appliedAt + (until - occ.atMs));
}
