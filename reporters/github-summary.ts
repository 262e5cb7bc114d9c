/**
 * The job summary GitHub Actions shows on a run's page (`$GITHUB_STEP_SUMMARY`, markdown): the
 * counts, one table row per scenario × protocol (a repeated cell once, with its repeated verdict),
 * then every failed assertion with its actual value, load errors at file:line:col, and each cell's
 * warnings (results.json `warnings[]`: what went wrong without changing the verdict), bounded so a
 * cell with thousands of rejected events cannot fill the page (GitHub caps a step's summary at 1 MiB).
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import { escapeMarkdownCell as md } from '../src/report/escape.js';
import { countStatuses, formatIssue, formatSeconds, formatValue, suiteName } from '../src/report/format.js';
import { repeatedCellsOfSuite } from '../src/report/repeats.js';
import type { CellStatus, RunResult } from '../src/model/results.js';

const MARK: Record<CellStatus, string> = { passed: '✅', failed: '❌', inconclusive: '⚠️', skipped: '⏭️' };

/** Warnings shown per cell, characters per warning, and warning lines in the whole summary. */
export const WARNINGS_PER_CELL = 5;
const WARNING_CHARS = 300;
const WARNING_LINES = 100;

/** A warning cut to WARNING_CHARS characters (before escaping, so an entity is never cut in half). */
function shortWarning(text: string): string {
  const chars = [...text];
  return chars.length > WARNING_CHARS ? `${chars.slice(0, WARNING_CHARS - 1).join('')}…` : text;
}

/** The summary's markdown. */
export function stepSummary(result: ReadonlyView<RunResult>, cwd?: string): string {
  const minPassRate = result.info.minPassRate ?? 1;
  const rows: string[] = [];
  const failures: string[] = [];
  const warnings: string[] = [];
  let warningsLeftOut = 0;
  const verdicts: { status: CellStatus }[] = [];
  for (const suite of result.suites) {
    for (const issue of suite.loadErrors) failures.push(`- ❌ load error: ${md(formatIssue(issue, cwd))}`);
    for (const r of repeatedCellsOfSuite(suite, minPassRate)) {
      const v = r.verdict;
      verdicts.push({ status: v.status });
      const last = r.cells[r.cells.length - 1];
      const m = r.cells.length === 1 ? last.metrics : null;
      const time = formatSeconds(r.cells.reduce((sum, c) => sum + c.durationMs, 0));
      const runs =
        r.cells.length > 1
          ? ` (${r.cells.filter((c) => c.status === 'passed').length}/${r.cells.length} runs${v.flaky ? ', flaky' : ''})`
          : '';
      const why = v.status === 'passed' ? '' : md(r.cells.length > 1 ? v.reason : (last.reason ?? ''));
      rows.push(
        `| ${MARK[v.status]} ${v.status}${runs} | ${md(suiteName(suite))} | ${r.protocol} | ${time} | ${formatValue(m?.detect_ms, 'ms')} | ${formatValue(m?.recovery_ms, 'ms')} | ${why} |`,
      );
      for (const cell of r.cells) {
        for (const a of cell.assertions.filter((x) => !x.pass)) {
          const run = r.cells.length > 1 ? ` #r${cell.repeat}` : '';
          failures.push(
            `- ❌ ${md(suiteName(suite))} [${cell.protocol}${run}]: \`${a.expr.replace(/`/g, "'")}\` — ${md(a.reason)}`,
          );
        }
        const mine = cell.warnings ?? [];
        if (mine.length === 0) continue;
        if (warnings.length >= WARNING_LINES) {
          warningsLeftOut += mine.length;
          continue;
        }
        const run = r.cells.length > 1 ? ` #r${cell.repeat}` : '';
        const shown = mine.slice(0, WARNINGS_PER_CELL);
        const more = mine.length - shown.length;
        warnings.push(
          `- ⚠️ ${md(suiteName(suite))} [${cell.protocol}${run}]: ${mine.length} warning${mine.length === 1 ? '' : 's'}`,
          ...shown.map((w) => `  - ${md(shortWarning(w))}`),
          ...(more > 0 ? [`  - … ${more} more in results.json`] : []),
        );
      }
    }
  }
  const c = countStatuses(verdicts);
  const counts = (['failed', 'inconclusive', 'skipped', 'passed'] as const)
    .filter((s) => c[s] > 0)
    .map((s) => `${c[s]} ${s}`);
  const partial =
    result.reason === 'completed' ? '' : `\n> Run ended early (${result.reason}): the results are partial.\n`;
  return [
    `### storm: ${[...counts, `${c.total} total`].join(', ')}${result.suites.some((s) => s.loadErrors.length) ? `, ${result.suites.filter((s) => s.loadErrors.length).length} file(s) failed to load` : ''}`,
    partial,
    '| verdict | scenario | protocol | time | detect_ms | recovery_ms | why |',
    '|---|---|---|--:|--:|--:|---|',
    ...rows,
    ...(failures.length ? ['', '**Failed assertions and load errors**', '', ...failures] : []),
    ...(warnings.length
      ? [
          '',
          '**Warnings** (did not change the verdict)',
          '',
          ...warnings,
          ...(warningsLeftOut ? [`- … ${warningsLeftOut} more warnings of other cells in results.json`] : []),
        ]
      : []),
    '',
  ].join('\n');
}
