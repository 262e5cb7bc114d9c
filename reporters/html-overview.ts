/**
 * The top of report.html for a run of many cells: a navigation list of the scenarios (each with its
 * protocols' marks, linking to the sections) and one run-wide table, scenarios × protocols, each
 * entry the cell's verdict and its headline number — recovery_ms where the scenario has faults, else
 * the success rate — as `median [lo–hi]` over repeats, linking to the cell's chart.
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import { formatSpread } from '../src/report/comparison.js';
import { escapeHtml as esc } from '../src/report/escape.js';
import { slugify, suiteName, suiteStatus } from '../src/report/format.js';
import { repeatedCellsOfSuite, type RepeatedCell } from '../src/report/repeats.js';
import type { CellResult, CellStatus, RunResult, SuiteResult } from '../src/model/results.js';

const MARK: Record<CellStatus, string> = { passed: '✓', failed: '✗', inconclusive: '?', skipped: '○' };

/** The anchor of a scenario's section. */
export const suiteAnchor = (suite: ReadonlyView<SuiteResult>): string => `s-${slugify(suite.file)}`;
/** The anchor of a cell's article. */
export const cellAnchor = (cell: Pick<CellResult, 'id'>): string => `c-${slugify(cell.id)}-${cell.id.length}`;

/** The headline metric of a scenario: recovery where anything recovered, else the success rate. */
function headline(rows: RepeatedCell[]): { metric: string; unit: 'ms' | 'ratio' } {
  const recovered = rows.some((r) => r.metrics.some((m) => m.metric === 'recovery_ms' && m.spread.n > 0));
  return recovered ? { metric: 'recovery_ms', unit: 'ms' } : { metric: 'success_rate', unit: 'ratio' };
}

function entry(r: RepeatedCell, metric: string, unit: 'ms' | 'ratio'): string {
  const v = r.verdict;
  const spread = r.metrics.find((m) => m.metric === metric)?.spread;
  const value = spread && spread.runs > 0 ? formatSpread(spread, unit) : '';
  const runs = r.cells.length > 1 ? ` <span class="muted">${r.tally.passed}/${r.cells.length}</span>` : '';
  const flaky = v.flaky ? ' <span class="flaky">flaky</span>' : '';
  return `<td class="${v.status}" title="${esc(v.reason)}"><a href="#${cellAnchor(r.cells[0])}">${MARK[v.status]} ${esc(value || v.status)}</a>${runs}${flaky}</td>`;
}

/** Scenarios × protocols for the whole run; empty when only one cell ran (its section says it all). */
export function runTable(result: ReadonlyView<RunResult>): string {
  const minPassRate = result.info.minPassRate ?? 1;
  const suites = result.suites.filter((s) => s.cells.length > 0);
  const protocols = [...new Set(suites.flatMap((s) => s.cells.map((c) => c.protocol)))];
  if (suites.reduce((n, s) => n + s.cells.length, 0) < 2) return '';
  const head = `<tr><th>scenario</th><th>shown</th>${protocols.map((p) => `<th>${esc(p)}</th>`).join('')}</tr>`;
  const passed = new Map<string, [number, number]>();
  const rows = suites.map((suite) => {
    const repeated = repeatedCellsOfSuite(suite, minPassRate);
    const { metric, unit } = headline(repeated);
    const cells = protocols.map((p) => {
      const r = repeated.find((x) => x.protocol === p);
      if (!r) return '<td class="muted">—</td>';
      const [ok, all] = passed.get(p) ?? [0, 0];
      if (r.verdict.status !== 'skipped') passed.set(p, [ok + (r.verdict.status === 'passed' ? 1 : 0), all + 1]);
      return entry(r, metric, unit);
    });
    return `<tr><td><a href="#${suiteAnchor(suite)}">${esc(suiteName(suite))}</a></td><td class="muted">${metric}</td>${cells.join('')}</tr>`;
  });
  const foot = `<tr><td>passed</td><td></td>${protocols.map((p) => `<td>${(passed.get(p) ?? [0, 0]).join('/')}</td>`).join('')}</tr>`;
  const caption =
    '<caption>Each entry: verdict and the scenario’s headline number (recovery_ms, or the success rate when no fault recovered); with --repeat, median [95% interval] and runs passed. Compare protocols within a row: scenarios differ in what they measure.</caption>';
  return `<div class="scroll"><table class="run-table">${caption}<thead>${head}</thead><tbody>${rows.join('')}</tbody><tfoot>${foot}</tfoot></table></div>`;
}

/** The navigation list: every scenario with its status and its protocols' marks. */
export function navigation(result: ReadonlyView<RunResult>): string {
  if (result.suites.length < 2) return '';
  const minPassRate = result.info.minPassRate ?? 1;
  const items = result.suites.map((suite) => {
    const status = suiteStatus(suite, minPassRate);
    const marks = repeatedCellsOfSuite(suite, minPassRate)
      .map(
        (r) =>
          `<a class="${r.verdict.status}" href="#${cellAnchor(r.cells[0])}">${MARK[r.verdict.status]} ${esc(r.protocol)}</a>`,
      )
      .join(' ');
    const load = suite.loadErrors.length ? ' <span class="failed">failed to load</span>' : '';
    return `<li><a class="${status}" href="#${suiteAnchor(suite)}">${MARK[status]} ${esc(suiteName(suite))}</a>${load} <span class="cells">${marks}</span></li>`;
  });
  return `<nav class="toc"><h2>Scenarios</h2><ol>${items.join('')}</ol></nav>`;
}
