/** Print a LoadIssue the way compilers do: `file:line:col  yaml.path  message — hint`. */
import { isAbsolute, relative } from 'node:path';
import type { LoadIssue } from '../model/load-issue.js';
import { printable } from '../util/printable.js';

/** `file` relative to `cwd` when it lies below it, else as given. */
export function displayPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** One line per issue; line 0 means the issue concerns the path itself (missing file). */
export function formatIssue(issue: LoadIssue, cwd: string): string {
  const file = printable(displayPath(issue.file, cwd));
  const where = issue.line > 0 ? `${file}:${issue.line}:${issue.col}` : file;
  const parts = [where];
  if (issue.path) parts.push(issue.path);
  parts.push(issue.hint ? `${issue.message} — ${issue.hint}` : issue.message);
  return parts.join('  ');
}
