/**
 * From what a cell run produced to a CellResult: metrics from the history, the harness's own
 * fidelity, assertions against the metrics, and the verdict. Pure.
 */
import { evaluateRules } from '../assert/index.js';
import type { AssertionResult } from '../model/assertions.js';
import { computeMetrics } from '../metrics/compute.js';
import { measureHarness } from '../metrics/harness.js';
import type { HarnessBlock } from '../model/harness.js';
import type { Cell } from '../plan/types.js';
import type { CellResult, CellStatus } from '../model/results.js';
import type { CellRun } from '../run/cell.js';
import { baselineReason, checkBaseline, checkHarness, overloadReason } from './harness-check.js';
import { metricOptionsFor } from './metric-options.js';

/** Judge one cell run. */
export function judgeCell(cell: Cell, run: CellRun): CellResult {
  const { scenario } = cell;
  const hasTasks = run.history.some((e) => e.type === 'task_issued');
  const metrics = hasTasks
    ? computeMetrics(run.history, metricOptionsFor(scenario, run.monitors, run.history))
    : null;
  const ranWorkload = run.history.some((e) => e.type === 'run_end' || e.type === 'task_issued');
  const harness = ranWorkload
    ? checkHarness(measureHarness(run.history), scenario.harness, checkBaseline(metrics, scenario.baseline.minSuccessRate))
    : null;
  // Assertions are evaluated even when the cell will be inconclusive: their numbers stay informative.
  const assertions = run.status === 'completed' ? evaluateRules(scenario.expect, metrics, cell.protocol) : [];
  const { status, reason } = verdict({ run, harness, assertions });
  return {
    id: cell.id,
    file: cell.file,
    scenario: scenario.name,
    protocol: cell.protocol,
    repeat: cell.repeat,
    seed: cell.seed,
    status,
    reason,
    durationMs: run.durationMs,
    metrics,
    harness,
    assertions,
    faults: run.faults,
    history: run.history,
    agents: run.agents,
    ...(run.warnings.length > 0 ? { warnings: run.warnings } : {}),
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
