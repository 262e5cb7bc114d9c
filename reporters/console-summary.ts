/**
 * The end-of-run text, Jest-style: failed assertions with their numbers, inconclusive reasons, load
 * errors, a protocol × metric table per scenario, then the Suites / Cells / Time lines. Pure: the
 * same input gives the same text, coloured only when the caller's chalk has colours.
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import type { ChalkInstance } from 'chalk';
import { sanitizeTerminal as clean } from '../src/report/escape.js';
import { allCells, cellLabel, countStatuses, formatIssue, suiteStatus } from '../src/report/format.js';
import { harnessLine } from '../src/report/harness.js';
import { comparisonRows, METRIC_COLUMNS, protocolSummaryRows, type Mark } from '../src/report/table.js';
import { scenarioComparison } from '../src/report/comparison.js';
import type { RunResult, SuiteResult } from '../src/model/results.js';
import { cellTitle, countsLine, paintStatus, STATUS_MARK } from './console-lines.js';
import { differenceLines, repeatLines, repeatTable } from './console-repeats.js';
import { baselineLines } from './console-baseline.js';

function details(c: ChalkInstance, result: ReadonlyView<RunResult>, cwd?: string): string[] {
  const out: string[] = [];
  for (const cell of allCells(result)) {
    if (cell.status === 'failed') {
      out.push(`${c.red('✗')} ${c.bold(cellTitle(cell))}`);
      const failed = cell.assertions.filter((a) => !a.pass);
      for (const a of failed) out.push(`    ${c.red('✗')} ${clean(a.expr)}  ${c.dim('—')} ${clean(a.reason)}`);
      if (failed.length === 0 && cell.reason) out.push(`    ${clean(cell.reason)}`);
    } else if (cell.status === 'inconclusive') {
      out.push(`${c.yellow('?')} ${c.bold(cellTitle(cell))} inconclusive`);
      for (const line of clean(cell.reason ?? 'no reason recorded').split('\n')) out.push(`    ${line}`);
    }
    // warnings did not change the verdict, but a user must see that an agent's reports were rejected
    if (cell.warnings?.length) {
      out.push(`${c.yellow('!')} ${c.bold(cellTitle(cell))} ${cell.warnings.length === 1 ? 'warning' : 'warnings'}`);
      for (const w of cell.warnings) out.push(`    ${clean(w)}`);
    }
  }
  for (const suite of result.suites) {
    if (suite.loadErrors.length === 0) continue;
    out.push(`${c.red('✗')} ${c.bold(clean(suite.file))} failed to load`);
    for (const issue of suite.loadErrors) out.push(`    ${clean(formatIssue(issue, cwd))}`);
  }
  return out;
}

const MARK_TEXT: Record<Exclude<Mark, null>, string> = { pass: '✓', fail: '✗' };

/** The protocol × metric table of one scenario, columns aligned, `—` for null. */
export function scenarioTable(c: ChalkInstance, suite: ReadonlyView<SuiteResult>): string[] {
  const rows = comparisonRows(suite.cells);
  const header = ['protocol', ...METRIC_COLUMNS.map((col) => col.title), 'verdict'];
  // Pad on the plain text, colour afterwards: ANSI codes would break the widths.
  const plain = rows.map((r) => [
    r.label,
    ...r.values.map((v) => (v.mark ? `${v.text} ${MARK_TEXT[v.mark]}` : v.text)),
    r.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...plain.map((p) => p[i].length)));
  const pad = (text: string, i: number) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]));
  const lines = [`  ${header.map((h, i) => c.dim(pad(h, i))).join('  ')}`];
  rows.forEach((row, r) => {
    const cells = plain[r].map((text, i) => {
      const padded = pad(text, i);
      if (i === 0) return padded;
      if (i === header.length - 1) return paintStatus(c, row.status, padded);
      const mark = row.values[i - 1].mark;
      return mark === 'fail' ? c.red(padded) : mark === 'pass' ? c.green(padded) : padded;
    });
    lines.push(`  ${cells.join('  ')}`);
  });
  return lines;
}

/** One compact line per cell that ran: `json  harness: issue lag p99 0.4 ms (max 2.1) · loop delay … · false suspicions 0`. */
export function harnessLines(c: ChalkInstance, suite: ReadonlyView<SuiteResult>): string[] {
  const cells = suite.cells.filter((cell) => cell.harness);
  const width = Math.max(0, ...cells.map((cell) => cellLabel(cell).length));
  return cells.map((cell) => {
    const h = cell.harness!;
    const flag = h.overloaded ? c.yellow(' — overloaded') : '';
    return `  ${cellLabel(cell).padEnd(width)}  ${c.dim('harness:')} ${harnessLine(h, cell.metrics?.false_suspicions)}${flag}`;
  });
}

/** The run-wide protocol × metric table: medians over scenarios, and passed / judged cells. */
export function protocolTable(c: ChalkInstance, result: ReadonlyView<RunResult>): string[] {
  const rows = protocolSummaryRows(allCells(result));
  const header = ['protocol', ...METRIC_COLUMNS.map((col) => col.title), 'passed'];
  const plain = rows.map((r) => [r.protocol, ...r.values.map((v) => v.text), `${r.passed}/${r.judged}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...plain.map((p) => p[i].length)));
  const pad = (text: string, i: number) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]));
  return [
    `  ${header.map((h, i) => c.dim(pad(h, i))).join('  ')}`,
    ...plain.map((p, r) => {
      const all = rows[r].passed === rows[r].judged;
      return `  ${p.map((t, i) => (i === p.length - 1 ? (all ? c.green(pad(t, i)) : c.red(pad(t, i))) : pad(t, i))).join('  ')}`;
    }),
  ];
}

/** The whole summary block, lines joined with newlines and a trailing newline; paths shown relative to `cwd`. */
export function renderSummary(c: ChalkInstance, result: ReadonlyView<RunResult>, cwd?: string): string {
  const out: string[] = [''];
  const minPassRate = result.info.minPassRate ?? 1;
  const info = details(c, result, cwd);
  if (info.length) out.push(c.bold('Problems'), ...info, '');
  for (const suite of result.suites) {
    if (suite.cells.length === 0 || suite.loadErrors.length > 0) continue;
    const status = suiteStatus(suite, minPassRate);
    out.push(
      `${paintStatus(c, status, STATUS_MARK[status])} ${c.bold(clean(suite.scenario ?? suite.file))} ${c.dim(clean(suite.file))}`,
    );
    const comparison = scenarioComparison(suite, minPassRate);
    if (comparison && comparison.repeats > 1) out.push(...repeatTable(c, comparison), '');
    else {
      // A blank line first: the note is about the whole table, not one more row of it.
      const note = comparison ? differenceLines(c, comparison) : [];
      out.push(...scenarioTable(c, suite), '', ...(note.length ? [...note, ''] : []));
    }
    const harness = harnessLines(c, suite);
    if (harness.length) out.push(...harness, '');
  }
  const judgedSuites = result.suites.filter((s) => s.cells.some((c) => c.status !== 'skipped'));
  if (judgedSuites.length > 1) {
    out.push(c.bold('Protocols across all scenarios (median per cell)'), ...protocolTable(c, result));
    out.push(c.dim('  (scenarios differ, so this table ranks nothing; differences are judged per scenario above)'), '');
  }
  out.push(...repeatLines(c, result));
  out.push(...baselineLines(c, result));
  const suiteCounts = countStatuses(result.suites.map((s) => ({ status: suiteStatus(s, minPassRate) })));
  out.push(`${c.bold('Cells:')}  ${countsLine(c, countStatuses(allCells(result)))}`);
  out.push(`${c.bold('Suites:')} ${countsLine(c, suiteCounts)}`);
  out.push(`${c.bold('Time:')}   ${(result.durationMs / 1000).toFixed(1)} s${workersNote(result)}`);
  if (result.reason === 'bail') out.push(c.yellow('Stopped early (--bail): the results are partial.'));
  if (result.reason === 'interrupted') out.push(c.yellow('Interrupted: the results are partial.'));
  return `${out.join('\n')}\n`;
}

/** ` (workers auto: at most 2 cells at once, ceiling 4)` — only with --workers auto. */
function workersNote(result: ReadonlyView<RunResult>): string {
  if (!result.info.workersAuto) return '';
  return ` (workers auto: at most ${result.peakWorkers ?? '?'} cell${result.peakWorkers === 1 ? '' : 's'} at once, ceiling ${result.info.workers})`;
}
