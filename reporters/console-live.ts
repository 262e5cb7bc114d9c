/**
 * The live view for interactive terminals. Finished cells print once, as permanent lines that keep
 * their scenario and protocol (the same line CI gets); below them a small region is redrawn in place:
 * one line per running cell (phase, workload clock, latest fault) and the run's progress line
 * (n/N cells, failures, elapsed, ETA). The clock is injected and the ticker only redraws, so tests
 * feed events and read the frames.
 */
import type { ChalkInstance } from 'chalk';
import { sanitizeTerminal as clean } from '../src/report/escape.js';
import type { CellInfo, CellResult, FaultTimelineEntry } from '../src/model/results.js';
import { cellTitle, endLine, faultText } from './console-lines.js';
import { RunProgress } from './console-progress.js';

interface Running {
  cell: CellInfo;
  phase: string;
  /** When the workload began (phase `running`), for the cell's clock. */
  runningAt?: number;
  fault?: string;
  /** Faults applied so far in this cell (cyclic storms apply many). */
  faults: number;
}

/** Cursor to the start of the line `n` lines up, then clear to the end of the screen. */
const erase = (n: number): string => (n > 0 ? `\u001b[${n}F\u001b[J` : '');

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

  constructor(
    private readonly stream: NodeJS.WritableStream & { columns?: number; rows?: number },
    private readonly c: ChalkInstance,
    private readonly now: () => number = Date.now,
    private readonly tickMs = 1000,
  ) {}

  /** Begin: every planned cell counts toward n/N and the ETA (`auto`: `workers` is `--workers auto`'s ceiling). */
  start(cells: readonly CellInfo[], workers: number, auto = false): void {
    this.progress = new RunProgress(cells, workers, this.now(), auto);
    // The ticker only advances the clocks; unref'd so it never keeps storm alive.
    this.timer = setInterval(() => this.render(), this.tickMs);
    this.timer.unref();
    this.render();
  }

  /** A cell's agents are starting. */
  cellStart(cell: CellInfo): void {
    this.running.set(cell.id, {
      cell,
      phase: `starting ${cell.agents} agent${cell.agents === 1 ? '' : 's'}`,
      faults: 0,
    });
    this.progress.cellStart(cell.id, this.now());
    this.render();
  }

  /** A cell moved to a phase (starting, running, stopping, …). */
  phase(cell: CellInfo, phase: string, detail?: string): void {
    const r = this.running.get(cell.id);
    if (!r) return;
    if (phase === 'starting') return; // cellStart already said it
    r.phase = clean(`${phase}${detail && phase !== 'running' ? ` — ${detail}` : ''}`);
    if (phase === 'running') r.runningAt = this.now();
    this.render();
  }

  /** A fault was applied in a running cell: the latest one shows on its line. */
  fault(cell: CellInfo, f: FaultTimelineEntry): void {
    const r = this.running.get(cell.id);
    if (!r) return;
    r.fault = faultText(this.c, f);
    r.faults++;
    this.render();
  }

  /** A cell finished: its line becomes permanent, named like in CI. */
  cellEnd(result: CellResult): void {
    this.running.delete(result.id);
    this.progress.cellEnd(result, this.now());
    this.render([endLine(this.c, result)]);
  }

  /** Stop redrawing and clear the region; the summary follows. */
  finish(): void {
    clearInterval(this.timer);
    this.stream.write(erase(this.height));
    this.height = 0;
  }

  /** The region's lines at this moment (exported for tests through render's output). */
  private region(): string[] {
    // A pseudo-terminal nobody sized reports 0 columns and rows.
    const width = Math.max(20, this.stream.columns || 80);
    const room = Math.max(1, (this.stream.rows || 24) - 2);
    const now = this.now();
    const lines = [...this.running.values()].slice(0, room).map((r) => {
      const clock =
        r.runningAt !== undefined && r.cell.plannedMs
          ? ` ${((now - r.runningAt) / 1000).toFixed(0)}s/${(r.cell.plannedMs / 1000).toFixed(0)}s`
          : '';
      const count = r.faults > 1 ? `${r.faults} faults, latest ` : '';
      const fault = r.fault ? ` ${this.c.yellow('⚡')} ${count}${r.fault}` : '';
      return fitWidth(`${this.c.cyan('●')} ${cellTitle(r.cell)} ${this.c.dim(`${r.phase}${clock}`)}${fault}`, width);
    });
    if (this.running.size > room) lines.push(this.c.dim(`… ${this.running.size - room} more running`));
    lines.push(fitWidth(this.c.bold(this.progress.line(now)), width));
    return lines;
  }

  private render(permanent: string[] = []): void {
    const region = this.region();
    this.stream.write(`${erase(this.height)}${[...permanent, ...region].map((l) => `${l}\n`).join('')}`);
    this.height = region.length;
  }
}
