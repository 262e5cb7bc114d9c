/**
 * `--workers auto`: the rule that decides whether one more cell may start while others run. Pure;
 * the measurements come from machine-load.ts, the bookkeeping from gates.ts.
 *
 * Parallel cells share CPU, and a starved runner or agent distorts every time storm measures. So a
 * cell joins running ones only when all of these hold (docs/statistics.md, "--workers auto"):
 * 1. fewer cells run than the ceiling, max(1, ⌊cores / 2⌋) — half the machine for cells, half for
 *    the bursts a fault causes (restarts spawn processes, detectors and clients retry at once) and
 *    for the operating system; a harness-overloaded cell lowers the ceiling by one for the rest of
 *    the run (`harnessPressure`);
 * 2. no cell is starting its agents (spawning node processes is the largest CPU burst a cell has),
 *    and the CPU sample was taken entirely after the last cell came up, so it includes that cell;
 * 3. the measured idle CPU minus the new cell's expected demand leaves a reserve of
 *    max(0.5, cores / 4) cores;
 * 4. the 1-minute load average plus that demand stays within ¾ of the cores (load the short sample
 *    can miss: other users' bursts, processes queued for the CPU).
 * The expected demand is 0.1 core per agent (at least 0.25): measured on the shipped fail-storm
 * json cell, 8 agents at 40 tasks/s used 10.8 CPU-seconds in 13.4 s (≈ 0.8 cores) with its runner.
 */
import type { CellResult } from '../model/results.js';

/** CPU the next cell is expected to need, in cores. */
export const CORES_PER_AGENT = 0.1;

/** A measurement of the machine over a recent window. */
export interface MachineSample {
  /** Logical CPUs. */
  cores: number;
  /** Idle share of all CPUs over the window, 0..1. */
  idle: number;
  /** Window start on the gate's clock (ms). */
  from: number;
  /** 1-minute load average. */
  load1: number;
}

/** What the gate knows about the cells it let in. */
export interface AutoState {
  running: number;
  /** Cells that have not yet brought all their agents up. */
  starting: number;
  /** Current ceiling (lowered by harness back-off). */
  ceiling: number;
  /** When the newest running cell finished starting (gate's clock, ms); -Infinity when none. */
  lastUpAt: number;
}

/** An admission decision and its reason in words. */
export interface Admission {
  admit: boolean;
  why: string;
}

/** The most cells `--workers auto` ever runs at once on a machine with `cores` CPUs. */
export function autoCeiling(cores: number): number {
  return Math.max(1, Math.floor(cores / 2));
}

/** Expected CPU demand of a cell with `agents` agents, in cores. */
export function cellDemand(agents: number): number {
  return Math.max(0.25, agents * CORES_PER_AGENT);
}

const f1 = (x: number): string => x.toFixed(1);

/** May a cell with `agents` agents start now? */
export function decideAdmission(state: AutoState, sample: MachineSample | null, agents: number): Admission {
  if (state.running === 0) return { admit: true, why: 'no cell is running' };
  if (state.running >= state.ceiling)
    return { admit: false, why: `${state.running} cell(s) running, ceiling ${state.ceiling}` };
  if (state.starting > 0) return { admit: false, why: 'a cell is still starting its agents' };
  if (!sample || sample.from < state.lastUpAt)
    return { admit: false, why: 'no CPU sample yet that includes the running cells' };
  const demand = cellDemand(agents);
  const idleCores = sample.idle * sample.cores;
  const reserve = Math.max(0.5, sample.cores / 4);
  if (idleCores - demand < reserve) {
    return { admit: false, why: `idle ${f1(idleCores)} cores − demand ${f1(demand)} < reserve ${f1(reserve)}` };
  }
  if (sample.load1 + demand > 0.75 * sample.cores) {
    return { admit: false, why: `load ${f1(sample.load1)} + demand ${f1(demand)} > ¾ of ${sample.cores} cores` };
  }
  return { admit: true, why: `idle ${f1(idleCores)} cores, load ${f1(sample.load1)}, demand ${f1(demand)}` };
}

/**
 * The hook for the harness self-check: true when a finished cell's `harness` block says the harness
 * fell behind its bounds (an inconclusive "harness overloaded" cell); the gate then lowers its
 * ceiling. An unhealthy baseline is not pressure: it describes the system under test.
 */
export function harnessPressure(result: Pick<CellResult, 'harness'>): boolean {
  return result.harness?.overloaded === true;
}
