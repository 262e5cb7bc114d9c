/**
 * From what a cell run produced to a CellResult: metrics from the history, assertions against the
 * metrics, and the verdict. Pure.
 */
import { evaluateRules } from '../assert/index.js';
import { computeMetrics } from '../metrics/compute.js';
import type { Cell } from '../plan/types.js';
import type { CellResult } from '../report/types.js';
import type { CellRun } from '../run/cell.js';
import { metricOptionsFor } from './metric-options.js';

/** Judge one cell run. */
export function judgeCell(cell: Cell, run: CellRun): CellResult {
  const { scenario } = cell;
  const hasTasks = run.history.some((e) => e.type === 'task_issued');
  const metrics = hasTasks
    ? computeMetrics(run.history, metricOptionsFor(scenario, run.monitors))
    : null;
  const assertions = run.status === 'completed' ? evaluateRules(scenario.expect, metrics, cell.protocol) : [];
  const failed = assertions.filter((a) => !a.pass);
  const status = run.status === 'inconclusive' ? 'inconclusive' : failed.length > 0 ? 'failed' : 'passed';
  return {
    id: cell.id,
    file: cell.file,
    scenario: scenario.name,
    protocol: cell.protocol,
    repeat: cell.repeat,
    seed: cell.seed,
    status,
    reason: run.reason ?? (failed.length ? failed.map((a) => a.reason).join('; ') : undefined),
    durationMs: run.durationMs,
    metrics,
    assertions,
    faults: run.faults,
    history: run.history,
    agents: run.agents,
  };
}
