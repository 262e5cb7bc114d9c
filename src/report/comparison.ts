/**
 * The protocol comparison of one scenario that says what it knows: per protocol and headline
 * metric the median over its judged runs with a 95% interval (`median [lo–hi]`), and per metric
 * which protocols differ by more than their run-to-run spread (src/stats/compare.ts). Protocols
 * are compared within a scenario only: runs of different scenarios are not draws of one quantity.
 * Without repeats it shows single values and says that one run cannot rank protocols.
 */
import type { ReadonlyView } from '../model/readonly.js';
import { compareGroups, VERDICT_TEXT, type Comparison } from '../stats/compare.js';
import type { RepeatVerdict, RunTally } from '../stats/pass-rate.js';
import { spreadOf, type Spread } from '../stats/spread.js';
import { formatMetric } from './format.js';
import { repeatedCellsOfSuite } from './repeats.js';
import { METRIC_COLUMNS, type MetricColumn } from './table.js';
import type { SuiteResult } from '../model/results.js';

/**
 * Columns shown but never ranked: `resolution_ms` is the bucket width the other numbers are exact
 * to — a property of the measurement (the workload's rate and `min_samples`), not of the protocol.
 */
const NOT_RANKED = new Set(['resolution_ms']);

/** One protocol's row: its repeated verdict and a spread per headline column. */
export interface ComparisonRow {
  protocol: string;
  tally: RunTally;
  verdict: RepeatVerdict;
  spreads: Spread[];
}

/** One headline column's comparison across protocols. */
export interface ColumnComparison {
  column: MetricColumn;
  /** The column's index in METRIC_COLUMNS (and in each row's `spreads`). */
  index: number;
  comparison: Comparison;
  /** One line: the measurable differences, or why there are none. */
  text: string;
}

/** A scenario's comparison table and its verdicts. */
export interface ScenarioComparison {
  /** Most runs any protocol had (1 without --repeat). */
  repeats: number;
  /** Rows hold a spread per METRIC_COLUMNS entry. */
  rows: ComparisonRow[];
  /** The ranked columns (every headline column except NOT_RANKED). */
  columns: ColumnComparison[];
}

/**
 * The comparison of a suite's protocols; null when no protocol has a judged run. A protocol that
 * ran but was never judged (all runs inconclusive) keeps its row, with no values: a hidden row would
 * look like a protocol that was not asked for.
 */
export function scenarioComparison(suite: ReadonlyView<SuiteResult>, minPassRate = 1): ScenarioComparison | null {
  const repeated = repeatedCellsOfSuite(suite, minPassRate).filter((r) => r.verdict.status !== 'skipped');
  if (!repeated.some((r) => r.tally.passed + r.tally.failed > 0)) return null;
  const rows = repeated.map((r) => {
    // Judged runs only: an inconclusive run's numbers are not a measurement of the system.
    const judged = r.cells.filter((c) => (c.status === 'passed' || c.status === 'failed') && c.metrics);
    return {
      protocol: r.protocol,
      tally: r.tally,
      verdict: r.verdict,
      spreads: METRIC_COLUMNS.map((col) => spreadOf(judged.map((c) => col.pick(c.metrics!)))),
    };
  });
  const columns = METRIC_COLUMNS.flatMap((column, i) => {
    if (NOT_RANKED.has(column.key)) return [];
    const comparison = compareGroups(rows.map((row) => ({ name: row.protocol, spread: row.spreads[i] })));
    return [{ column, index: i, comparison, text: comparisonText(comparison) }];
  });
  return { repeats: Math.max(...repeated.map((r) => r.cells.length)), rows, columns };
}

/** `json < anp, json < agora` or the verdict in words, plus the protocols left unranked. */
export function comparisonText(c: Comparison): string {
  const base =
    c.verdict === 'measurable'
      ? c.differences.map((d) => `${d.lower} < ${d.higher}`).join(', ')
      : VERDICT_TEXT[c.verdict];
  return c.unranked.length && c.verdict !== 'too-few-runs'
    ? `${base}; not ranked (no interval): ${c.unranked.join(', ')}`
    : base;
}

/**
 * A spread as table text: one run → its value; with an interval → `1840 [1500–2100]`; without →
 * `1840 (n=4, no CI)`; nulls appended as `+2 null`, never hidden.
 */
export function formatSpread(
  s: Spread,
  unit: MetricColumn['unit'],
  v = (x: number | null): string => formatMetric(x, unit),
): string {
  const nulls = s.nulls ? ` +${s.nulls} null` : '';
  if (s.n === 0) return s.runs ? `— (${s.nulls} null)` : '—';
  if (s.runs <= 1) return v(s.median);
  if (s.ci) return `${v(s.median)} [${v(s.ci.lo)}–${v(s.ci.hi)}]${nulls}`;
  return `${v(s.median)} (n=${s.n}, no CI)${nulls}`;
}

/** `9/10 passed`, with the runs that were not judged: `8/10 passed, 1 inconclusive`. */
export function runsText(row: Pick<ComparisonRow, 'tally' | 'verdict'>): string {
  const t = row.tally;
  const extra = [t.inconclusive ? `${t.inconclusive} inconclusive` : '', t.skipped ? `${t.skipped} not run` : '']
    .filter(Boolean)
    .join(', ');
  return `${t.passed}/${row.verdict.runs} passed${extra ? `, ${extra}` : ''}`;
}
