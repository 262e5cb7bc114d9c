/**
 * detect_ms and reconnect_ms of one fault, from the agents' own detector events and the observed
 * exchanges with restarted victims. The history is indexed once (`indexEvents`) so a large mesh with
 * many faults stays linear in the history's length.
 */
import type { HistoryEvent } from '../run/history.js';

type FaultEvent = Extract<HistoryEvent, { type: 'fault' }>;

/** The events detection and reconnection read, grouped for lookup. */
export interface EventIndex {
  /** Per agent: its ready/exit events in history order. */
  lifecycle: Map<string, { t: number; up: boolean }[]>;
  /** Per `agent\u0000peer`: detection times. */
  detects: Map<string, number[]>;
  /** Per agent: times of successful exchanges with it. */
  reconnects: Map<string, number[]>;
  restarts: Extract<HistoryEvent, { type: 'restart' }>[];
  pauses: FaultEvent[];
  /** Per fault index: times its effect was lifted. */
  faultEnds: Map<number, number[]>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** One pass over the history. */
export function indexEvents(history: readonly HistoryEvent[]): EventIndex {
  const ix: EventIndex = { lifecycle: new Map(), detects: new Map(), reconnects: new Map(), restarts: [], pauses: [], faultEnds: new Map() };
  for (const e of history) {
    if (e.type === 'agent_ready' || e.type === 'agent_exit') push(ix.lifecycle, e.agent, { t: e.t, up: e.type === 'agent_ready' });
    else if (e.type === 'detect') push(ix.detects, `${e.agent}\u0000${e.peer}`, e.t);
    else if (e.type === 'reconnect') push(ix.reconnects, e.agent, e.t);
    else if (e.type === 'restart') ix.restarts.push(e);
    else if (e.type === 'fault' && e.kind === 'pause') ix.pauses.push(e);
    else if (e.type === 'fault_end') push(ix.faultEnds, e.fault, e.t);
  }
  return ix;
}

/**
 * Whether `agent` could watch anyone at time t: its last ready/exit event at or before t is not an
 * exit, and it is not held by an earlier pause fault that had not ended by t.
 */
export function aliveAt(ix: EventIndex, agent: string, t: number): boolean {
  let alive = true;
  let last = -Infinity;
  for (const e of ix.lifecycle.get(agent) ?? []) {
    if (e.t <= t && e.t >= last) {
      last = e.t;
      alive = e.up;
    }
  }
  if (!alive) return false;
  return !ix.pauses.some((p) => p.t < t && p.victims.includes(agent) && !(ix.faultEnds.get(p.fault) ?? []).some((x) => x <= t));
}

/**
 * T → the last of the first detections (survivor s declares victim v dead at ≥ T) over every pair
 * where s is alive at T, not a victim, and monitors v. Null for non-process faults, when no such pair
 * exists (nobody watches the victims, e.g. black-box agents) or when any pair was never detected.
 */
export function detectMs(ix: EventIndex, fault: FaultEvent, monitors: Record<string, string[]>): number | null {
  if (fault.kind === 'partition') return partitionDetectMs(ix, fault, monitors);
  if (fault.kind !== 'kill' && fault.kind !== 'pause') return null;
  const victims = new Set(fault.victims);
  return lastFirstDetection(ix, fault.t, monitors, (s, v) => !victims.has(s) && victims.has(v));
}

/**
 * Partitions: T → the last of the first detections over every pair (s, v) on different sides where
 * s is alive at T and monitors v — each side must declare the other side dead. Null without sides,
 * without such a pair, or when a pair was never detected.
 */
function partitionDetectMs(ix: EventIndex, fault: FaultEvent, monitors: Record<string, string[]>): number | null {
  const sides = fault.sides ?? [];
  const apart = (a: string, b: string): boolean => {
    const sa = sides.filter((side) => side.includes(a));
    return sa.length > 0 && sides.some((side) => side.includes(b)) && !sa.some((side) => side.includes(b));
  };
  return lastFirstDetection(ix, fault.t, monitors, apart);
}

/**
 * The delay from t to the last of the first detections at ≥ t over the pairs (s monitors v) that
 * `counts` selects and whose monitor s is alive at t; null without such a pair or when one was never detected.
 */
function lastFirstDetection(ix: EventIndex, t: number, monitors: Record<string, string[]>, counts: (s: string, v: string) => boolean): number | null {
  let latest = -Infinity;
  let pairs = 0;
  for (const [s, watched] of Object.entries(monitors)) {
    if (!aliveAt(ix, s, t)) continue;
    for (const v of watched) {
      if (!counts(s, v)) continue;
      pairs++;
      const first = firstAtOrAfter(ix.detects.get(`${s}\u0000${v}`), t);
      if (first === null) return null;
      latest = Math.max(latest, first);
    }
  }
  return pairs > 0 ? latest - t : null;
}

/**
 * T → the first `reconnect` with a victim this fault restarted, at or after that victim's restart.
 * `hadRestart` says whether reconnect_ms applies at all (it is null without restarts).
 */
export function reconnectMs(ix: EventIndex, fault: FaultEvent): { hadRestart: boolean; ms: number | null } {
  let first: number | null = null;
  let hadRestart = false;
  for (const r of ix.restarts) {
    if (r.fault !== fault.fault) continue;
    hadRestart = true;
    const t = firstAtOrAfter(ix.reconnects.get(r.agent), r.t);
    if (t !== null && (first === null || t < first)) first = t;
  }
  return { hadRestart, ms: first === null ? null : first - fault.t };
}

function firstAtOrAfter(times: readonly number[] | undefined, t: number): number | null {
  let best: number | null = null;
  for (const x of times ?? []) if (x >= t && (best === null || x < best)) best = x;
  return best;
}
