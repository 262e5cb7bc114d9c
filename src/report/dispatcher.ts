/**
 * Fans every reporter hook out to every reporter, in order, awaiting each.
 *
 * Error policy: a reporter that throws (or hangs past the hook timeout) fails the run loudly, but
 * never at the cost of another reporter's output. The failure is recorded, the remaining reporters
 * still get the hook, and every reporter keeps receiving later hooks. Failures of the live hooks
 * (onRunStart … onCellEnd) are held back so a broken progress printer cannot abort the run half-way;
 * onRunEnd — after every reporter has written its files — throws one aggregated ReporterError with
 * every failure of the run. The CLI turns it into a non-zero exit.
 */
import type { ReadonlyView } from '../model/readonly.js';
import { ReporterError, type ReporterFailure } from './errors.js';
import type { CellInfo, CellResult, FaultTimelineEntry, RunInfo, RunResult, WorkloadState } from '../model/results.js';
import type { Reporter } from './types.js';

type HookName = keyof Reporter;

/** Options of the dispatcher. */
export interface DispatcherOptions {
  /** Longest a single hook of a single reporter may take before it counts as failed. */
  hookTimeoutMs?: number;
}

/** Calls each hook on every reporter in order; see the module comment for the error policy. */
export class ReporterDispatcher {
  private readonly pending: ReporterFailure[] = [];
  private readonly timeoutMs: number;

  constructor(
    private readonly reporters: readonly Reporter[],
    opts: DispatcherOptions = {},
  ) {
    this.timeoutMs = opts.hookTimeoutMs ?? 120_000;
  }

  /** Failures recorded so far (not yet thrown). */
  get failures(): readonly ReporterFailure[] {
    return this.pending;
  }

  /** Once, before any cell starts. */
  async onRunStart(info: ReadonlyView<RunInfo>, cells: readonly ReadonlyView<CellInfo>[]): Promise<void> {
    await this.call('onRunStart', (r) => r.onRunStart?.(info, cells));
  }

  /** A cell begins. */
  async onCellStart(cell: ReadonlyView<CellInfo>): Promise<void> {
    await this.call('onCellStart', (r) => r.onCellStart?.(cell));
  }

  /** A cell moved to a new phase. */
  async onCellPhase(cell: ReadonlyView<CellInfo>, phase: string, detail?: string): Promise<void> {
    await this.call('onCellPhase', (r) => r.onCellPhase?.(cell, phase, detail));
  }

  /** A fault occurrence was applied. */
  async onFault(cell: ReadonlyView<CellInfo>, fault: ReadonlyView<FaultTimelineEntry>): Promise<void> {
    await this.call('onFault', (r) => r.onFault?.(cell, fault));
  }

  /** A running cell's workload changed phase, or a fault started or lifted. */
  async onWorkloadPhase(cell: ReadonlyView<CellInfo>, state: ReadonlyView<WorkloadState>): Promise<void> {
    await this.call('onWorkloadPhase', (r) => r.onWorkloadPhase?.(cell, state));
  }

  /** A cell finished. */
  async onCellEnd(result: ReadonlyView<CellResult>): Promise<void> {
    await this.call('onCellEnd', (r) => r.onCellEnd?.(result));
  }

  /** The run ended (also on bail or interrupt); throws ReporterError if any reporter failed during the run. */
  async onRunEnd(result: ReadonlyView<RunResult>): Promise<void> {
    await this.call('onRunEnd', (r) => r.onRunEnd?.(result));
    if (this.pending.length > 0) throw new ReporterError(this.pending.splice(0));
  }

  private async call(hook: HookName, invoke: (r: Reporter) => void | Promise<void> | undefined): Promise<void> {
    for (const reporter of this.reporters) {
      if (typeof reporter[hook] !== 'function') continue;
      try {
        await this.withTimeout(
          Promise.resolve().then(() => invoke(reporter)),
          hook,
        );
      } catch (error) {
        this.pending.push({ reporter: reporterName(reporter), hook, error });
      }
    }
  }

  private async withTimeout(work: Promise<unknown>, hook: HookName): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${hook} did not finish within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A reporter's name for error messages: its class name. */
export function reporterName(reporter: Reporter): string {
  const name = (reporter as { constructor?: { name?: string } }).constructor?.name;
  return name && name !== 'Object' ? name : 'anonymous reporter';
}
