/**
 * Hand a finished RunResult (merged shards, a re-judged stored run) to reporters, hook by hook as
 * a live run would have: onRunStart, then per cell that ran onCellStart, its faults and onCellEnd,
 * then onRunEnd. The reporters cannot tell it from a live run, so their output is the same.
 */
import type { CellInfo, CellResult, RunResult } from '../model/results.js';
import { ReporterDispatcher } from '../report/dispatcher.js';
import { createReporters } from '../report/registry.js';

/** The reporters' options: where files go, the working directory, and the console stream. */
export interface ReplayOptions {
  reporters: string[];
  outputDir: string;
  cwd: string;
  stdout?: NodeJS.WritableStream;
}

function cellInfo(cell: CellResult): CellInfo {
  return {
    id: cell.id,
    file: cell.file,
    scenario: cell.scenario,
    protocol: cell.protocol,
    repeat: cell.repeat,
    agents: cell.agents.length,
  };
}

/** Report `result`; throws a ReporterError (after every reporter ran) when a reporter failed. */
export async function replayRun(result: RunResult, opts: ReplayOptions): Promise<void> {
  const reporters = new ReporterDispatcher(
    await createReporters(opts.reporters, {
      outputDir: opts.outputDir,
      cwd: opts.cwd,
      stdout: opts.stdout ?? process.stdout,
    }),
  );
  // A live run announces the cells it planned: the ones that ran or were stopped by a bail, not the
  // protocols a scenario pins away (those have no judging and no place in the plan).
  const cells = result.suites.flatMap((s) => s.cells);
  const planned = cells.filter(
    (c) => c.judging || (result.info.shard?.plan ?? []).includes(c.id) || c.reason?.startsWith('not run:'),
  );
  await reporters.onRunStart(result.info, planned.map(cellInfo));
  for (const cell of cells.filter((c) => c.judging)) {
    const ci = cellInfo(cell);
    await reporters.onCellStart(ci);
    for (const f of cell.faults) await reporters.onFault(ci, f);
    await reporters.onCellEnd(cell);
  }
  await reporters.onRunEnd(result);
}
