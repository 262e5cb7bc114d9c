/**
 * The reporter interface (STYLE point 3): optional async hooks, fired by the dispatcher in this order:
 * onRunStart → (onCellStart → (onCellPhase | onWorkloadPhase | onFault)* → onCellEnd)* → onRunEnd.
 * Built-in reporters live in reporters/, one per file; a user's module exporting a default class
 * implementing Reporter is loaded the same way. Reporters get read-only views: they describe the
 * run, they never change it.
 */
import type { CellInfo, CellResult, FaultTimelineEntry, RunInfo, RunResult, WorkloadState } from '../model/results.js';

import type { ReadonlyView } from '../model/readonly.js';

export type { ReadonlyView };

export interface Reporter {
  /** Once, before any cell starts, with every planned cell. */
  onRunStart?(info: ReadonlyView<RunInfo>, cells: readonly ReadonlyView<CellInfo>[]): void | Promise<void>;
  /** A cell begins (agents about to start). */
  onCellStart?(cell: ReadonlyView<CellInfo>): void | Promise<void>;
  /** A cell moved to a new phase: starting, ready, running, stopping, or a progress line. */
  onCellPhase?(cell: ReadonlyView<CellInfo>, phase: string, detail?: string): void | Promise<void>;
  /** A fault occurrence was applied (and verified or not). */
  onFault?(cell: ReadonlyView<CellInfo>, fault: ReadonlyView<FaultTimelineEntry>): void | Promise<void>;
  /**
   * A running cell's workload: `pre-fault` when it begins, `fault` with the faults in force as each
   * starts, `post-fault` once they have all lifted (healed, resumed, victims restarted). Live runs only.
   */
  onWorkloadPhase?(cell: ReadonlyView<CellInfo>, state: ReadonlyView<WorkloadState>): void | Promise<void>;
  /** A cell finished, with its result. */
  onCellEnd?(result: ReadonlyView<CellResult>): void | Promise<void>;
  /** Once, at the end, also after a bail or an interrupt: the place to write files. */
  onRunEnd?(result: ReadonlyView<RunResult>): void | Promise<void>;
}

/**
 * A Reporter whose hooks are function-typed properties. TypeScript checks a method's parameters
 * bivariantly, so a class declaring `onRunEnd(result: RunResult)` (mutable) would still satisfy
 * Reporter; against this type it does not compile. The built-in reporters are held to it
 * (registry.ts).
 */
export type StrictReporter = {
  [K in keyof Reporter]?: NonNullable<Reporter[K]> extends (...args: infer A) => infer R ? (...args: A) => R : never;
};

/** Constructor options every reporter receives. */
export interface ReporterOptions {
  outputDir: string;
  /** Working directory, for relative paths in output. */
  cwd: string;
  /** Writable stream for console output (stdout by default). */
  stdout?: NodeJS.WritableStream;
}
