/**
 * The console reporter (SPEC §5): live progress per cell, then a Jest-like summary with a
 * protocol × metric table per scenario. On an interactive terminal (and not under CI) progress is a
 * live view redrawn in place (console-live.ts); otherwise it is one plain line per event, which reads
 * well in CI logs, with a progress line (n/N cells, elapsed, ETA) after each finished cell. Colours
 * only when the stream is a terminal. While the live view is up it owns the terminal: the runner's
 * other writes to stdout (and stderr, when it is the same terminal) print above it.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type {
  CellInfo,
  CellResult,
  FaultTimelineEntry,
  RunInfo,
  RunResult,
  WorkloadState,
} from '../src/model/results.js';
import type { ReadonlyView, Reporter, ReporterOptions } from '../src/report/types.js';
import { endLine, faultLine, phaseLine, startLine } from './console-lines.js';
import { LiveView } from './console-live.js';
import { RunProgress } from './console-progress.js';
import { renderSummary } from './console-summary.js';

/** True under a CI system (`CI=true`, `CI=1`; `CI=false` and `CI=0` count as not CI). */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

/** Prints progress and the end-of-run summary. */
export class ConsoleReporter implements Reporter {
  private readonly out: NodeJS.WritableStream;
  private readonly cwd: string;
  private readonly c: ChalkInstance;
  private readonly interactive: boolean;
  private live?: LiveView;
  private progress?: RunProgress;
  private interleaved = false;

  constructor(opts: ReporterOptions) {
    this.out = opts.stdout ?? process.stdout;
    this.cwd = opts.cwd;
    const tty = (this.out as { isTTY?: boolean }).isTTY === true;
    this.c = new Chalk({ level: tty ? 1 : 0 });
    this.interactive = tty && !isCI();
  }

  /** Start the live list (terminal) or announce the run (plain). */
  onRunStart(info: ReadonlyView<RunInfo>, cells: readonly ReadonlyView<CellInfo>[]): void {
    this.interleaved = info.workers > 1;
    if (this.interactive && cells.length > 0) {
      this.live = new LiveView(this.out as NodeJS.WriteStream, this.c, Date.now, 1000, this.sameTerminal());
      this.live.start(cells, info.workers, info.workersAuto);
      return;
    }
    this.progress = new RunProgress(cells, info.workers, Date.now(), info.workersAuto);
    this.line(this.c.bold(`storm ${info.stormVersion}: ${cells.length} cell${cells.length === 1 ? '' : 's'}`));
  }

  /** `▶ <scenario> [json] starting 8 agents` */
  onCellStart(cell: ReadonlyView<CellInfo>): void {
    this.progress?.cellStart(cell.id, Date.now());
    if (this.live) this.live.cellStart(cell);
    else this.line(startLine(this.c, cell));
  }

  /** Phase changes and progress lines. */
  onCellPhase(cell: ReadonlyView<CellInfo>, phase: string, detail?: string): void {
    if (this.live) this.live.phase(cell, phase, detail);
    // `starting` repeats the ▶ line of onCellStart.
    else if (phase !== 'starting') this.line(phaseLine(this.c, cell, phase, detail));
  }

  /**
   * The live view shows the workload's phase and the faults in force. CI gets no line for it: each
   * fault already has its ⚡ line when applied, and a line per lift would only lengthen the log.
   */
  onWorkloadPhase(cell: ReadonlyView<CellInfo>, state: ReadonlyView<WorkloadState>): void {
    this.live?.workload(cell, state);
  }

  /** `⚡ t=6.00s kill worker-3, worker-5 (SIGKILL) verified` */
  onFault(cell: ReadonlyView<CellInfo>, fault: ReadonlyView<FaultTimelineEntry>): void {
    if (this.live) this.live.fault(cell, fault);
    else this.line(faultLine(this.c, cell, fault, this.interleaved));
  }

  /** `✓ <scenario> [json] 12.3s` */
  onCellEnd(result: ReadonlyView<CellResult>): void {
    if (this.live) {
      this.live.cellEnd(result);
      return;
    }
    this.line(endLine(this.c, result));
    this.progress?.cellEnd(result, Date.now());
    // One cell needs no count; with more, CI logs get the same n/N, elapsed and ETA as the live view.
    if (this.progress && this.progress.total > 1) this.line(this.c.dim(`  ${this.progress.line(Date.now())}`));
  }

  /** Close the live list, then print the summary. */
  async onRunEnd(result: ReadonlyView<RunResult>): Promise<void> {
    this.live?.finish();
    this.out.write(renderSummary(this.c, result, this.cwd));
  }

  /** Streams besides the view's own that write to the same terminal: stderr, when both are the terminal. */
  private sameTerminal(): NodeJS.WritableStream[] {
    if (this.out !== process.stdout) return [];
    return (process.stderr as { isTTY?: boolean }).isTTY === true ? [process.stderr] : [];
  }

  private line(text: string): void {
    this.out.write(`${text}\n`);
  }
}
