/**
 * detect_ms and reconnect_ms of one fault, from the agents' own detector events and the observed
 * exchanges with restarted victims.
 */
import type { HistoryEvent } from '../run/history.js';

type FaultEvent = Extract<HistoryEvent, { type: 'fault' }>;

/**
 * Whether `agent` could watch anyone at time t: its last ready/exit event at or before t is not an
 * exit, and it is not held by an earlier pause fault that had not ended by t.
 */
export function aliveAt(history: readonly HistoryEvent[], agent: string, t: number): boolean {
  let alive = true;
  let lastLifecycle = -Infinity;
  for (const e of history) {
    if ((e.type === 'agent_ready' || e.type === 'agent_exit') && e.agent === agent && e.t <= t && e.t >= lastLifecycle) {
      lastLifecycle = e.t;
      alive = e.type === 'agent_ready';
    }
  }
  if (!alive) return false;
  for (const e of history) {
    if (e.type !== 'fault' || e.kind !== 'pause' || e.t >= t || !e.victims.includes(agent)) continue;
    const resumed = history.some((r) => r.type === 'fault_end' && r.fault === e.fault && r.t <= t);
    if (!resumed) return false;
  }
  return true;
}

/**
 * T → the last of the first detections (survivor s declares victim v dead at ≥ T) over every pair
 * where s is alive at T, not a victim, and monitors v. Null for non-process faults, when no such pair
 * exists (nobody watches the victims, e.g. black-box agents) or when any pair was never detected.
 */
export function detectMs(history: readonly HistoryEvent[], fault: FaultEvent, monitors: Record<string, string[]>): number | null {
  if (fault.kind !== 'kill' && fault.kind !== 'pause') return null;
  const victims = new Set(fault.victims);
  let latest = -Infinity;
  let pairs = 0;
  for (const [s, watched] of Object.entries(monitors)) {
    if (victims.has(s) || !aliveAt(history, s, fault.t)) continue;
    for (const v of watched) {
      if (!victims.has(v)) continue;
      pairs++;
      const first = firstTime(history, (e) => e.type === 'detect' && e.agent === s && e.peer === v && e.t >= fault.t);
      if (first === null) return null;
      latest = Math.max(latest, first);
    }
  }
  return pairs > 0 ? latest - fault.t : null;
}

/**
 * T → the first `reconnect` with a victim this fault restarted, at or after that victim's restart.
 * `hadRestart` says whether reconnect_ms applies at all (it is null without restarts).
 */
export function reconnectMs(history: readonly HistoryEvent[], fault: FaultEvent): { hadRestart: boolean; ms: number | null } {
  let first: number | null = null;
  let hadRestart = false;
  for (const r of history) {
    if (r.type !== 'restart' || r.fault !== fault.fault) continue;
    hadRestart = true;
    const t = firstTime(history, (e) => e.type === 'reconnect' && e.agent === r.agent && e.t >= r.t);
    if (t !== null && (first === null || t < first)) first = t;
  }
  return { hadRestart, ms: first === null ? null : first - fault.t };
}

function firstTime(history: readonly HistoryEvent[], match: (e: HistoryEvent) => boolean): number | null {
  let best: number | null = null;
  for (const e of history) if (match(e) && (best === null || e.t < best)) best = e.t;
  return best;
}
