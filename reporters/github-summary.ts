/**
 * The job summary GitHub Actions shows on a run's page (`$GITHUB_STEP_SUMMARY`, markdown): the
 * counts, one table row per scenario × protocol (a repeated cell once, with its repeated verdict),
 * then every failed assertion with its actual value, and load errors at file:line:col.
 */
import { escapeMarkdownCell as md } from '../src/report/escape.js';
import { countStatuses, formatIssue, formatSeconds, formatValue, suiteName } from '../src/report/format.js';
import { repeatedCellsOfSuite } from '../src/report/repeats.js';
import type { CellStatus, RunResult } from '../src/model/results.js';

const MARK: Record<CellStatus, string> = { passed: '✅', failed: '❌', inconclusive: '⚠️', skipped: '⏭️' };

/** The summary's markdown. */
export function stepSummary(result: RunResult, cwd?: string): string {
  const minPassRate = result.info.minPassRate ?? 1;
  const rows: string[] = [];
  const failures: string[] = [];
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
    '',
  ].join('\n');
}
