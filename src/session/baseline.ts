/**
 * `storm test --baseline <results.json|dir>`: the stored run every cell is compared with. The baseline's
 * metrics are recomputed from its histories with the current scenario's definitions, so both sides of
 * a comparison are measured the same way; cells that only one side has are listed, never skipped silently.
 */
import { resolve } from 'node:path';
import { computeMetrics } from '../metrics/compute.js';
import type { BlobCell } from '../model/blob.js';
import type { BaselineSummary, CellResult } from '../model/results.js';
import { peersByTopology } from '../run/topology.js';
import type { Scenario } from '../scenario/types.js';
import { metricOptionsFor } from './metric-options.js';
import { applyRegression, compareWithBaseline } from './regression.js';
import { readStoredRun } from './stored-run.js';

/** A stored run, by cell id, ready to be compared with. */
export class Baseline {
  private constructor(
    /** As given on the command line, for the reports. */
    readonly source: string,
    private readonly cells: Map<string, BlobCell>,
  ) {}

  /** Read the stored run at `path` (a results.json, an output directory, or blobs); throws a located StormError. */
  static load(path: string, cwd: string): Baseline {
    const stored = readStoredRun(resolve(cwd, path));
    const cells = stored.suites.flatMap((s) => s.cells).filter((c) => c.status !== 'skipped');
    return new Baseline(path, new Map(cells.map((c) => [c.id, c])));
  }

  /** The judged cell with its comparison (and a failed verdict when it regressed beyond `regression:`). */
  apply(result: CellResult, scenario: Scenario): CellResult {
    if (result.status === 'skipped') return result;
    const stored = this.cells.get(result.id);
    const before = stored && {
      status: stored.status,
      metrics: stored.history.some((e) => e.type === 'task_issued')
        ? computeMetrics(
            stored.history,
            metricOptionsFor(scenario, peersByTopology(scenario.agents, scenario.topology), stored.history),
          )
        : null,
    };
    return applyRegression(result, compareWithBaseline(result, before, scenario.regression ?? []));
  }

  /** What only one side has: cells that ran now without a baseline, baseline cells outside this run's plan. */
  summary(results: readonly CellResult[], planned: readonly string[]): BaselineSummary {
    const ran = results.filter((c) => c.status !== 'skipped');
    const plan = new Set(planned);
    return {
      source: this.source,
      newCells: ran.filter((c) => !this.cells.has(c.id)).map((c) => c.id),
      missingCells: [...this.cells.keys()].filter((id) => !plan.has(id)),
      regressions: ran.filter((c) => c.regression?.checks.some((k) => k.regressed)).length,
    };
  }
}
