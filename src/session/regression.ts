/**
 * `--baseline`: one cell's metrics against the same cell of a stored run, under the scenario's
 * `regression:` tolerances (SPEC §1). Pure. A tolerance is relative to the baseline's value; which way
 * is worse follows the metric (a longer recovery is worse, a lower success rate is worse).
 * Bucket-based times (recovery_ms, steady_state_ms) are exact only to ± the bucket width, so a change
 * within one `resolution_ms` is never called a regression: that would be timer jitter, not the system.
 */
import { evaluateAssertion } from '../assert/index.js';
import type { AssertionResult, Expr } from '../model/assertions.js';
import type { Metrics } from '../model/metrics.js';
import type { CellResult, RegressionCheck, RegressionResult } from '../model/results.js';
import { metricSource } from '../metrics/lookup.js';
import type { RegressionTolerance } from '../scenario/types.js';

/** Metrics where more is better; every other metric is better when smaller. */
const HIGHER_IS_BETTER = new Set(['success_rate', 'retention', 'throughput', 'accuracy', 'recovered', 'tasks_ok']);
/** Measured on the bucket grid: exact to ± resolution_ms. */
const ON_THE_GRID = new Set(['recovery_ms', 'steady_state_ms']);

function metricNames(e: Expr, out: string[] = []): string[] {
  if (e.kind === 'metric') out.push(e.name);
  else if (e.kind === 'call' || e.kind === 'neg') metricNames(e.arg, out);
  else if (e.kind === 'binary') metricNames(e.left, metricNames(e.right, out));
  return out;
}

/** The value of a `regression:` reference in a cell's metrics (null when it has none). */
function referenceValue(t: RegressionTolerance, metrics: Metrics | null): number | null {
  return metrics ? evaluateAssertion(t.probe, metricSource(metrics)).left : null;
}

const pct = (share: number): string => `${Math.round(share * 1000) / 10}%`;
const num = (v: number): string => String(Math.round(v * 1000) / 1000);

/** One tolerance checked: before (baseline) → after (this run). */
export function checkTolerance(t: RegressionTolerance, before: Metrics | null, after: Metrics | null): RegressionCheck {
  const b = referenceValue(t, before);
  const a = referenceValue(t, after);
  const base = { metric: t.metric, before: b, after: a, tolerance: t.tolerance };
  if (b === null)
    return {
      ...base,
      worse: null,
      regressed: false,
      reason: `${t.metric}: the baseline has no value, nothing to compare`,
    };
  if (a === null)
    return {
      ...base,
      worse: null,
      regressed: true,
      reason: `${t.metric} has no value now (the baseline's was ${num(b)})`,
    };
  const names = metricNames(t.probe.left);
  const higherBetter = names.some((n) => HIGHER_IS_BETTER.has(n));
  const change = higherBetter ? b - a : a - b;
  const slack = names.some((n) => ON_THE_GRID.has(n))
    ? Math.max(before?.resolution_ms ?? 0, after?.resolution_ms ?? 0)
    : 0;
  const allowed = Math.abs(b) * t.tolerance + slack;
  const worse = b === 0 ? (change > 0 ? null : 0) : change / Math.abs(b);
  const regressed = change > allowed + 1e-9;
  const how =
    worse === null ? `${num(a)}, up from 0` : `${pct(Math.abs(worse))} ${worse > 0 ? 'worse' : 'better'} than`;
  const reason =
    worse === null
      ? `${t.metric} ${how} in the baseline (tolerance ${pct(t.tolerance)})`
      : `${t.metric} ${num(a)} is ${how} the baseline's ${num(b)} (tolerance ${pct(t.tolerance)}${slack ? `, ± ${num(slack)} ms resolution` : ''})`;
  return { ...base, worse, regressed, reason };
}

/** Compare a judged cell with its baseline cell (undefined: the baseline has no such cell). */
export function compareWithBaseline(
  after: CellResult,
  before: Pick<CellResult, 'status' | 'metrics'> | undefined,
  tolerances: readonly RegressionTolerance[],
): RegressionResult {
  if (!before) return { baselineStatus: null, checks: [] };
  return {
    baselineStatus: before.status,
    checks: tolerances.map((t) => checkTolerance(t, before.metrics, after.metrics)),
  };
}

/**
 * The cell with its comparison attached: each check becomes an assertion result (so JUnit, GitHub
 * annotations and the console list a regression like any failed assertion), and a regression fails
 * a cell that had passed. An inconclusive cell stays inconclusive: its numbers cannot be judged.
 */
export function applyRegression(cell: CellResult, regression: RegressionResult): CellResult {
  const asAssertions: AssertionResult[] = regression.checks
    .filter((c) => c.before !== null)
    .map((c) => ({
      expr: `${c.metric} within ${pct(c.tolerance)} of the baseline`,
      pass: !c.regressed,
      actual: { [c.metric]: c.after },
      left: c.after,
      right: c.before,
      reason: c.reason,
    }));
  const regressed = regression.checks.filter((c) => c.regressed);
  const out: CellResult = { ...cell, regression, assertions: [...cell.assertions, ...asAssertions] };
  if (regressed.length === 0 || cell.status === 'inconclusive' || cell.status === 'skipped') return out;
  const why = `regression: ${regressed.map((c) => c.reason).join('; ')}`;
  return { ...out, status: 'failed', reason: cell.status === 'failed' && cell.reason ? `${cell.reason}; ${why}` : why };
}
