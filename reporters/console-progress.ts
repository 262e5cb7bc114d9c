/**
 * Run-wide progress for the console: cells done of planned, failures so far, elapsed time and an ETA
 * from the planned durations. Pure bookkeeping with the clock passed in, so tests feed it events and
 * times and check the line.
 *
 * The ETA: each cell is expected to take its workload window plus a start/stop allowance, scaled by
 * how long finished cells really took against that expectation (agents start slower on a loaded
 * machine); what is left — cells not started, and the rest of the running ones — is divided among
 * the workers.
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

  constructor(
    cells: readonly Pick<CellInfo, 'id' | 'plannedMs'>[],
    private readonly workers: number,
    private readonly startedAt: number,
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
    if (!this.started.has(id)) this.started.set(id, now);
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
    let left = 0;
    let cellsLeft = 0;
    for (const [id, planned] of this.planned) {
      if (this.ended.has(id)) continue;
      cellsLeft++;
      const start = this.started.get(id);
      left += Math.max(0, planned * scale - (start === undefined ? 0 : now - start));
    }
    if (cellsLeft === 0) return null;
    return left / Math.max(1, Math.min(this.workers, cellsLeft));
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
