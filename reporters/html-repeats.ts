/**
 * The HTML of a scenario's repeats: the protocol comparison with `median [lo–hi]` per headline
 * metric, runs passed and the repeated verdict (flaky marked), then per metric the differences
 * larger than the run-to-run spread — or why there are none. Without repeats: one note saying that
 * one run cannot rank protocols.
 */
import { formatSpread, runsText, type ScenarioComparison } from '../src/report/comparison.js';
import { breakable, escapeHtml as esc } from '../src/report/escape.js';
import { METRIC_COLUMNS } from '../src/report/table.js';
import { VERDICT_TEXT } from '../src/stats/compare.js';

const MARK = { passed: '✓', failed: '✗', inconclusive: '?', skipped: '○' } as const;

/** `<span class="flaky">flaky</span>` when the cell's runs disagreed. */
function flakyBadge(flaky: boolean): string {
  return flaky ? ' <span class="flaky">flaky</span>' : '';
}

/** The repeats table and the differences list of one scenario. */
export function repeatsSection(c: ScenarioComparison): string {
  const head = ['protocol', ...METRIC_COLUMNS.map((col) => col.title), 'runs', 'verdict']
    .map((h) => `<th>${breakable(h)}</th>`)
    .join('');
  const rows = c.rows.map((row) => {
    const values = row.spreads.map((s, i) => `<td>${esc(formatSpread(s, METRIC_COLUMNS[i].unit))}</td>`).join('');
    const v = row.verdict;
    const verdict = `<td class="${v.status}" title="${esc(v.reason)}">${MARK[v.status]} ${v.status}${flakyBadge(v.flaky)}</td>`;
    return `<tr${v.flaky ? ' class="flaky-row"' : ''}><td>${esc(row.protocol)}</td>${values}<td>${esc(runsText(row))}</td>${verdict}</tr>`;
  });
  const caption = `<caption>${c.repeats} runs per protocol: median [95% interval of the median] over the judged runs; “+k null” counts runs without a value</caption>`;
  const table = `<div class="scroll"><table class="repeats">${caption}<thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  const reasons = c.rows
    .filter((r) => r.verdict.flaky || r.verdict.status !== 'passed')
    .map((r) => `<li class="${r.verdict.status}">${esc(r.protocol)}: ${esc(r.verdict.reason)}</li>`)
    .join('');
  return `${table}${reasons ? `<ul class="verdicts">${reasons}</ul>` : ''}${differencesList(c)}`;
}

/** Per metric: the measurable differences, or "no measurable difference" (or why it cannot be judged). */
export function differencesList(c: ScenarioComparison): string {
  if (c.rows.length < 2) return '';
  if (c.repeats <= 1) return `<p class="note">${esc(VERDICT_TEXT['single-run'])}</p>`;
  const items = c.columns.map((col) => {
    const cls = col.comparison.verdict === 'measurable' ? 'measurable' : 'none';
    return `<li class="${cls}"><strong>${esc(col.column.title)}</strong>: ${esc(col.text)}</li>`;
  });
  return `<p class="note">Differences larger than the run-to-run spread (non-overlapping 95% intervals of the median):</p><ul class="differences">${items.join('')}</ul>`;
}
