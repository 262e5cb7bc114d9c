/**
 * Builds results.json (format version 1, described by schemas/results.schema.json) from a
 * RunResult. Raw latency arrays are dropped from every phase to keep the file small; their
 * summaries stay.
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import { repeatedCellsOfSuite, repeatStats } from '../src/report/repeats.js';
import { scenarioComparison } from '../src/report/comparison.js';
import type { Metrics, PhaseMetrics } from '../src/model/metrics.js';
import type { Spread } from '../src/stats/spread.js';
import { allCells, countStatuses, displayPath, suiteStatus } from '../src/report/format.js';
import type { CellResult, RunResult, SuiteResult } from '../src/model/results.js';

/** The results.json format version; bump on any incompatible change. */
export const RESULTS_VERSION = 1;

/** A phase as written: everything but the raw latencies. */
export type PhaseSummary = ReadonlyView<Omit<PhaseMetrics, 'latencies'>>;

/** Metrics as written. */
export type MetricsSummary = ReadonlyView<Omit<Metrics, 'overall' | 'phases' | 'faults'>> & {
  overall: PhaseSummary;
  phases: Record<keyof Metrics['phases'], PhaseSummary>;
  faults: readonly (ReadonlyView<Omit<Metrics['faults'][number], 'phases'>> & {
    phases: Record<keyof Metrics['phases'], PhaseSummary>;
  })[];
};

/** Where a cell's own files went, relative to the output directory (null when not written). */
export interface CellFiles {
  dir: string;
  history: string | null;
  failstorm_metrics: string | null;
}

const phase = ({ latencies: _dropped, ...rest }: ReadonlyView<PhaseMetrics>): PhaseSummary => rest;
const phases = (p: ReadonlyView<Metrics>['phases']): MetricsSummary['phases'] => ({
  pre: phase(p.pre),
  fault: phase(p.fault),
  post: phase(p.post),
});

/** Metrics without raw latency arrays. */
export function summarizeMetrics(m: ReadonlyView<Metrics>): MetricsSummary {
  return {
    ...m,
    overall: phase(m.overall),
    phases: phases(m.phases),
    faults: m.faults.map((f) => ({ ...f, phases: phases(f.phases) })),
  };
}

function cellEntry(cell: ReadonlyView<CellResult>, files: CellFiles | null | undefined) {
  return {
    id: cell.id,
    protocol: cell.protocol,
    repeat: cell.repeat,
    seed: cell.seed,
    status: cell.status,
    reason: cell.reason ?? null,
    durationMs: cell.durationMs,
    metrics: cell.metrics ? summarizeMetrics(cell.metrics) : null,
    harness: cell.harness ?? null,
    assertions: cell.assertions,
    faults: cell.faults,
    agents: cell.agents,
    warnings: cell.warnings ?? [],
    files: files ?? null,
    ...(cell.regression ? { regression: cell.regression } : {}),
  };
}

/** A spread as written: every field, `noInterval` null when there is an interval. */
function spreadEntry(s: Spread) {
  return {
    runs: s.runs,
    n: s.n,
    nulls: s.nulls,
    median: s.median,
    min: s.min,
    max: s.max,
    ci: s.ci,
    noInterval: s.noInterval ?? null,
  };
}

/** Per protocol that ran more than once: its repeated verdict and every numeric metric's spread. */
function repeatedEntries(suite: ReadonlyView<SuiteResult>, minPassRate: number) {
  return repeatedCellsOfSuite(suite, minPassRate)
    .filter((r) => r.cells.length > 1)
    .map((r) => ({
      protocol: r.protocol,
      status: r.verdict.status,
      reason: r.verdict.reason,
      runs: r.verdict.runs,
      ...r.tally,
      passRate: r.verdict.passRate,
      flaky: r.verdict.flaky,
      metrics: Object.fromEntries(r.metrics.map((m) => [m.metric, { unit: m.unit, ...spreadEntry(m.spread) }])),
    }));
}

/** The protocol comparison of a scenario (src/report/comparison.ts); null when nothing was judged. */
function comparisonEntry(suite: ReadonlyView<SuiteResult>, minPassRate: number) {
  const c = scenarioComparison(suite, minPassRate);
  if (!c) return null;
  return {
    repeats: c.repeats,
    method: 'non-overlapping 95% order-statistic intervals of the median',
    metrics: c.columns.map((col) => ({
      metric: col.column.key,
      unit: col.column.unit,
      values: Object.fromEntries(c.rows.map((row) => [row.protocol, spreadEntry(row.spreads[col.index])])),
      verdict: col.comparison.verdict,
      differences: col.comparison.differences,
      unranked: col.comparison.unranked,
      text: col.text,
    })),
  };
}

function suiteEntry(
  suite: ReadonlyView<SuiteResult>,
  files: Map<string, CellFiles | null>,
  cwd: string | undefined,
  minPassRate: number,
) {
  return {
    file: suite.file,
    scenario: suite.scenario,
    line: suite.line,
    status: suiteStatus(suite, minPassRate),
    loadErrors: suite.loadErrors.map((i) => ({ ...i, file: displayPath(i.file, cwd) })),
    cells: suite.cells.map((c) => cellEntry(c, files.get(c.id))),
    repeated: repeatedEntries(suite, minPassRate),
    comparison: comparisonEntry(suite, minPassRate),
  };
}

/** The whole results.json document; load-issue paths relative to `cwd` like every other path in it. */
export function buildResultsDocument(
  result: ReadonlyView<RunResult>,
  schemaRef: string,
  files: Map<string, CellFiles | null>,
  cwd?: string,
) {
  const cells = countStatuses(allCells(result));
  const minPassRate = result.info.minPassRate ?? 1;
  const suitesFailed = result.suites.filter((s) => suiteStatus(s, minPassRate) === 'failed').length;
  return {
    $schema: schemaRef,
    version: RESULTS_VERSION,
    run: {
      ...result.info,
      // A shard says which slice it was; the whole plan's ids stay in the blob, out of results.json.
      ...(result.info.shard ? { shard: { index: result.info.shard.index, total: result.info.shard.total } } : {}),
      finishedAt: result.finishedAt,
      durationMs: result.durationMs,
      reason: result.reason,
      exitCode: result.exitCode,
      peakWorkers: result.peakWorkers ?? null,
    },
    summary: { cells, suites: { total: result.suites.length, failed: suitesFailed }, repeats: repeatStats(result) },
    suites: result.suites.map((s) => suiteEntry(s, files, cwd, minPassRate)),
    ...(result.baseline ? { baseline: result.baseline } : {}),
  };
}
