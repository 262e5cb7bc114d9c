/**
 * The HTML `--baseline` block: before → after per cell and `regression:` metric, and the cells only
 * one side has. A small self-contained section, so the page around it can change freely.
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import type { RunResult } from '../src/model/results.js';
import { escapeHtml as esc } from '../src/report/escape.js';
import { baselineRows, change, tolerance, value } from './baseline-rows.js';

/** The section, or '' without --baseline. */
export function baselineSection(result: ReadonlyView<RunResult>): string {
  const b = result.baseline;
  if (!b) return '';
  const rows = baselineRows(result)
    .map(({ cell, scenario, check: k }) => {
      const status = k.regressed ? 'failed' : 'passed';
      return `<tr class="${status}"><td>${esc(scenario)} [${esc(cell)}]</td><td>${esc(k.metric)}</td><td>${value(k.before)}</td><td>${value(k.after)}</td><td>${esc(change(k))}</td><td>${tolerance(k)}</td><td class="${status}">${k.regressed ? '✗ regressed' : '✓'}</td></tr>`;
    })
    .join('');
  const table = rows
    ? `<table class="baseline"><thead><tr><th>cell</th><th>metric</th><th>before</th><th>after</th><th>change</th><th>tolerance</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="muted">No cell was compared: no regression: tolerances in the scenarios, or no matching baseline cell.</p>';
  const list = (title: string, ids: readonly string[]) =>
    ids.length ? `<p class="inconclusive">${title}: ${ids.map(esc).join(', ')}</p>` : '';
  return `<section class="baseline"><h2>Baseline <span class="muted">${esc(b.source)} · ${b.regressions} regressed</span></h2>${table}${list('Not in the baseline (nothing to compare)', b.newCells)}${list('In the baseline but not run now', b.missingCells)}</section>`;
}
