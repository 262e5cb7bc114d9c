/** `storm validate [paths…]`: parse + schema + semantic checks only; every problem of every file, no stack traces. */
import { formatIssue, loadScenarios } from '../../scenario/index.js';
import { EXIT } from '../../model/exit-codes.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Run `storm validate`; resolves with 0 when every file is valid, 2 otherwise. */
export async function runValidateCommand(
  paths: string[],
  cwd = process.cwd(),
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const results = await loadScenarios(paths, cwd);
  if (results.length === 0) {
    out.write(`no scenario files (*.storm.yaml, *.storm.yml) found under ${paths.length ? paths.join(', ') : '.'}\n`);
    return EXIT.usage;
  }
  const lines: string[] = [];
  for (const r of results) for (const issue of r.issues) lines.push(formatIssue(issue, cwd));
  const invalid = results.filter((r) => r.scenario === null).length;
  const problems = results.reduce((n, r) => n + r.issues.length, 0);
  if (lines.length) lines.push('');
  lines.push(
    invalid === 0
      ? `${plural(results.length, 'file')} valid`
      : `${invalid} of ${plural(results.length, 'file')} invalid, ${plural(problems, 'problem')}`,
  );
  out.write(`${lines.join('\n')}\n`);
  return invalid === 0 ? EXIT.ok : EXIT.usage;
}
