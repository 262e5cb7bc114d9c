/**
 * The live view for interactive terminals. Finished cells print once, as permanent lines that keep
 * their scenario and protocol (the same line CI gets); below them a small region is redrawn in place:
 * one line per running cell and the run's progress line (n/N cells, failures, elapsed, ETA). A
 * running cell's line says where its workload is — `pre-fault`, `fault: kill worker-2,worker-5` with
 * every fault in force, `post-fault` once they lifted — and its workload clock `4.1 s / 12 s`.
 * While it runs the view owns the terminal (console-terminal.ts): other output goes above the region.
 * The clock is injected and the ticker only redraws, so tests feed events and read the frames.
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import type { ChalkInstance } from 'chalk';
import { sanitizeTerminal as clean } from '../src/report/escape.js';
import type { ActiveFault, CellInfo, CellResult, FaultTimelineEntry, WorkloadState } from '../src/model/results.js';
import { cellTitle, endLine } from './console-lines.js';
import { RunProgress } from './console-progress.js';
import { TerminalOwner } from './console-terminal.js';

interface Running {
  cell: ReadonlyView<CellInfo>;
  /** The cell's own phase: starting, running, stopping, … */
  phase: string;
  /** When the workload began (phase `running`), for the cell's clock. */
  runningAt?: number;
  /** Where the workload is, from the run's workload events (or, without them, from the faults seen). */
  workload?: ReadonlyView<WorkloadState>;
  /** The run sends workload events: the faults seen are not needed to guess the state. */
  tracked: boolean;
  /** Faults applied but not verified (they make the cell inconclusive). */
  unverified: number;
}

/** Victims shown per fault before `+n`. */
const VICTIMS_SHOWN = 3;

/** `kill worker-2,worker-5`, `partition worker-1,worker-2,worker-3 +4`. */
export function activeFaultText(f: ReadonlyView<Pick<ActiveFault, 'kind' | 'victims'>>): string {
  const shown = f.victims.slice(0, VICTIMS_SHOWN).join(',');
  const more = f.victims.length > VICTIMS_SHOWN ? ` +${f.victims.length - VICTIMS_SHOWN}` : '';
  return clean(`${f.kind}${shown ? ` ${shown}` : ''}${more}`);
}

/** `4.1 s / 12 s`: the workload clock against the planned duration. */
export function workloadClock(elapsedMs: number, plannedMs?: number): string {
  const elapsed = `${(Math.max(0, elapsedMs) / 1000).toFixed(1)} s`;
  return plannedMs ? `${elapsed} / ${Number((plannedMs / 1000).toFixed(1))} s` : elapsed;
}

/** Cursor to the start of the line `n` lines up, then clear to the end of the screen. */
const erase = (n: number): string => (n > 0 ? `\u001b[${n}F\u001b[J` : '');

/** Columns a line takes on the terminal: its code points, escape sequences left out. */
export function visibleLength(text: string): number {
  return [...text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')].length;
}

/** Cut `text` to `width` visible characters, leaving escape sequences whole (lines must not wrap: the redraw counts lines). */
export function fitWidth(text: string, width: number): string {
  let visible = 0;
  let out = '';
  for (let i = 0; i < text.length; ) {
    const esc = /^\u001b\[[0-9;?]*[ -/]*[@-~]/.exec(text.slice(i, i + 32));
    if (esc) {
      out += esc[0];
      i += esc[0].length;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (visible === width - 1 && i + ch.length < text.length) return `${out}…\u001b[0m`;
    out += ch;
    visible++;
    i += ch.length;
  }
  return out;
}

/** The redrawn region under the finished cells. */
export class LiveView {
  private readonly running = new Map<string, Running>();
  private progress = new RunProgress([], 1, 0);
  private height = 0;
  private timer?: NodeJS.Timeout;
  private readonly terminal: TerminalOwner;

  /** `own`: the streams others may write to that reach the same terminal (always the view's own). */
  constructor(
    private readonly stream: NodeJS.WritableStream & { columns?: number; rows?: number },
    private readonly c: ChalkInstance,
    private readonly now: () => number = Date.now,
    private readonly tickMs = 1000,
    own: readonly NodeJS.WritableStream[] = [],
  ) {
    this.terminal = new TerminalOwner([stream, ...own], (from, lines) => this.above(from, lines));
  }

  /** Begin: every planned cell counts toward n/N and the ETA (`auto`: `workers` is `--workers auto`'s ceiling). */
  start(cells: readonly ReadonlyView<CellInfo>[], workers: number, auto = false): void {
    this.progress = new RunProgress(cells, workers, this.now(), auto);
    this.terminal.take();
    // The ticker only advances the clocks; unref'd so it never keeps storm alive.
    this.timer = setInterval(() => this.render(), this.tickMs);
    this.timer.unref();
    this.render();
  }

  /** A cell's agents are starting. */
  cellStart(cell: ReadonlyView<CellInfo>): void {
    this.running.set(cell.id, {
      cell,
      phase: `starting ${cell.agents} agent${cell.agents === 1 ? '' : 's'}`,
      tracked: false,
      unverified: 0,
    });
    this.progress.cellStart(cell.id, this.now());
    this.render();
  }

  /** A cell moved to a phase (starting, running, stopping, …). */
  phase(cell: ReadonlyView<CellInfo>, phase: string, detail?: string): void {
    const r = this.running.get(cell.id);
    if (!r) return;
    if (phase === 'starting') return; // cellStart already said it
    r.phase = phase === 'running' ? phase : clean(`${phase}${detail ? ` — ${detail}` : ''}`);
    if (phase === 'running') r.runningAt = this.now();
    this.render();
  }

  /** A running cell's workload moved: a fault started or lifted, or the workload began. */
  workload(cell: ReadonlyView<CellInfo>, state: ReadonlyView<WorkloadState>): void {
    const r = this.running.get(cell.id);
    if (!r) return;
    r.workload = state;
    r.tracked = true;
    this.render();
  }

  /**
   * A fault was applied in a running cell. An unverified one is flagged on the cell's line; without
   * workload events (a user's reporter driving the view) the fault is taken to be in force from now on.
   */
  fault(cell: ReadonlyView<CellInfo>, f: ReadonlyView<FaultTimelineEntry>): void {
    const r = this.running.get(cell.id);
    if (!r) return;
    if (!f.verified) r.unverified++;
    if (!r.tracked) {
      const active = [...(r.workload?.active ?? []), { fault: f.fault, kind: f.kind, victims: [...f.victims], t: f.t }];
      const applied = (r.workload?.applied ?? 0) + 1;
      // how many faults the cell plans is not known here: 0 leaves the `n/m faults` count out
      r.workload = { t: f.t, phase: 'fault', active, applied, planned: 0 };
    }
    this.render();
  }

  /** A cell finished: its line becomes permanent, named like in CI. */
  cellEnd(result: ReadonlyView<CellResult>): void {
    this.running.delete(result.id);
    this.progress.cellEnd(result, this.now());
    this.render([endLine(this.c, result)]);
  }

  /** Stop redrawing, clear the region and give the terminal back; the summary follows. */
  finish(): void {
    clearInterval(this.timer);
    this.terminal.raw(this.stream, erase(this.height));
    this.height = 0;
    this.terminal.release();
  }

  /** The region's lines at this moment (exported for tests through render's output). */
  private region(): string[] {
    // A pseudo-terminal nobody sized reports 0 columns and rows.
    const width = Math.max(20, this.stream.columns || 80);
    const room = Math.max(1, (this.stream.rows || 24) - 2);
    const now = this.now();
    const lines = [...this.running.values()].slice(0, room).map((r) => {
      // The state (phase, faults, clock) matters more than a long scenario name: the name gives way first.
      const state = this.cellState(r, now);
      const title = fitWidth(cellTitle(r.cell), Math.max(16, width - visibleLength(state) - 4));
      return fitWidth(`${this.c.cyan('●')} ${title} ${state}`, width);
    });
    if (this.running.size > room) lines.push(this.c.dim(`… ${this.running.size - room} more running`));
    lines.push(fitWidth(this.c.bold(this.progress.line(now)), width));
    return lines;
  }

  /**
   * `· fault: kill worker-2,worker-5 · 4.1 s / 12 s`: the workload's phase (and the faults in force)
   * while it runs, else the cell's own phase; `· 2/5 faults` for storms of several, and a warning for
   * a fault that could not be verified.
   */
  private cellState(r: Running, now: number): string {
    const c = this.c;
    const running = r.runningAt !== undefined && r.phase === 'running';
    const w = r.workload;
    const parts: string[] = [];
    if (!running) parts.push(c.dim(r.phase));
    else if (!w) parts.push(c.dim('running'));
    else if (w.phase === 'fault') parts.push(c.yellow(`⚡ fault: ${w.active.map(activeFaultText).join(' + ')}`));
    else parts.push(w.phase === 'pre-fault' ? c.dim('pre-fault') : c.cyan('post-fault'));
    if (r.runningAt !== undefined && r.phase !== 'stopping')
      parts.push(c.dim(workloadClock(now - r.runningAt, r.cell.plannedMs)));
    if (w && w.planned > 1) parts.push(c.dim(`${w.applied}/${w.planned} faults`));
    if (r.unverified) parts.push(c.red(`${r.unverified} fault${r.unverified === 1 ? '' : 's'} NOT verified`));
    return parts.join(c.dim(' · '));
  }

  /** Lines someone else wrote while the region is up: printed above it, then the region again. */
  private above(from: NodeJS.WritableStream, lines: string): void {
    this.terminal.raw(this.stream, erase(this.height));
    this.height = 0;
    this.terminal.raw(from, lines);
    this.render();
  }

  private render(permanent: string[] = []): void {
    const region = this.region();
    this.terminal.raw(this.stream, `${erase(this.height)}${[...permanent, ...region].map((l) => `${l}\n`).join('')}`);
    this.height = region.length;
  }
}
