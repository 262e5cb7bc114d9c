/**
 * The GitHub reporter (SPEC §6): workflow commands that annotate the scenario file in a pull
 * request — `::error file=…,line=…,title=<scenario> [protocol]::<reason>` for each failed or
 * inconclusive cell (with --repeat: per repeated cell, and a warning for a flaky cell that passed),
 * and one per load error at its line and column; a cell's warnings (events a user's agent posted that
 * were rejected, bytes that could not be metered) become one `::warning`. Written to stdout on onRunEnd
 * (also after a bail or Ctrl-C), where GitHub Actions picks them up. When `$GITHUB_STEP_SUMMARY`
 * names a file, a markdown summary is appended to it (github-summary.ts): appended, not replaced,
 * because earlier steps of the job write to the same file.
 */
import { appendFile } from 'node:fs/promises';
import { escapeGithubData, escapeGithubProperty, sanitizeTerminal } from '../src/report/escape.js';
import { cellLabel, displayPath, suiteName } from '../src/report/format.js';
import { repeatedCellsOfSuite, type RepeatedCell } from '../src/report/repeats.js';
import type { CellResult, RunResult, SuiteResult } from '../src/model/results.js';
import type { ReadonlyView, Reporter, ReporterOptions } from '../src/report/types.js';
import { stepSummary } from './github-summary.js';

/** One workflow command line. */
export function workflowCommand(
  kind: 'error' | 'warning' | 'notice',
  props: Record<string, string | number>,
  message: string,
): string {
  const p = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`)
    .join(',');
  // Escape first (\r and \n become %0D/%0A), then drop any other control character.
  return sanitizeTerminal(`::${kind}${p ? ` ${p}` : ''}::${escapeGithubData(message)}`);
}

function cellMessage(cell: ReadonlyView<CellResult>): string {
  if (cell.status === 'inconclusive') return `inconclusive: ${cell.reason ?? 'no reason recorded'}`;
  const failed = cell.assertions.filter((a) => !a.pass).map((a) => `${a.expr}: ${a.reason}`);
  return failed.length ? failed.join('\n') : (cell.reason ?? 'failed');
}

/** Every annotation of the run, in report order; files relative to `cwd` as GitHub expects. */
export function annotations(result: ReadonlyView<RunResult>, cwd?: string): string[] {
  const out: string[] = [];
  const suiteLines = (suite: ReadonlyView<SuiteResult>) => {
    // a warning never changes a verdict, but a broken events reporter must not pass unseen in a PR
    for (const cell of suite.cells) {
      if (!cell.warnings?.length) continue;
      const props = {
        file: displayPath(cell.file, cwd),
        line: suite.line,
        title: `${suiteName(suite)} [${cellLabel(cell)}] warnings`,
      };
      out.push(workflowCommand('warning', props, cell.warnings.join('\n')));
    }
    for (const issue of suite.loadErrors) {
      const title = issue.path ? `${issue.path}` : 'invalid scenario';
      out.push(
        workflowCommand(
          'error',
          { file: displayPath(issue.file, cwd), line: issue.line, col: issue.col, title },
          `${issue.message}${issue.hint ? ` — ${issue.hint}` : ''}`,
        ),
      );
    }
    for (const r of repeatedCellsOfSuite(suite, result.info.minPassRate ?? 1)) {
      if (r.cells.length > 1) {
        out.push(...repeatedAnnotation(suite, r, cwd));
        continue;
      }
      const cell = r.cells[0];
      if (cell.status !== 'failed' && cell.status !== 'inconclusive') continue;
      const title = `${suiteName(suite)} [${cellLabel(cell)}]`;
      const file = displayPath(cell.file, cwd);
      const failed = cell.assertions.filter((a) => !a.pass);
      // A failed assertion is annotated at its own `expect` line when the result knows it.
      if (cell.status === 'failed' && failed.length > 0 && failed.every((a) => a.line !== undefined)) {
        for (const a of failed)
          out.push(workflowCommand('error', { file, line: a.line!, title }, `${a.expr}: ${a.reason}`));
      } else {
        out.push(workflowCommand('error', { file, line: suite.line, title }, cellMessage(cell)));
      }
    }
  };
  result.suites.forEach(suiteLines);
  return out;
}

/**
 * A repeated cell is annotated once: an error when its repeated verdict failed or is inconclusive,
 * a warning when it passed but was flaky (so a flaky cell is never silent), nothing otherwise.
 */
function repeatedAnnotation(suite: ReadonlyView<SuiteResult>, r: RepeatedCell, cwd?: string): string[] {
  const v = r.verdict;
  if (v.status === 'passed' && !v.flaky) return [];
  if (v.status === 'skipped') return [];
  const kind = v.status === 'passed' ? 'warning' : 'error';
  const title = `${suiteName(suite)} [${r.protocol}]${v.flaky ? ' flaky' : ''}`;
  const runs = r.cells
    .filter((c) => c.status === 'failed' || c.status === 'inconclusive')
    .map((c) => `#r${c.repeat} (seed ${c.seed}): ${cellMessage(c)}`);
  return [
    workflowCommand(kind, { file: displayPath(r.file, cwd), line: suite.line, title }, [v.reason, ...runs].join('\n')),
  ];
}

/** Prints GitHub Actions annotations. */
export class GithubReporter implements Reporter {
  private readonly out: NodeJS.WritableStream;
  private readonly cwd: string;

  constructor(opts: ReporterOptions) {
    this.out = opts.stdout ?? process.stdout;
    this.cwd = opts.cwd;
  }

  /** Print every annotation at the end of the run, and append the job summary when GitHub asks for one. */
  async onRunEnd(result: ReadonlyView<RunResult>): Promise<void> {
    const lines = annotations(result, this.cwd);
    if (lines.length) this.out.write(`${lines.join('\n')}\n`);
    const summary = process.env.GITHUB_STEP_SUMMARY;
    if (summary) await appendFile(summary, stepSummary(result, this.cwd));
  }
}
