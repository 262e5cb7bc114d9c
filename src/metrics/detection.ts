/**
 * detect_ms, reconnect_ms and false_suspicions, from the agents' own detector events and the observed
 * exchanges with restarted victims (SPEC §3). The history is indexed once (`indexEvents`) so a large
 * mesh with many faults stays linear in the history's length.
 */
import type { HistoryEvent } from '../model/history.js';
import type { TaskRecord } from './tasks.js';

type FaultEvent = Extract<HistoryEvent, { type: 'fault' }>;
type Evidence = 'refused' | 'silence' | 'unknown';

/** One detection: `agent` declared `peer` dead at t. */
interface Detection {
  t: number;
  agent: string;
  peer: string;
  evidence: Evidence;
}

/** The events detection and reconnection read, grouped for lookup. */
export interface EventIndex {
  /** Per agent: its ready/exit events in history order. */
  lifecycle: Map<string, { t: number; up: boolean }[]>;
  /** Per `agent\u0000peer`: detections in time order. */
  detects: Map<string, Detection[]>;
  all: Detection[];
  /** Per agent: times of successful exchanges with it (rejoin heartbeats, reconnects, ok task replies). */
  exchanges: Map<string, number[]>;
  restarts: Extract<HistoryEvent, { type: 'restart' }>[];
  faults: FaultEvent[];
  /** Per fault index: times its effect was lifted (resume, heal). */
  faultEnds: Map<number, number[]>;
  /** Faults whose effect, counted when they were lifted, showed none (`fault_end` verified: false). */
  noEffect: Set<number>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const pairKey = (agent: string, peer: string) => `${agent}\u0000${peer}`;

/** One pass over the history (and the tasks, for ok replies from restarted victims). */
export function indexEvents(history: readonly HistoryEvent[], tasks: readonly TaskRecord[] = []): EventIndex {
  const ix: EventIndex = {
    lifecycle: new Map(),
    detects: new Map(),
    all: [],
    exchanges: new Map(),
    restarts: [],
    faults: [],
    faultEnds: new Map(),
    noEffect: new Set(),
  };
  for (const e of history) {
    if (e.type === 'agent_ready' || e.type === 'agent_exit')
      push(ix.lifecycle, e.agent, { t: e.t, up: e.type === 'agent_ready' });
    else if (e.type === 'detect') {
      const d: Detection = { t: e.t, agent: e.agent, peer: e.peer, evidence: e.evidence ?? 'unknown' };
      push(ix.detects, pairKey(e.agent, e.peer), d);
      ix.all.push(d);
    } else if (e.type === 'rejoin') push(ix.exchanges, e.peer, e.t);
    else if (e.type === 'reconnect') push(ix.exchanges, e.agent, e.t);
    else if (e.type === 'restart') ix.restarts.push(e);
    else if (e.type === 'fault') ix.faults.push(e);
    else if (e.type === 'fault_end') {
      push(ix.faultEnds, e.fault, e.t);
      if (e.verified === false) ix.noEffect.add(e.fault);
    }
  }
  for (const t of tasks) if (t.outcome === 'ok' && t.to && t.end !== null) push(ix.exchanges, t.to, t.end);
  return ix;
}

/**
 * Whether `agent`'s process was up at t: its last ready/exit event at or before t is a ready (none yet:
 * not started). An agent without any lifecycle event (a hand-built or foreign history) counts as up.
 */
function upAt(ix: EventIndex, agent: string, t: number): boolean {
  const events = ix.lifecycle.get(agent);
  if (!events) return true;
  let up = false;
  let last = -Infinity;
  for (const e of events) {
    if (e.t <= t && e.t >= last) {
      last = e.t;
      up = e.up;
    }
  }
  return up;
}

/** The end of fault `f`'s effect (resume, heal), or Infinity. */
function endOf(ix: EventIndex, f: FaultEvent): number {
  const ends = ix.faultEnds.get(f.fault) ?? [];
  return ends.length ? Math.min(...ends) : Infinity;
}

/** Whether `agent` could watch anyone at time t: up, and not held by a pause that had not ended by t. */
export function aliveAt(ix: EventIndex, agent: string, t: number): boolean {
  if (!upAt(ix, agent, t)) return false;
  return !ix.faults.some((p) => p.kind === 'pause' && p.t < t && p.victims.includes(agent) && endOf(ix, p) > t);
}

/** detect_ms of one fault, with the evidence of the detections that made it. */
export interface DetectResult {
  ms: number | null;
  evidence: { refused: number; silence: number; unknown: number };
}

/**
 * T → the last of the first detections over the (watcher, victim) pairs: watcher alive at T, not a
 * victim, monitoring the victim under the topology. A pair's detection counts in [T, the victim's
 * restart, the fault's resume or heal, or the next fault). Null for faults without victims to detect,
 * when no pair exists (nobody watches the victims, e.g. black-box agents), or when a pair never detected.
 */
export function detectMs(
  ix: EventIndex,
  fault: FaultEvent,
  monitors: Record<string, string[]>,
  nextT: number,
): DetectResult {
  const none: DetectResult = { ms: null, evidence: { refused: 0, silence: 0, unknown: 0 } };
  const lifted = Math.min(endOf(ix, fault), nextT);
  if (fault.kind === 'partition') {
    const sides = fault.sides ?? [];
    const apart = (a: string, b: string): boolean => {
      const sa = sides.filter((side) => side.includes(a));
      return sa.length > 0 && sides.some((side) => side.includes(b)) && !sa.some((side) => side.includes(b));
    };
    return lastFirstDetection(ix, fault.t, monitors, apart, () => lifted) ?? none;
  }
  // a blackholed host is detected like a paused one: by silence, until the heal
  if (fault.kind !== 'kill' && fault.kind !== 'pause' && fault.kind !== 'blackhole') return none;
  const victims = new Set(fault.victims);
  const restartOf = (v: string) => ix.restarts.find((r) => r.fault === fault.fault && r.agent === v)?.t ?? Infinity;
  return (
    lastFirstDetection(
      ix,
      fault.t,
      monitors,
      (s, v) => !victims.has(s) && victims.has(v),
      (v) => Math.min(lifted, restartOf(v)),
    ) ?? none
  );
}

function lastFirstDetection(
  ix: EventIndex,
  t: number,
  monitors: Record<string, string[]>,
  counts: (s: string, v: string) => boolean,
  boundOf: (v: string) => number,
): DetectResult | null {
  let latest = -Infinity;
  const evidence = { refused: 0, silence: 0, unknown: 0 };
  let pairs = 0;
  for (const [s, watched] of Object.entries(monitors)) {
    if (!aliveAt(ix, s, t)) continue;
    for (const v of watched) {
      if (!counts(s, v)) continue;
      pairs++;
      const bound = boundOf(v);
      const first = (ix.detects.get(pairKey(s, v)) ?? []).find((d) => d.t >= t && d.t < bound);
      if (!first) return { ms: null, evidence };
      evidence[first.evidence]++;
      latest = Math.max(latest, first.t);
    }
  }
  return pairs > 0 ? { ms: latest - t, evidence } : null;
}

/**
 * T → the moment the last restarted victim of this fault had its first successful exchange with
 * anyone at or after its restart: a peer's rejoin heartbeat, a reconnect, or an ok reply to a task sent
 * to it. `hadRestart` says whether reconnect_ms applies at all; a failed restart makes it null.
 */
export function reconnectMs(ix: EventIndex, fault: FaultEvent): { hadRestart: boolean; ms: number | null } {
  const restarts = ix.restarts.filter((r) => r.fault === fault.fault);
  if (restarts.length === 0) return { hadRestart: false, ms: null };
  let last = -Infinity;
  for (const r of restarts) {
    const first = r.ready ? earliestAtOrAfter(ix.exchanges.get(r.agent), r.t) : null;
    if (first === null) return { hadRestart: true, ms: null };
    last = Math.max(last, first);
  }
  return { hadRestart: true, ms: last - fault.t };
}

function earliestAtOrAfter(times: readonly number[] | undefined, t: number): number | null {
  let best: number | null = null;
  for (const x of times ?? []) if (x >= t && (best === null || x < best)) best = x;
  return best;
}

/**
 * Detections in [0, endMs) of a peer that was up, not paused and not cut off from the detector (by a
 * partition or a network fault on either end) — and, for a detection by silence, stayed so over the
 * whole silence window before it (`timeoutMs`): silence that began while the peer was down is evidence.
 * A detector that was itself paused within that window is excused too (its timers ran late).
 */
export function falseSuspicions(ix: EventIndex, endMs: number, timeoutMs: number): number {
  let count = 0;
  for (const d of ix.all) {
    if (d.t < 0 || d.t >= endMs) continue;
    const from = d.evidence === 'refused' ? d.t : d.t - timeoutMs;
    if (!excused(ix, d, from)) count++;
  }
  return count;
}

/** Faults that may cut any link into or out of their victims (reset: connections into them). */
const CUTS_EITHER_END = new Set<FaultEvent['kind']>(['pause', 'network', 'reset', 'blackhole', 'bandwidth']);

/** Was there a reason in [from, d.t] for d.agent to lose d.peer? */
function excused(ix: EventIndex, d: Detection, from: number): boolean {
  if (!upAt(ix, d.peer, d.t) || downWithin(ix, d.peer, from, d.t)) return true;
  for (const f of ix.faults) {
    if (f.t > d.t) continue;
    // a killed victim is unavailable until its restarted process is ready; other faults until lifted
    const until = f.kind === 'kill' ? readyAfter(ix, d.peer, f.t) : endOf(ix, f);
    if (until <= from) continue;
    if (f.kind === 'kill' && f.victims.includes(d.peer)) return true;
    if (CUTS_EITHER_END.has(f.kind) && (f.victims.includes(d.peer) || f.victims.includes(d.agent))) return true;
    if (f.kind === 'partition' && cutApart(f, d.agent, d.peer)) return true;
  }
  return false;
}

/** An exit of `agent` in [from, to]. */
function downWithin(ix: EventIndex, agent: string, from: number, to: number): boolean {
  return (ix.lifecycle.get(agent) ?? []).some((e) => !e.up && e.t >= from && e.t <= to);
}

/** When `agent` was next ready after `since` (a restarted process is alive from its readiness), or Infinity. */
function readyAfter(ix: EventIndex, agent: string, since: number): number {
  let best = Infinity;
  for (const e of ix.lifecycle.get(agent) ?? []) if (e.up && e.t > since && e.t < best) best = e.t;
  return best;
}

/** A partition separates a and b (without sides: either is one of its victims). */
function cutApart(f: FaultEvent, a: string, b: string): boolean {
  if (!f.sides || f.sides.length === 0) return f.victims.includes(a) || f.victims.includes(b);
  const sa = f.sides.findIndex((s) => s.includes(a));
  const sb = f.sides.findIndex((s) => s.includes(b));
  return sa >= 0 && sb >= 0 && sa !== sb;
}
