/**
 * From what a cell run produced to a CellResult: metrics from the history, the harness's own
 * fidelity, assertions against the metrics, and the verdict. Pure.
 */
import { evaluateRules } from '../assert/index.js';
import type { AssertionResult, ExpectRule } from '../model/assertions.js';
import { computeMetrics, type MetricOptions } from '../metrics/compute.js';
import { measureHarness } from '../metrics/harness.js';
import type { HarnessBlock, HarnessBounds } from '../model/harness.js';
import type { Scenario } from '../scenario/types.js';
import type { HistoryEvent } from '../model/history.js';
import type { Cell } from '../plan/types.js';
import type { CellResult, CellStatus } from '../model/results.js';
import type { CellRun } from '../run/cell.js';
import { baselineReason, checkBaseline, checkHarness, overloadReason } from './harness-check.js';
import { metricOptionsFor } from './metric-options.js';

/**
 * Everything a verdict depends on besides the history: the scenario's `expect` rules, how to measure
 * (metric options, with the run's topology) and when not to judge (harness bounds, baseline health).
 * Plain data, so a blob can store it and merge-reports re-judge exactly as the run did.
 */
export interface JudgeInputs {
  expect: ExpectRule[];
  metricOptions: MetricOptions;
  harness: HarnessBounds;
  minSuccessRate: number;
}

/**
 * The judging inputs of a cell of `scenario`; `monitors` = who watches whom under the topology, and the
 * history, which says whether users' agents' bytes were metered (metric-options.ts).
 */
export function judgeInputsFor(
  scenario: Scenario,
  monitors: Record<string, string[]>,
  history: readonly HistoryEvent[] = [],
): JudgeInputs {
  return {
    expect: scenario.expect,
    metricOptions: metricOptionsFor(scenario, monitors, history),
    harness: scenario.harness,
    minSuccessRate: scenario.baseline.minSuccessRate,
  };
}

/** A cell's identity in the reports (everything of CellResult that is not measured or judged). */
export type CellIdentity = Pick<CellResult, 'id' | 'file' | 'scenario' | 'protocol' | 'repeat' | 'seed'>;

/** Judge one cell run. */
export function judgeCell(cell: Cell, run: CellRun): CellResult {
  const identity = {
    id: cell.id,
    file: cell.file,
    scenario: cell.scenario.name,
    protocol: cell.protocol,
    repeat: cell.repeat,
    seed: cell.seed,
  };
  return judgeRun(identity, run, judgeInputsFor(cell.scenario, run.monitors, run.history));
}

/**
 * Judge a run, live or stored: metrics recomputed from the history, the harness's own fidelity,
 * assertions against the metrics, and the verdict.
 */
export function judgeRun(
  id: CellIdentity,
  run: Omit<CellRun, 'monitors' | 'warnings'> & { warnings?: string[] },
  inputs: JudgeInputs,
): CellResult {
  const hasTasks = run.history.some((e) => e.type === 'task_issued');
  const metrics = hasTasks ? computeMetrics(run.history, inputs.metricOptions) : null;
  const ranWorkload = run.history.some((e) => e.type === 'run_end' || e.type === 'task_issued');
  const harness = ranWorkload
    ? checkHarness(measureHarness(run.history), inputs.harness, checkBaseline(metrics, inputs.minSuccessRate))
    : null;
  // Assertions are evaluated even when the cell will be inconclusive: their numbers stay informative.
  const assertions = run.status === 'completed' ? evaluateRules(inputs.expect, metrics, id.protocol) : [];
  const { status, reason } = verdict({ run, harness, assertions });
  return {
    ...id,
    status,
    reason,
    durationMs: run.durationMs,
    metrics,
    harness,
    assertions,
    faults: run.faults,
    history: run.history,
    agents: run.agents,
    ...(run.warnings?.length ? { warnings: run.warnings } : {}),
    judging: { run: { status: run.status, ...(run.reason !== undefined ? { reason: run.reason } : {}) }, inputs },
  };
}

/**
 * The verdict, most fundamental doubt first: a harness that fell behind distorted every number, so
 * it outranks everything (a passed or failed assertion under overload is neither); then a run that
 * could not be carried out (agents not ready, a fault not verified); then a system that did not work
 * before the fault; only then the assertions. Every reason that applies is listed, one per line.
 */
export function verdict(input: {
  run: Pick<CellRun, 'status' | 'reason'>;
  harness: HarnessBlock | null;
  assertions: readonly AssertionResult[];
}): { status: Exclude<CellStatus, 'skipped'>; reason?: string } {
  const { run, harness, assertions } = input;
  const doubts = [
    overloadReason(harness),
    run.status === 'inconclusive' ? (run.reason ?? 'inconclusive') : null,
    baselineReason(harness?.baseline ?? null),
  ].filter((r): r is string => r !== null);
  if (doubts.length > 0) return { status: 'inconclusive', reason: doubts.join('\n') };
  const failed = assertions.filter((a) => !a.pass);
  if (failed.length > 0) return { status: 'failed', reason: failed.map((a) => a.reason).join('; ') };
  return { status: 'passed' };
}
