/**
 * The fault timeline of a cell, resolved without running anything: every occurrence of every fault
 * (cyclic storms expanded) in time order, and the victims a seeded PRNG picks among the agents that
 * are live at that moment. The runner calls `chooseVictims` with the same PRNG sequence and the real
 * live set, so `storm plan` shows exactly what a run will do when every agent behaves.
 */
import type { FaultSpec, Scenario, VictimSelector } from '../scenario/types.js';
import { seededRandom, shuffled, type Random } from '../util/random.js';

/** One occurrence of a fault. */
export interface FaultOccurrence {
  /** Index among all occurrences of the cell, in time order. */
  occurrence: number;
  spec: FaultSpec;
  /** Which repetition of a cyclic fault (0-based). */
  cycle: number;
  atMs: number;
  /** When the effect ends (SIGCONT, partition lifted), if it does. */
  untilMs?: number;
  /** When victims are started again, if they are. */
  restartAtMs?: number;
}

/** Expand every fault into its occurrences, sorted by time (stable for equal times). */
export function expandFaults(faults: FaultSpec[]): FaultOccurrence[] {
  const list: Omit<FaultOccurrence, 'occurrence'>[] = [];
  for (const spec of faults) {
    for (let cycle = 0; cycle < spec.times; cycle++) {
      const atMs = spec.atMs + cycle * (spec.everyMs ?? 0);
      const forMs = spec.kind === 'kill' ? spec.forMs : spec.forMs;
      list.push({
        spec,
        cycle,
        atMs,
        untilMs: forMs !== undefined ? atMs + forMs : undefined,
        restartAtMs: spec.kind === 'kill' && spec.restartAfterMs !== undefined ? atMs + spec.restartAfterMs : undefined,
      });
    }
  }
  list.sort((a, b) => a.atMs - b.atMs || a.spec.index - b.spec.index);
  return list.map((o, occurrence) => ({ ...o, occurrence }));
}

/** The candidate agent ids of a selector (its group, or every agent). */
export function candidatesOf(scenario: Scenario, sel: VictimSelector): string[] {
  return scenario.agents.filter((a) => !sel.of || a.group === sel.of).map((a) => a.id);
}

/**
 * Pick victims among `live` (ids in declaration order). Fractions round up; explicit ids are taken
 * as given when live. Consumes the PRNG the same way whatever the selector, so later faults stay stable.
 */
export function chooseVictims(sel: VictimSelector, live: string[], random: Random): string[] {
  const order = shuffled(live, random);
  if (sel.ids) return sel.ids.filter((id) => live.includes(id));
  const n = sel.count ?? Math.ceil((sel.fraction ?? 0) * live.length - 1e-9);
  return order.slice(0, Math.min(n, live.length)).sort((a, b) => live.indexOf(a) - live.indexOf(b));
}

/** A planned occurrence with its victims. */
export interface PlannedFault extends FaultOccurrence {
  victims: string[];
}

/**
 * Simulate liveness through the schedule to predict the victims: a killed agent without restart stays
 * dead; a paused one is not a candidate until resumed; restarted ones are candidates again.
 */
export function planTimeline(scenario: Scenario, seed: number): PlannedFault[] {
  const random = seededRandom(seed);
  const downUntil = new Map<string, number>(); // id → time it is live again (Infinity = never)
  return expandFaults(scenario.faults).map((occ) => {
    if (occ.spec.kind !== 'kill') return { ...occ, victims: [] };
    const live = candidatesOf(scenario, occ.spec.select).filter((id) => (downUntil.get(id) ?? -1) <= occ.atMs);
    const victims = chooseVictims(occ.spec.select, live, random);
    const back = occ.restartAtMs ?? (occ.spec.signal === 'SIGSTOP' ? occ.untilMs : undefined) ?? Infinity;
    for (const v of victims) downUntil.set(v, back);
    return { ...occ, victims };
  });
}
