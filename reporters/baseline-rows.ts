/**
 * The rows both the console and the HTML show for `--baseline`: per cell and `regression:` metric,
 * before → after, the change and the verdict. Shared so the two reports never disagree.
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import type { RegressionCheck, RunResult } from '../src/model/results.js';
import { allCells, cellLabel } from '../src/report/format.js';

export interface BaselineRow {
  cell: string;
  scenario: string;
  check: RegressionCheck;
}

/** Every check of every compared cell, in report order. */
export function baselineRows(result: ReadonlyView<RunResult>): BaselineRow[] {
  return allCells(result).flatMap((c) =>
    (c.regression?.checks ?? []).map((check) => ({ cell: cellLabel(c), scenario: c.scenario, check })),
  );
}

/** `1700`, `0.95`, `—` for null. */
export function value(v: number | null): string {
  return v === null ? '—' : String(Math.round(v * 1000) / 1000);
}

/** `+41%` worse, `-12%` better, `—` when it cannot be said. */
export function change(c: RegressionCheck): string {
  if (c.worse === null) return c.before === null ? '—' : c.after === null ? 'no value now' : 'up from 0';
  const p = Math.round(c.worse * 1000) / 10;
  return `${p > 0 ? '+' : ''}${p}%`;
}

/** `20%` */
export function tolerance(c: RegressionCheck): string {
  return `${Math.round(c.tolerance * 1000) / 10}%`;
}
