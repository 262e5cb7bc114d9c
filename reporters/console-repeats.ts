/**
 * The console's text for --repeat: a scenario's protocols with `median [lo–hi]` per headline metric,
 * runs passed and the repeated verdict; the differences larger than the run-to-run spread; and the
 * Repeats block with each repeated cell's verdict in words (docs/statistics.md).
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import type { ChalkInstance } from 'chalk';
import { formatSpread, runsText, type ScenarioComparison } from '../src/report/comparison.js';
import { sanitizeTerminal as clean } from '../src/report/escape.js';
import { countStatuses } from '../src/report/format.js';
import { repeatedCells } from '../src/report/repeats.js';
import { METRIC_COLUMNS } from '../src/report/table.js';
import type { RunResult } from '../src/model/results.js';
import { VERDICT_TEXT } from '../src/stats/compare.js';
import { countsLine, paintStatus, STATUS_MARK } from './console-lines.js';

/** Aligned text table: first column left, the others right; `paint(row, col, padded)` colours a cell. */
function alignedTable(
  c: ChalkInstance,
  header: string[],
  plain: string[][],
  paint: (r: number, i: number, padded: string) => string,
): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...plain.map((p) => p[i].length)));
  const pad = (text: string, i: number) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]));
  return [
    `  ${header.map((h, i) => c.dim(pad(h, i))).join('  ')}`,
    ...plain.map((p, r) => `  ${p.map((t, i) => paint(r, i, pad(t, i))).join('  ')}`),
  ];
}

/**
 * A scenario's protocols over their repeats: `median [lo–hi]` per headline metric, passed/runs and
 * the repeated verdict, then per metric the differences larger than the run-to-run spread.
 */
export function repeatTable(c: ChalkInstance, comparison: ScenarioComparison): string[] {
  const header = ['protocol', ...METRIC_COLUMNS.map((col) => col.title), 'runs', 'verdict'];
  const plain = comparison.rows.map((row) => [
    row.protocol,
    ...row.spreads.map((s, i) => formatSpread(s, METRIC_COLUMNS[i].unit)),
    runsText(row),
    `${row.verdict.status}${row.verdict.flaky ? ' (flaky)' : ''}`,
  ]);
  const lines = alignedTable(c, header, plain, (r, i, padded) => {
    if (i !== header.length - 1) return padded;
    const v = comparison.rows[r].verdict;
    return v.flaky && v.status === 'passed' ? c.yellow(padded) : paintStatus(c, v.status, padded);
  });
  return [...lines, ...differenceLines(c, comparison)];
}

/** Per metric: `json < anp` or "no measurable difference" (or why it cannot be judged). */
export function differenceLines(c: ChalkInstance, comparison: ScenarioComparison): string[] {
  if (comparison.rows.length < 2) return [];
  if (comparison.repeats <= 1) return [c.dim(`  ${VERDICT_TEXT['single-run']}`)];
  const width = Math.max(...comparison.columns.map((col) => col.column.title.length));
  return [
    c.dim('  Differences larger than the run-to-run spread (non-overlapping 95% intervals of the median):'),
    ...comparison.columns.map((col) => {
      const text = clean(col.text);
      return `    ${col.column.title.padEnd(width)}  ${col.comparison.verdict === 'measurable' ? c.bold(text) : c.dim(text)}`;
    }),
  ];
}

/** `Repeated cells: 1 failed (1 flaky), 4 passed, 5 total` and one line per repeated cell. */
export function repeatLines(c: ChalkInstance, result: ReadonlyView<RunResult>): string[] {
  const repeated = repeatedCells(result).filter((r) => r.cells.length > 1);
  if (repeated.length === 0) return [];
  const counts = countStatuses(repeated.map((r) => ({ status: r.verdict.status })));
  const flaky = repeated.filter((r) => r.verdict.flaky).length;
  const head = `${countsLine(c, counts)}${flaky ? `, ${c.yellow(`${flaky} flaky`)}` : ''} (min-pass-rate ${Math.round(result.info.minPassRate * 100)}%)`;
  const lines = repeated.map((r) => {
    const mark = paintStatus(c, r.verdict.status, STATUS_MARK[r.verdict.status]);
    const text = clean(`${r.scenario} [${r.protocol}]  ${r.verdict.status} — ${r.verdict.reason}`);
    return `  ${mark} ${r.verdict.flaky ? c.yellow(text) : text}`;
  });
  return [c.bold('Repeats'), ...lines, `  ${head}`, ''];
}
