/**
 * One `storm test` session, the pipeline end to end:
 * discover → load → plan → run each cell → metrics → assertions → reporters.
 * Cells run one at a time by default (parallel cells share 2 cores and distort timings; `--workers
 * auto` adds cells only while the machine has measured headroom, gates.ts); a SIGINT
 * stops the running cells, tears their agents down and still writes every report (exit 130).
 */
import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { planCells } from '../plan/plan.js';
import type { Cell, PlanOptions } from '../plan/types.js';
import { ReporterDispatcher } from '../report/dispatcher.js';
import { createReporters } from '../report/registry.js';
import { repeatKey } from '../report/repeats.js';
import type { CellInfo, CellResult, EndReason, RunInfo, SuiteResult } from '../model/results.js';
import { cellWorkspaceRoot, runCell } from '../run/cell.js';
import { Reaper } from '../run/reaper.js';
import { spawner } from '../run/spawner.js';
import { loadScenarios } from '../scenario/index.js';
import { canStillPass, tally, type RunStatus } from '../stats/pass-rate.js';
import { STORM_VERSION } from '../version.js';
import { emptySelection } from './empty-selection.js';
import { exitCodeFor } from './exit-code.js';
import { AutoGate, FixedGate, runCells, type Gate } from './gates.js';
import { judgeCell } from './judge.js';
import { writePlanList } from './list-plan.js';
import { Baseline } from './baseline.js';
import { MachineLoad } from './machine-load.js';

export interface SessionOptions extends PlanOptions {
  paths: string[];
  cwd: string;
  bail?: number;
  /** Cells in parallel: a fixed count, or `auto` (only while measured headroom allows; auto-workers.ts). */
  workers: number | 'auto';
  /** A repeated cell passes when at least this share of its runs passed (default 1). */
  minPassRate?: number;
  reporters: string[];
  outputDir: string;
  argv: string[];
  /** Print the planned cells and stop. */
  list?: boolean;
  /** `--baseline`: a stored run to compare every cell with (src/session/baseline.ts). */
  baseline?: string;
  stdout?: NodeJS.WritableStream;
}

/** Run a session; resolves with the exit code. */
export async function runSession(opts: SessionOptions): Promise<number> {
  const started = Date.now();
  const outputDir = resolve(opts.cwd, opts.outputDir);
  const loaded = await loadScenarios(opts.paths, opts.cwd);
  const valid = loaded
    .filter((l) => l.scenario)
    .map((l) => ({ file: relative(opts.cwd, l.file), scenario: l.scenario! }));
  const empty = emptySelection(valid, opts);
  if (empty) throw empty;
  const plan = planCells(valid, opts);
  // Every cell of the whole plan, also with --shard: merge-reports restores its order, --baseline its extent.
  const wholePlan = opts.shard
    ? planCells(valid, { ...opts, shard: undefined }).cells.map((c) => c.id)
    : plan.cells.map((c) => c.id);
  const out = opts.stdout ?? process.stdout;

  if (opts.list) {
    writePlanList(out, plan, opts.shard);
    return loaded.some((l) => l.issues.length && !l.scenario) ? 2 : 0;
  }

  const suites: SuiteResult[] = loaded.map((l) => ({
    file: relative(opts.cwd, l.file),
    scenario: l.scenario?.name ?? null,
    line: l.scenario?.loc.line ?? 1,
    loadErrors: l.scenario ? [] : l.issues,
    cells: [],
  }));
  const suiteOf = (file: string): SuiteResult => suites.find((s) => s.file === file)!;
  // A skipped cell records the seed it would have run with, not a made-up 0.
  const seedOf = (file: string): number => opts.seed ?? valid.find((v) => v.file === file)?.scenario.seed ?? 0;
  for (const s of plan.skipped)
    suiteOf(s.file).cells.push({
      ...skippedResult(s.id, s.file, s.scenarioName, s.protocol, s.reason),
      seed: seedOf(s.file),
    });

  const minPassRate = opts.minPassRate ?? 1;
  const load = opts.workers === 'auto' ? new MachineLoad() : undefined;
  const gate: Gate = load
    ? new AutoGate(
        () => load.sample(),
        () => performance.now(),
        availableParallelism(),
      )
    : new FixedGate(Math.max(1, opts.workers as number));
  const info: RunInfo = {
    startedAt: new Date(started).toISOString(),
    seed: opts.seed ?? null,
    stormVersion: STORM_VERSION,
    nodeVersion: process.version,
    platform: `${process.platform}-${process.arch}`,
    argv: opts.argv,
    outputDir,
    workers: gate.ceiling,
    workersAuto: opts.workers === 'auto',
    repeat: Math.max(1, opts.repeat ?? 1),
    minPassRate,
    // The whole plan's order travels with a shard's reports, so merge-reports can rebuild one run.
    ...(opts.shard ? { shard: { ...opts.shard, plan: wholePlan } } : {}),
  };
  const baseline = opts.baseline ? Baseline.load(opts.baseline, opts.cwd) : undefined;
  const reporters = new ReporterDispatcher(
    await createReporters(opts.reporters, { outputDir, cwd: opts.cwd, stdout: out }),
  );
  const abort = new AbortController();
  let reason: EndReason = 'completed';
  let interrupts = 0;
  const onSignal = (): void => {
    // A second Ctrl-C does not wait for teardown and reports: exit now. The reaper sees the runner's
    // channel close and SIGKILLs every agent process group and every process tagged with the run.
    if (++interrupts > 1) process.exit(130);
    reason = 'interrupted';
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // The spawner's worker boots while the reaper does: neither waits for the other.
  spawner.prepare();
  const reaper = await Reaper.start();
  try {
    await reporters.onRunStart(info, plan.cells.map(cellInfo));
    let failures = 0;
    // Runs so far of each repeated cell, so --bail counts a cell once it can no longer pass.
    const runsOf = new Map<string, RunStatus[]>();
    const runOne = async (cell: Cell): Promise<CellResult> => {
      const ci = cellInfo(cell);
      await reporters.onCellStart(ci);
      const run = await runCell(cell, {
        reaper,
        workspaceRoot: cellWorkspaceRoot(outputDir, cell),
        signal: abort.signal,
        onPhase: (phase, detail) => {
          gate.phase(cell, phase);
          void reporters.onCellPhase(ci, phase, detail);
        },
        onFault: (entry) => void reporters.onFault(ci, entry),
        onWorkload: (state) => void reporters.onWorkloadPhase(ci, state),
      });
      const judged = judgeCell(cell, run);
      const result = baseline ? baseline.apply(judged, cell.scenario) : judged;
      await reporters.onCellEnd(result);
      suiteOf(cell.file).cells.push(result);
      const before = runsOf.get(repeatKey(result)) ?? [];
      runsOf.set(repeatKey(result), [...before, result.status]);
      const planned = Math.max(1, opts.repeat ?? 1);
      if (
        canStillPass(tally(before), planned, minPassRate) &&
        !canStillPass(tally([...before, result.status]), planned, minPassRate)
      )
        failures++;
      if (opts.bail !== undefined && failures >= opts.bail && !abort.signal.aborted) {
        reason = 'bail';
        abort.abort();
      }
      return result;
    };
    await runCells(plan.cells, gate, abort.signal, runOne);
  } finally {
    load?.close();
    reaper.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  // Cells a bail or an interrupt kept from starting are reported as skipped, with why.
  const ran = new Set(suites.flatMap((s) => s.cells.map((c) => c.id)));
  for (const cell of plan.cells.filter((c) => !ran.has(c.id))) {
    const why = (reason as EndReason) === 'bail' ? 'not run: stopped by --bail' : 'not run: interrupted';
    suiteOf(cell.file).cells.push({
      ...skippedResult(cell.id, cell.file, cell.scenario.name, cell.protocol, why),
      repeat: cell.repeat,
      seed: cell.seed,
    });
  }
  const order = new Map(plan.cells.map((c, i) => [c.id, i]));
  for (const s of suites) s.cells.sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  const exitCode = exitCodeFor(suites, reason, minPassRate);
  const compared = baseline
    ? {
        baseline: baseline.summary(
          suites.flatMap((s) => s.cells),
          wholePlan,
        ),
      }
    : {};
  await reporters.onRunEnd({
    info,
    suites,
    reason,
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    exitCode,
    peakWorkers: gate.peak,
    ...compared,
  });
  return exitCode;
}

function cellInfo(cell: Cell): CellInfo {
  return {
    id: cell.id,
    file: cell.file,
    scenario: cell.scenario.name,
    protocol: cell.protocol,
    repeat: cell.repeat,
    agents: cell.scenario.agents.length,
    plannedMs: cell.scenario.durationMs,
  };
}

function skippedResult(
  id: string,
  file: string,
  scenario: string,
  protocol: CellResult['protocol'],
  reason: string,
): CellResult {
  return {
    id,
    file,
    scenario,
    protocol,
    repeat: 0,
    seed: 0,
    status: 'skipped',
    reason,
    durationMs: 0,
    metrics: null,
    harness: null,
    assertions: [],
    faults: [],
    history: [],
    agents: [],
  };
}
