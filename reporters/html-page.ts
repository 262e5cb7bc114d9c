/**
 * report.html as one self-contained page: run header and counts, the scenario navigation and the
 * run-wide scenarios × protocols table (html-overview.ts), then per scenario the protocol comparison
 * table, load errors, and per cell its timeline chart (axes shared within the scenario), assertions,
 * fault timeline and harness block.
 * Every piece of user or run text goes through escapeHtml; the CSP forbids scripts and fetches.
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import { breakable, escapeHtml as esc } from '../src/report/escape.js';
import {
  allCells,
  cellLabel,
  countStatuses,
  formatIssue,
  formatNumber,
  formatSeconds,
  suiteStatus,
  type StatusCounts,
} from '../src/report/format.js';
import { comparisonRows, METRIC_COLUMNS } from '../src/report/table.js';
import { scenarioComparison } from '../src/report/comparison.js';
import { repeatedCells } from '../src/report/repeats.js';
import { differencesList, repeatsSection } from './html-repeats.js';
import type { CellResult, RunResult, SuiteResult } from '../src/model/results.js';
import { sharedAxes, timelineChart, type ChartAxes } from './html-chart.js';
import { cellAnchor, navigation, runTable, suiteAnchor } from './html-overview.js';
import { harnessSection } from './html-harness.js';
import { baselineSection } from './html-baseline.js';
import { HTML_STYLE } from './html-style.js';

const MARK = { passed: '✓', failed: '✗', inconclusive: '?', skipped: '○' } as const;
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function counts(label: string, c: StatusCounts): string {
  const parts = (['failed', 'inconclusive', 'skipped', 'passed'] as const)
    .filter((s) => c[s] > 0)
    .map((s) => `<span class="${s}">${c[s]} ${s}</span>`);
  return `<p class="summary"><strong>${label}:</strong> ${parts.join('')}<span>${c.total} total</span></p>`;
}

/** `Repeated cells: 1 failed, 4 passed, 5 total · 1 flaky (min-pass-rate 100%)` — only with --repeat. */
function repeatCounts(result: ReadonlyView<RunResult>): string {
  const repeated = repeatedCells(result).filter((r) => r.cells.length > 1);
  if (repeated.length === 0) return '';
  const flaky = repeated.filter((r) => r.verdict.flaky).length;
  const line = counts('Repeated cells', countStatuses(repeated.map((r) => ({ status: r.verdict.status }))));
  const extra = `${flaky ? `<span class="flaky">${flaky} flaky</span>` : ''}<span class="muted">min-pass-rate ${Math.round((result.info.minPassRate ?? 1) * 100)}%</span>`;
  return line.replace('</p>', `${extra}</p>`);
}

function comparisonTable(suite: ReadonlyView<SuiteResult>): string {
  const head = ['protocol', ...METRIC_COLUMNS.map((c) => c.title), 'verdict']
    .map((h) => `<th>${breakable(h)}</th>`)
    .join('');
  const rows = comparisonRows(suite.cells).map((row) => {
    const values = row.values
      .map((v) => `<td class="${v.mark ?? ''}">${esc(v.text)}${v.mark ? ` ${v.mark === 'pass' ? '✓' : '✗'}` : ''}</td>`)
      .join('');
    return `<tr><td>${esc(row.label)}</td>${values}<td class="${row.status}">${MARK[row.status]} ${row.status}</td></tr>`;
  });
  return `<div class="scroll"><table class="comparison"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function assertionsTable(cell: ReadonlyView<CellResult>): string {
  if (cell.assertions.length === 0) return '';
  const rows = cell.assertions.map((a) => {
    const actual = Object.entries(a.actual)
      .map(([k, v]) => `${k} = ${formatNumber(v)}`)
      .join(', ');
    return `<tr><td class="${a.pass ? 'pass' : 'fail'}">${a.pass ? '✓' : '✗'}</td><td><code>${esc(a.expr)}</code></td><td>${esc(actual)}</td><td>${esc(a.reason)}</td></tr>`;
  });
  return `<table class="assertions wrap"><thead><tr><th></th><th>assertion</th><th>actual</th><th>reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function faultsTable(cell: ReadonlyView<CellResult>): string {
  if (cell.faults.length === 0) return '';
  const rows = cell.faults.map((f) => {
    const cells = [
      `${(f.t / 1000).toFixed(2)}s`,
      f.kind,
      f.victims.join(', '),
      f.pids.join(', '),
      f.signal ?? '',
      f.detail ?? '',
    ];
    return `<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}<td class="${f.verified ? 'pass' : 'fail'}">${f.verified ? 'verified' : 'NOT verified'}</td></tr>`;
  });
  return `<table class="faults wrap"><thead><tr><th>t</th><th>fault</th><th>victims</th><th>pids</th><th>signal</th><th>detail</th><th>effect</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

// Swatches are classes, not inline styles: the page's CSP allows inline <style> only.
const LEGEND =
  '<p class="legend"><span><i class="sw rate"></i>success rate</span><span><i class="sw latency"></i>p95 latency</span>' +
  '<span><i class="sw fault"></i>fault</span><span><i class="sw span"></i>fault in force</span><span><i class="sw detect"></i>detected</span>' +
  '<span><i class="sw restart"></i>restart</span><span><i class="sw heal"></i>healed</span><span><i class="sw recover"></i>recovered ± resolution</span></p>';

function cellSection(cell: ReadonlyView<CellResult>, axes?: ChartAxes): string {
  // A skipped cell drew no seed: showing `seed 0` would invite someone to replay it.
  const seed = cell.status === 'skipped' ? '' : ` · seed ${cell.seed}`;
  const head = `<h3 class="${cell.status}">${MARK[cell.status]} [${esc(cellLabel(cell))}] ${cell.status} <span class="muted">${formatSeconds(cell.durationMs)}${seed}</span></h3>`;
  const warnings = (cell.warnings ?? []).map((w) => `<p class="reason">warning: ${esc(w)}</p>`).join('');
  const reason = (cell.reason ? `<p class="reason">${esc(cell.reason)}</p>` : '') + warnings;
  const open = `<article class="cell" id="${cellAnchor(cell)}" data-cell="${esc(cell.id)}">`;
  if (cell.status === 'skipped') return `${open}${head}${reason}</article>`;
  const chart = timelineChart(
    cell,
    cell.metrics ? 'no tasks recorded' : 'no metrics: the cell did not run to the end',
    cell.metrics ? axes : undefined,
  );
  return `${open}${head}${reason}${chart}${LEGEND}${assertionsTable(cell)}${faultsTable(cell)}${harnessSection(cell.harness, cell.metrics?.false_suspicions)}</article>`;
}

function suiteSection(suite: ReadonlyView<SuiteResult>, minPassRate: number, cwd?: string): string {
  const status = suiteStatus(suite, minPassRate);
  const comparison = scenarioComparison(suite, minPassRate);
  const flaky = comparison?.rows.some((r) => r.verdict.flaky) ? ' <span class="flaky">flaky</span>' : '';
  const anchor = ` id="${suiteAnchor(suite)}"`;
  const title = `<h2 class="${status}">${MARK[status]} ${esc(suite.scenario ?? suite.file)}${flaky}</h2><p class="file">${esc(suite.file)}</p>`;
  if (suite.loadErrors.length > 0) {
    const items = suite.loadErrors.map((i) => `<li>${esc(formatIssue(i, cwd))}</li>`).join('');
    return `<section class="suite load-error"${anchor}>${title}<p class="failed">The file failed to load:</p><ul class="issues">${items}</ul></section>`;
  }
  const spread =
    comparison && comparison.repeats > 1 ? repeatsSection(comparison) : comparison ? differencesList(comparison) : '';
  // One time range and latency scale for every chart of the scenario, so protocols compare by eye.
  const axes = sharedAxes(suite.cells);
  const cells = suite.cells.map((c) => cellSection(c, axes)).join('');
  return `<section class="suite"${anchor}>${title}${spread}${comparisonTable(suite)}${cells}</section>`;
}

/** The whole page; load-issue paths shown relative to `cwd`. */
export function buildHtmlPage(result: ReadonlyView<RunResult>, cwd?: string): string {
  const i = result.info;
  const minPassRate = i.minPassRate ?? 1;
  const partial =
    result.reason === 'completed'
      ? ''
      : `<p class="inconclusive">Run ended early (${result.reason}): the results are partial.</p>`;
  const meta = `started ${i.startedAt} · ${(result.durationMs / 1000).toFixed(1)} s · storm ${i.stormVersion} · node ${i.nodeVersion} · ${i.platform}${i.seed !== null ? ` · seed ${i.seed}` : ''}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>storm report</title>',
    `<style>${HTML_STYLE}</style></head><body>`,
    `<header><h1>storm report</h1><p class="muted">${esc(meta)}</p>${partial}`,
    counts('Cells', countStatuses(allCells(result))),
    counts('Suites', countStatuses(result.suites.map((s) => ({ status: suiteStatus(s, minPassRate) })))),
    repeatCounts(result),
    '</header>',
    navigation(result),
    runTable(result),
    baselineSection(result),
    ...result.suites.map((s) => suiteSection(s, minPassRate, cwd)),
    '</body></html>',
    '',
  ].join('\n');
}
