/**
 * `--repeat n`: the runs of one scenario × protocol taken together — the repeated cell. Its verdict
 * is its pass rate against `--min-pass-rate` (src/stats/pass-rate.ts), and each numeric metric gets
 * its spread over the runs (median, min, max, 95% interval of the median). Only judged runs (passed
 * or failed) feed the spreads: an inconclusive run's numbers were not a valid measurement. Without
 * --repeat every cell is a repeated cell of one run, so the exit code and the suite status use the
 * same path either way.
 */
import type { ReadonlyView } from '../model/readonly.js';
import { repeatVerdict, tally, type RepeatVerdict, type RunTally } from '../stats/pass-rate.js';
import { spreadOf, type Spread } from '../stats/spread.js';
import { metricUnit, metricValues, type MetricUnit } from './metric-values.js';
import type { CellResult, RunResult, SuiteResult } from '../model/results.js';

/** One metric's spread over a repeated cell's judged runs. */
export interface MetricSpread {
  metric: string;
  unit: MetricUnit;
  spread: Spread;
}

/** A scenario × protocol with all its runs. */
export interface RepeatedCell {
  /** `<file>#<protocol>`: the cell id without the repeat suffix. */
  key: string;
  file: string;
  scenario: string;
  protocol: string;
  /** Its runs in plan order. */
  cells: readonly ReadonlyView<CellResult>[];
  tally: RunTally;
  verdict: RepeatVerdict;
  /** Spreads of every numeric metric over the judged runs that have metrics. */
  metrics: MetricSpread[];
}

/** The id of the repeated cell a run belongs to: its id without the `#r<k>` suffix of repeats. */
export function repeatKey(cell: Pick<CellResult, 'id'>): string {
  return cell.id.replace(/#r\d+$/, '');
}

/**
 * The repeated cells of one suite, in the order their first run appears. Runs group by their
 * plan id (`<file>#<protocol>#r<k>`); a cell without a repeat suffix stands alone.
 */
export function repeatedCellsOfSuite(suite: ReadonlyView<SuiteResult>, minPassRate = 1): RepeatedCell[] {
  const groups = new Map<string | ReadonlyView<CellResult>, readonly ReadonlyView<CellResult>[]>();
  for (const cell of suite.cells) {
    const key = typeof cell.id === 'string' && /#r\d+$/.test(cell.id) ? repeatKey(cell) : cell;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups.entries()].map(([key, cells]) => {
    const t = tally(cells.map((c) => c.status));
    return {
      key: typeof key === 'string' ? key : key.id,
      file: cells[0].file,
      scenario: cells[0].scenario,
      protocol: cells[0].protocol,
      cells,
      tally: t,
      verdict: repeatVerdict(t, minPassRate),
      metrics: spreadsOf(cells),
    };
  });
}

/** Every repeated cell of the run, judged with the run's --min-pass-rate. */
export function repeatedCells(result: ReadonlyView<Pick<RunResult, 'suites' | 'info'>>): RepeatedCell[] {
  // `?.`: a user's reporter may build a RunResult from an older RunInfo without the field.
  return result.suites.flatMap((s) => repeatedCellsOfSuite(s, result.info?.minPassRate ?? 1));
}

function spreadsOf(cells: readonly ReadonlyView<CellResult>[]): MetricSpread[] {
  const judged = cells.filter((c) => (c.status === 'passed' || c.status === 'failed') && c.metrics);
  const perRun = judged.map((c) => metricValues(c.metrics!));
  const names = [...new Set(perRun.flatMap((m) => [...m.keys()]))];
  return names.map((metric) => ({
    metric,
    unit: metricUnit(metric),
    spread: spreadOf(perRun.map((m) => m.get(metric) ?? null)),
  }));
}

/** The flat per-scenario × protocol record of results.json's `summary.repeats`. */
export interface RepeatStat extends RunTally {
  file: string;
  scenario: string;
  protocol: string;
  runs: number;
  passRate: number | null;
  flaky: boolean;
  status: RepeatVerdict['status'];
  reason: string;
}

/** One entry per scenario × protocol that ran more than once; empty without --repeat. */
export function repeatStats(result: ReadonlyView<Pick<RunResult, 'suites' | 'info'>>): RepeatStat[] {
  return repeatedCells(result)
    .filter((r) => r.cells.length > 1)
    .map((r) => ({
      file: r.file,
      scenario: r.scenario,
      protocol: r.protocol,
      runs: r.verdict.runs,
      ...r.tally,
      passRate: r.verdict.passRate,
      flaky: r.verdict.flaky,
      status: r.verdict.status,
      reason: r.verdict.reason,
    }));
}
