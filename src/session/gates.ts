/**
 * Gates decide when the next cell may start: a fixed count (`--workers n`), or the measured
 * headroom rule (`--workers auto`, auto-workers.ts). `runCells` drives a plan through a gate.
 */
import type { Cell } from '../plan/types.js';
import type { CellResult } from '../model/results.js';
import { autoCeiling, decideAdmission, harnessPressure, type AutoState, type MachineSample } from './auto-workers.js';

/** What the scheduler tells a gate, and asks it. */
export interface Gate {
  /** Whether `cell` may start now. */
  mayStart(cell: Cell): boolean;
  /** The cell started. */
  started(cell: Cell): void;
  /** The cell moved to a phase (`running` once its agents are up). */
  phase(cell: Cell, phase: string): void;
  /** The cell ended with this result. */
  finished(cell: Cell, result: CellResult | null): void;
  /** Most cells that ran at once. */
  readonly peak: number;
  /** The most cells this gate can ever let run at once. */
  readonly ceiling: number;
}

/** `--workers n`: up to n cells at once. */
export class FixedGate implements Gate {
  private running = 0;
  peak = 0;

  constructor(readonly ceiling: number) {}

  mayStart(): boolean {
    return this.running < this.ceiling;
  }
  started(): void {
    this.running++;
    this.peak = Math.max(this.peak, this.running);
  }
  phase(): void {}
  finished(): void {
    this.running--;
  }
}

/** `--workers auto`: one more cell only while measured headroom allows it. */
export class AutoGate implements Gate {
  private readonly starting = new Set<string>();
  private readonly running = new Set<string>();
  private lastUpAt = -Infinity;
  private limit: number;
  peak = 0;
  /** The reason of the latest decision (for logs and benchmarks). */
  lastWhy = '';

  constructor(
    private readonly sample: () => MachineSample | null,
    private readonly now: () => number,
    cores: number,
  ) {
    this.limit = autoCeiling(cores);
  }

  get ceiling(): number {
    return this.limit;
  }

  mayStart(cell: Cell): boolean {
    const state: AutoState = {
      running: this.running.size,
      starting: this.starting.size,
      ceiling: this.limit,
      lastUpAt: this.lastUpAt,
    };
    const d = decideAdmission(state, this.sample(), cell.scenario.agents.length);
    this.lastWhy = d.why;
    return d.admit;
  }
  started(cell: Cell): void {
    this.running.add(cell.id);
    this.starting.add(cell.id);
    this.peak = Math.max(this.peak, this.running.size);
  }
  phase(cell: Cell, phase: string): void {
    if (phase === 'starting' || !this.starting.has(cell.id)) return;
    this.starting.delete(cell.id);
    this.lastUpAt = this.now();
  }
  finished(cell: Cell, result: CellResult | null): void {
    this.running.delete(cell.id);
    this.starting.delete(cell.id);
    // Back off for the rest of the run: an overloaded harness means this machine cannot take more.
    if (result && harnessPressure(result)) this.limit = Math.max(1, this.limit - 1);
  }
}

/**
 * Run `cells` in order through `gate`: start each as soon as the gate allows, re-asking on every
 * cell event and every `pollMs`; stop starting cells when `signal` aborts or a run throws (the
 * first error is rethrown once the running cells have ended).
 */
export async function runCells(
  cells: readonly Cell[],
  gate: Gate,
  signal: AbortSignal,
  run: (cell: Cell) => Promise<CellResult>,
  pollMs = 500,
): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: unknown;
  let wake: () => void = () => {};
  const nextEvent = (): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const onAbort = (): void => wake();
  signal.addEventListener('abort', onAbort);
  try {
    for (const cell of cells) {
      while (!signal.aborted && failure === undefined && !gate.mayStart(cell)) await nextEvent();
      if (signal.aborted || failure !== undefined) break;
      gate.started(cell);
      const p: Promise<void> = run(cell)
        .then(
          (result) => gate.finished(cell, result),
          (err) => {
            gate.finished(cell, null);
            failure ??= err;
          },
        )
        .finally(() => {
          running.delete(p);
          wake();
        });
      running.add(p);
    }
    await Promise.all(running);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure;
}
