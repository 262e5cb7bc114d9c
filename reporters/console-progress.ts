/**
 * Run-wide progress for the console: cells done of planned, failures so far, elapsed time and an ETA
 * from the planned durations. Pure bookkeeping with the clock passed in, so tests feed it events and
 * times and check the line.
 *
 * The ETA: each cell is expected to take its workload window plus a start/stop allowance, scaled by
 * how long finished cells really took against that expectation (agents start slower on a loaded
 * machine). What is left — cells not started, and the rest of the running ones — is shared among the
 * workers (never more workers than cells left), but the run cannot end before its longest running
 * cell does: ETA = max(work left / workers, longest remaining running cell). With `--workers auto` the
 * workers are the most cells that have really run at once so far, not the ceiling the gate may never
 * reach (on a busy machine it admits fewer).
 */
import type { CellInfo, CellResult } from '../src/model/results.js';

/** Start-up and teardown of one cell beyond its workload window, before any cell has been measured. */
export const CELL_OVERHEAD_MS = 3000;
/** Planned workload of a cell that did not say (a user's reporter driving the view by hand). */
const DEFAULT_PLANNED_MS = 10_000;

/** `42s`, `4m05s`, `1h02m`: a clock for humans, whole seconds. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Counts and times of a run in progress. */
export class RunProgress {
  private readonly planned = new Map<string, number>();
  private readonly started = new Map<string, number>();
  private readonly ended = new Set<string>();
  private failed = 0;
  private inconclusive = 0;
  private expectedDone = 0;
  private actualDone = 0;
  /** Most cells running at the same time so far. */
  private peak = 0;

  /** `auto`: `workers` is only a ceiling (`--workers auto`); the ETA counts the concurrency reached. */
  constructor(
    cells: readonly Pick<CellInfo, 'id' | 'plannedMs'>[],
    private readonly workers: number,
    private readonly startedAt: number,
    private readonly auto = false,
  ) {
    for (const c of cells) this.planned.set(c.id, (c.plannedMs ?? DEFAULT_PLANNED_MS) + CELL_OVERHEAD_MS);
  }

  /** Planned cells. */
  get total(): number {
    return this.planned.size;
  }

  /** Cells that ended. */
  get done(): number {
    return this.ended.size;
  }

  /** A cell began at `now`. */
  cellStart(id: string, now: number): void {
    if (this.started.has(id)) return;
    this.started.set(id, now);
    if (!this.ended.has(id)) this.peak = Math.max(this.peak, this.started.size - this.ended.size);
  }

  /** A cell ended at `now`. */
  cellEnd(r: Pick<CellResult, 'id' | 'status' | 'durationMs'>, now: number): void {
    if (this.ended.has(r.id)) return;
    this.ended.add(r.id);
    if (r.status === 'failed') this.failed++;
    if (r.status === 'inconclusive') this.inconclusive++;
    const expected = this.planned.get(r.id);
    if (expected !== undefined && r.durationMs > 0) {
      this.expectedDone += expected;
      this.actualDone += r.durationMs;
    }
    this.cellStart(r.id, now);
  }

  /** Milliseconds still to go, or null when nothing is left to estimate. */
  etaMs(now: number): number | null {
    const scale = this.expectedDone > 0 ? this.actualDone / this.expectedDone : 1;
    let work = 0;
    let longestRunning = 0;
    let cellsLeft = 0;
    for (const [id, planned] of this.planned) {
      if (this.ended.has(id)) continue;
      cellsLeft++;
      const start = this.started.get(id);
      const rest = Math.max(0, planned * scale - (start === undefined ? 0 : now - start));
      work += rest;
      if (start !== undefined) longestRunning = Math.max(longestRunning, rest);
    }
    if (cellsLeft === 0) return null;
    return Math.max(work / Math.max(1, Math.min(this.effectiveWorkers, cellsLeft)), longestRunning);
  }

  /** The workers the ETA shares work among: the fixed count, or with auto the concurrency reached so far. */
  private get effectiveWorkers(): number {
    return this.auto ? Math.min(this.workers, Math.max(1, this.peak)) : this.workers;
  }

  /** `3/30 cells · 1 failed · 1m02s elapsed · ETA 4m10s` */
  line(now: number): string {
    const parts = [`${this.done}/${this.total} cells`];
    if (this.failed) parts.push(`${this.failed} failed`);
    if (this.inconclusive) parts.push(`${this.inconclusive} inconclusive`);
    parts.push(`${formatClock(now - this.startedAt)} elapsed`);
    const eta = this.etaMs(now);
    if (eta !== null) parts.push(`ETA ${formatClock(eta)}`);
    return parts.join(' · ');
  }
}
