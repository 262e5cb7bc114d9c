/**
 * Small pure helpers every built-in reporter shares (and a user's reporter may import): status
 * counts, cell labels, slugs, and one spelling of numbers and load issues across all outputs.
 */
import type { ReadonlyView } from '../model/readonly.js';
import { isAbsolute, relative, sep } from 'node:path';
import { repeatedCellsOfSuite } from './repeats.js';
import type { CellResult, CellStatus, RunResult, SuiteResult } from '../model/results.js';
import type { LoadIssue } from '../model/load-issue.js';

/** Cell counts by status, plus the total. */
export type StatusCounts = Record<CellStatus, number> & { total: number };

/** Every cell of the run, suite by suite. */
export function allCells(result: ReadonlyView<RunResult>): readonly ReadonlyView<CellResult>[] {
  return result.suites.flatMap((s) => s.cells);
}

/** Count cells (or anything with a status, e.g. suites) by status. */
export function countStatuses(cells: readonly { status: CellStatus }[]): StatusCounts {
  const c: StatusCounts = { passed: 0, failed: 0, inconclusive: 0, skipped: 0, total: cells.length };
  for (const cell of cells) c[cell.status]++;
  return c;
}

/** True when the plan ran several repeats of this cell (its id carries `#r<n>`). */
export function isRepeated(cell: Pick<CellResult, 'id'>): boolean {
  return /#r\d+$/.test(cell.id);
}

/** `json`, or `json #r2` when repeats were requested. */
export function cellLabel(cell: Pick<CellResult, 'id' | 'protocol' | 'repeat'>): string {
  return isRepeated(cell) ? `${cell.protocol} #r${cell.repeat}` : cell.protocol;
}

/** The suite's display name: the scenario's name, or its file when it failed to load. */
export function suiteName(suite: ReadonlyView<SuiteResult>): string {
  return suite.scenario ?? suite.file;
}

/**
 * A suite's overall status: a load error or a failed cell fails it; all-skipped (or empty) is
 * skipped. With --repeat a cell is judged over its runs (its pass rate against `minPassRate`).
 */
export function suiteStatus(suite: ReadonlyView<SuiteResult>, minPassRate = 1): CellStatus {
  const verdicts = repeatedCellsOfSuite(suite, minPassRate).map((r) => r.verdict.status);
  const has = (s: CellStatus) => verdicts.includes(s);
  if (suite.loadErrors.length > 0 || has('failed')) return 'failed';
  if (has('inconclusive')) return 'inconclusive';
  return has('passed') ? 'passed' : 'skipped';
}

/** A file-system-safe, readable slug: lower case ASCII letters, digits and dashes. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'scenario';
}

/** Directory of a cell's files, relative to the output dir: `cells/<scenario-slug>/<protocol>[-r<n>]`. */
export function cellDir(scenarioSlug: string, cell: Pick<CellResult, 'id' | 'protocol' | 'repeat'>): string {
  return `cells/${scenarioSlug}/${cell.protocol}${isRepeated(cell) ? `-r${cell.repeat}` : ''}`;
}

/** A path as users see it: relative to `cwd` (with `/`) when it lies inside it, else unchanged. */
export function displayPath(file: string, cwd: string | undefined): string {
  if (!cwd || !isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}

/** `file:line:col  path  message — hint`, the one spelling of a load issue everywhere. */
export function formatIssue(issue: LoadIssue, cwd?: string): string {
  const where = `${displayPath(issue.file, cwd)}:${issue.line}:${issue.col}`;
  const path = issue.path ? `  ${issue.path}` : '';
  return `${where}${path}  ${issue.message}${issue.hint ? ` — ${issue.hint}` : ''}`;
}

/** Seconds with one decimal, e.g. `12.3s`. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** A number for text without float noise: 1998.8400000000001 → 1998.84 (6 significant digits); null → `null`. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'null';
  return Number.isInteger(value) || !Number.isFinite(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/** A metric value as a bare number: ms and bytes as integers, ratios with 3 decimals, `—` for null (tables for people use formatMetric). */
export function formatValue(value: number | null | undefined, unit: 'ms' | 'bytes' | 'ratio'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return unit === 'ratio' ? value.toFixed(3) : String(Math.round(value));
}

/** Bytes for people: `900 B`, `39.1 KiB`, `2.35 MiB` (three significant digits); `—` for null. */
export function formatBytes(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Math.abs(value);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) [v, i] = [v / 1024, i + 1];
  const text = i === 0 ? String(Math.round(v)) : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${value < 0 ? '-' : ''}${text} ${units[i]}`;
}

/** A metric value for people: bytes with a binary unit, the rest as `formatValue`. */
export function formatMetric(value: number | null | undefined, unit: 'ms' | 'bytes' | 'ratio'): string {
  return unit === 'bytes' ? formatBytes(value) : formatValue(value, unit);
}

/**
 * A measured number kept to 6 significant digits without ever rounding its integer part
 * (2998.8599999999997 → 2998.86, 0.9958333333 → 0.995833, 7200000.123 → 7200000): more digits than
 * any measurement storm makes is worth, and integers stay exact.
 */
export function roundMeasured(v: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return v;
  const digits = Math.floor(Math.log10(Math.abs(v))) + 1;
  return digits >= 6 ? Math.round(v) : Number(v.toPrecision(6));
}

/** JSON for reports, every non-integer number through roundMeasured. */
export function reportJson(value: unknown): string {
  const round = (_key: string, v: unknown): unknown => (typeof v === 'number' ? roundMeasured(v) : v);
  return `${JSON.stringify(value, round, 2)}\n`;
}
