/**
 * What storm knows about its own fidelity in one cell (SPEC §2 "The harness checks itself"): how
 * late the driver issued tasks, how long the runner's and the agents' event loops stalled, whether
 * any task left after the run had ended, and whether the system worked before the first fault.
 * Shared by metrics/ (measured from the history), session/ (the verdict) and report/ (every report).
 * All times in milliseconds.
 */

/**
 * How often the runner and the agents record an event-loop delay sample (ms). Shared because the
 * history's reader must know how far back a sample reaches (two intervals, src/agent/loop-delay.ts).
 */
export const LOOP_DELAY_SAMPLE_MS = 1000;

/** Bounds on the harness's own lag (`harness:` in a scenario); beyond any, the cell is inconclusive. */
export interface HarnessBounds {
  /** p99 of issue lag (actual − scheduled issue time). */
  maxIssueLagP99Ms: number;
  /** Any single task issued (or dropped) later than this. */
  maxIssueLagMs: number;
  /** Any event-loop delay of the runner or of a built-in agent. */
  maxLoopDelayMs: number;
}

/** Issue lag of the open workload; every field null for a closed workload (it has no schedule). */
export interface IssueLagSummary {
  /** Tasks with a schedule: issued ones plus those dropped as late. */
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

/** Event-loop delay of one process over the workload: the worst sampling window's p99, and the max. */
export interface LoopDelayStat {
  p99: number;
  max: number;
}

/** The numbers, a pure function of the history (src/metrics/harness.ts). */
export interface HarnessMeasurements {
  issueLag: IssueLagSummary;
  loopDelay: {
    /** null when no sample was recorded (e.g. the workload never started). */
    runner: LoopDelayStat | null;
    /** The built-in agent with the largest max delay; null when no agent reported (user agents do not). */
    worstAgent: (LoopDelayStat & { agent: string }) | null;
    /** Samples counted (runner and agents), so a reader can tell "no stall" from "not measured". */
    samples: number;
    /** Built-in agents that reported samples: all of them, or an evenly spread subset in a large cell. */
    agents: number;
  };
  /** Tasks whose issue was recorded after the end of the run. Must be 0. */
  tasksAfterEnd: number;
  /** Open-workload tasks scheduled inside the run that the driver could only have issued after its end: never sent. */
  tasksSkippedLate: number;
}

/** Pre-fault health of the system under test (`baseline:` in a scenario). */
export interface BaselineCheck {
  /** `pre` = tasks issued in [warmup, first fault); `overall` for a cell without faults. */
  phase: 'pre' | 'overall';
  /** null when no task was issued in that phase (then nothing is judged). */
  successRate: number | null;
  minSuccessRate: number;
  healthy: boolean;
}

/** The `harness` block of a cell in every report. */
export interface HarnessBlock extends HarnessMeasurements {
  bounds: HarnessBounds;
  /** True when any bound was exceeded: the cell is inconclusive, whatever its assertions said. */
  overloaded: boolean;
  /** One sentence per exceeded bound, with the numbers, e.g. `issue lag p99 83 ms > 50 ms`. */
  reasons: string[];
  /** null when the cell produced no metrics. */
  baseline: BaselineCheck | null;
}
