/**
 * The console's `--baseline` block: each compared metric before → after with its change (positive =
 * worse) against its tolerance, then the cells only one side has, so none is skipped silently.
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import type { ChalkInstance } from 'chalk';
import type { RunResult } from '../src/model/results.js';
import { sanitizeTerminal as clean } from '../src/report/escape.js';
import { baselineRows, change, tolerance, value } from './baseline-rows.js';

/** The block's lines (empty without --baseline), ending with a blank line. */
export function baselineLines(c: ChalkInstance, result: ReadonlyView<RunResult>): string[] {
  const b = result.baseline;
  if (!b) return [];
  const out = [
    c.bold(`Baseline ${clean(b.source)}`) +
      c.dim(` — ${b.regressions} regressed cell${b.regressions === 1 ? '' : 's'}`),
  ];
  const rows = baselineRows(result);
  if (rows.length === 0) out.push(c.dim('  no regression: tolerances in the compared scenarios, nothing compared'));
  for (const r of rows) {
    const mark = r.check.regressed ? c.red('✗') : c.green('✓');
    out.push(
      `  ${mark} ${clean(r.scenario)} [${r.cell}]  ${r.check.metric}  ${value(r.check.before)} → ${value(r.check.after)}  ${change(r.check)} (tolerance ${tolerance(r.check)})`,
    );
  }
  if (b.newCells.length)
    out.push(c.yellow(`  not in the baseline (nothing to compare): ${b.newCells.map(clean).join(', ')}`));
  if (b.missingCells.length)
    out.push(c.yellow(`  in the baseline but not run now: ${b.missingCells.map(clean).join(', ')}`));
  return [...out, ''];
}
