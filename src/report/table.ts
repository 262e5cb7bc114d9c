/**
 * The protocol × metric comparison shared by the console and HTML reporters: rows are cells of one
 * scenario, columns the headline metrics, each value marked pass/fail when an assertion of that
 * cell referenced the metric.
 */
import type { ReadonlyView } from '../model/readonly.js';
import type { AssertionResult } from '../model/assertions.js';
import type { Metrics } from '../model/metrics.js';
import { cellLabel, formatMetric } from './format.js';
import type { CellResult, CellStatus } from '../model/results.js';

/** One column of the comparison table. */
export interface MetricColumn {
  key: string;
  title: string;
  unit: 'ms' | 'bytes' | 'ratio';
  /** The metric name assertions use, to find the pass/fail mark. */
  metric: string;
  pick(m: ReadonlyView<Metrics>): number | null;
}

/** The headline columns, in display order. */
export const METRIC_COLUMNS: readonly MetricColumn[] = [
  { key: 'detect_ms', title: 'detect_ms', unit: 'ms', metric: 'detect_ms', pick: (m) => m.detect_ms },
  { key: 'recovery_ms', title: 'recovery_ms', unit: 'ms', metric: 'recovery_ms', pick: (m) => m.recovery_ms },
  {
    key: 'steady_state_ms',
    title: 'steady_state_ms',
    unit: 'ms',
    metric: 'steady_state_ms',
    pick: (m) => m.steady_state_ms,
  },
  // recovery_ms and steady_state_ms are exact to ± this bucket width (docs/metrics.md)
  { key: 'resolution_ms', title: '± resolution', unit: 'ms', metric: 'resolution_ms', pick: (m) => m.resolution_ms },
  {
    key: 'bytes_reconnect',
    title: 'bytes_reconnect',
    unit: 'bytes',
    metric: 'bytes_reconnect',
    pick: (m) => m.bytes_reconnect,
  },
  {
    key: 'success_rate_drop',
    title: 'success_rate_drop',
    unit: 'ratio',
    metric: 'success_rate_drop',
    pick: (m) => m.success_rate_drop,
  },
  {
    key: 'duplicate_work_ratio',
    title: 'duplicate_work_ratio',
    unit: 'ratio',
    metric: 'duplicate_work_ratio',
    pick: (m) => m.duplicate_work_ratio,
  },
  { key: 'p95_latency_ms', title: 'p95 latency', unit: 'ms', metric: 'latency_ms', pick: (m) => m.overall.latency.p95 },
];

/** Pass/fail mark of one value: `pass`/`fail` when asserted on, else null. */
export type Mark = 'pass' | 'fail' | null;

/** One table cell: the formatted value and its mark. */
export interface TableValue {
  text: string;
  value: number | null;
  mark: Mark;
}

/** One row: a cell of the scenario. */
export interface TableRow {
  label: string;
  status: CellStatus;
  values: TableValue[];
}

/** Whether the cell's assertions on `metric` passed (fail wins), or null if none mention it. */
export function markFor(assertions: readonly ReadonlyView<AssertionResult>[], metric: string): Mark {
  const relevant = assertions.filter((a) => Object.keys(a.actual).some((k) => referencesMetric(k, metric)));
  if (relevant.length === 0) return null;
  return relevant.every((a) => a.pass) ? 'pass' : 'fail';
}

// `actual` keys are references as written: `recovery_ms`, `success_rate{phase=post}`, `p95(latency_ms{…})`.
function referencesMetric(key: string, metric: string): boolean {
  return new RegExp(`(^|[^a-z_])${metric}($|[^a-z_])`).test(key);
}

/** The comparison rows of one scenario's cells. */
export function comparisonRows(cells: readonly ReadonlyView<CellResult>[]): TableRow[] {
  return cells.map((cell) => ({
    label: cellLabel(cell),
    status: cell.status,
    values: METRIC_COLUMNS.map((col) => {
      const value = cell.metrics ? col.pick(cell.metrics) : null;
      return { value, text: formatMetric(value, col.unit), mark: markFor(cell.assertions, col.metric) };
    }),
  }));
}

/** One protocol across every scenario of the run: medians of the headline metrics, and its verdicts. */
export interface ProtocolSummaryRow {
  protocol: string;
  passed: number;
  judged: number;
  values: TableValue[];
}

/**
 * The run-wide protocol comparison: for each protocol, the median of each headline metric over the
 * cells that have it (a median, so one odd scenario cannot dominate), and passed / judged cells.
 */
export function protocolSummaryRows(cells: readonly ReadonlyView<CellResult>[]): ProtocolSummaryRow[] {
  const protocols = [...new Set(cells.filter((c) => c.status !== 'skipped').map((c) => c.protocol))];
  return protocols.map((protocol) => {
    const mine = cells.filter((c) => c.protocol === protocol && c.status !== 'skipped');
    return {
      protocol,
      passed: mine.filter((c) => c.status === 'passed').length,
      judged: mine.length,
      values: METRIC_COLUMNS.map((col) => {
        const value = median(
          mine.map((c) => (c.metrics ? col.pick(c.metrics) : null)).filter((v): v is number => v !== null),
        );
        return { value, text: formatMetric(value, col.unit), mark: null };
      }),
    };
  });
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
