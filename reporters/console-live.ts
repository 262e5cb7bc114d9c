/**
 * The live task list for interactive terminals (listr2): one line per planned cell that goes from
 * waiting → running (latest phase or fault under it) → ✓ / ✖ / skipped with its reason. Runner events
 * resolve promises the listr2 tasks wait on, so the list never decides anything on its own.
 */
import type { ChalkInstance } from 'chalk';
import { Listr, ListrLogger, ProcessOutput } from 'listr2';
import { formatSeconds } from '../src/report/format.js';
import type { CellInfo, CellResult, FaultTimelineEntry } from '../src/model/results.js';
import { cellTitle, faultText, firstLine, STATUS_MARK } from './console-lines.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

interface Entry {
  started: Deferred<void>;
  /** null = the run ended without this cell (bail, interrupt). */
  ended: Deferred<CellResult | null>;
  output?: string;
  task?: { output: string; title: string };
}

/** A listr2 view of the run's cells, fed by the reporter hooks. */
export class LiveView {
  private readonly entries = new Map<string, Entry>();
  private running?: Promise<unknown>;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly c: ChalkInstance,
  ) {}

  /** Build one task per planned cell and start rendering; `workers` cells show as running at once. */
  start(cells: CellInfo[], workers: number): void {
    const list = new Listr(
      cells.map((cell) => ({ title: cellTitle(cell), task: (_: unknown, task: Parameters<typeof this.runTask>[1]) => this.runTask(cell, task) })),
      {
        concurrent: Math.max(1, workers),
        exitOnError: false,
        collectErrors: false,
        registerSignalListeners: false,
        // storm already decided its stream is an interactive terminal; listr2 would only look at process.stdout.
        forceTTY: true,
        fallbackRendererCondition: false,
        silentRendererCondition: false,
        rendererOptions: {
          logger: new ListrLogger({ useIcons: true, toStderr: [], processOutput: new ProcessOutput(this.stream, process.stderr) }),
        },
      },
    );
    for (const cell of cells) this.entries.set(cell.id, { started: deferred(), ended: deferred() });
    this.running = list.run().catch(() => undefined);
  }

  /** A cell's agents are starting. */
  cellStart(cell: CellInfo): void {
    this.entries.get(cell.id)?.started.resolve();
  }

  /** Show the latest phase or fault under the cell's line. */
  update(cell: CellInfo, text: string): void {
    const entry = this.entries.get(cell.id);
    if (!entry) return;
    entry.output = text;
    if (entry.task) entry.task.output = text;
  }

  /** Show a fault under the cell's line. */
  fault(cell: CellInfo, f: FaultTimelineEntry): void {
    this.update(cell, `⚡ ${faultText(this.c, f)}`);
  }

  /** A cell finished. */
  cellEnd(result: CellResult): void {
    const entry = this.entries.get(result.id);
    entry?.started.resolve();
    entry?.ended.resolve(result);
  }

  /** Mark cells that never ran, and wait (bounded) for the list to render its final state. */
  async finish(timeoutMs = 5000): Promise<void> {
    for (const entry of this.entries.values()) {
      entry.started.resolve();
      entry.ended.resolve(null);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
    await Promise.race([this.running, timeout]);
    clearTimeout(timer);
  }

  private async runTask(cell: CellInfo, task: { title: string; output: string; skip(msg?: string): void }): Promise<void> {
    const entry = this.entries.get(cell.id)!;
    const title = cellTitle(cell);
    task.title = `${title} ${this.c.dim('waiting')}`;
    await entry.started.promise;
    task.title = title;
    entry.task = task;
    if (entry.output) task.output = entry.output;
    const r = await entry.ended.promise;
    if (!r) return task.skip(`${title} ${this.c.dim('not run')}`);
    task.title = `${title} ${this.c.dim(formatSeconds(r.durationMs))}`;
    if (r.status === 'failed') throw new Error(firstLine(r.reason ?? 'failed'));
    if (r.status !== 'passed') task.skip(`${STATUS_MARK[r.status]} ${title} ${r.status}: ${firstLine(r.reason ?? '')}`);
  }
}
