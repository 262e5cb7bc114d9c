/**
 * What a run produced, from one cell to the whole run: the meeting point of run/, session/ and the
 * reporters. Types only; every stage imports them downward.
 */
import type { AssertionResult } from './assertions.js';
import type { Metrics } from './metrics.js';
import type { HarnessBlock } from './harness.js';
import type { FaultCounts, FaultEvent, FaultKindName, HistoryEvent } from './history.js';
import type { LoadIssue } from './load-issue.js';
import type { ProtocolName } from './protocol.js';

export type CellStatus = 'passed' | 'failed' | 'inconclusive' | 'skipped';

/**
 * One applied fault occurrence as the reports show it: the `fault` history event (without the
 * partition sides, which only detection needs) plus the victims that came back.
 */
export type FaultTimelineEntry = Omit<FaultEvent, 'type' | 't' | 'sides'> & {
  t: number;
  restarted?: { agent: string; pid: number; t: number }[];
  /** Counted proxy faults (reset, blackhole, bandwidth, message): what they did per link `from>to`. */
  counts?: FaultCounts;
};

/** What running one cell produced: the meeting point of run/ and report/. */
export interface CellResult {
  id: string;
  file: string;
  scenario: string;
  protocol: ProtocolName;
  repeat: number;
  seed: number;
  status: CellStatus;
  /** Why inconclusive/skipped, or the first failed assertion's reason. */
  reason?: string;
  durationMs: number;
  metrics: Metrics | null;
  /** How far the harness itself fell behind, and the pre-fault health; null when no workload ran. */
  harness: HarnessBlock | null;
  assertions: AssertionResult[];
  faults: FaultTimelineEntry[];
  /** In memory only; reporters write it out (history.jsonl). */
  history: HistoryEvent[];
  /** Agent ids and their pids, for the record. */
  agents: { id: string; pid: number | null; port: number | null }[];
  /** What went wrong without stopping the run (e.g. malformed events a user's agent posted). */
  warnings?: string[];
  /**
   * What the verdict was judged from besides the history: the run's own outcome and the judging
   * inputs (expect rules, metric options, bounds). Opaque to reporters; `blob` stores it so
   * merge-reports can re-judge without the scenario files (src/session/judge.ts owns its shape).
   */
  judging?: CellJudging;
  /** `--baseline`: this cell's metrics against the stored run's (src/session/regression.ts). */
  regression?: RegressionResult;
}

/** See CellResult.judging. */
export interface CellJudging {
  run: { status: 'completed' | 'inconclusive'; reason?: string };
  inputs: unknown;
}

/** One `regression:` tolerance checked against a baseline cell. */
export interface RegressionCheck {
  /** The metric reference as written under `regression:` (`p95(latency_ms)`). */
  metric: string;
  before: number | null;
  after: number | null;
  /** Allowed worsening, as a share of `before` (0.2 = 20%). */
  tolerance: number;
  /** Relative change in the bad direction (+0.41 = 41% worse); null when it cannot be computed. */
  worse: number | null;
  regressed: boolean;
  /** "recovery_ms 2400 is 41% worse than the baseline's 1700 (tolerance 20%)". */
  reason: string;
}

/** A cell compared with the same cell of a baseline run. */
export interface RegressionResult {
  /** The baseline cell's status, or null when the baseline has no such cell. */
  baselineStatus: string | null;
  checks: RegressionCheck[];
}

/** `--baseline`: where the stored run came from and the cells only one side has. */
export interface BaselineSummary {
  source: string;
  /** Cells that ran now but are not in the baseline (nothing to compare with). */
  newCells: string[];
  /** Cells of the baseline that did not run now (removed, renamed, or filtered out). */
  missingCells: string[];
  regressions: number;
}

/** A scenario file's outcome: its cells, or the load errors that kept it from running. */
export interface SuiteResult {
  file: string;
  scenario: string | null;
  /** Line of the scenario's name (annotations). */
  line: number;
  loadErrors: LoadIssue[];
  cells: CellResult[];
}

export interface RunInfo {
  startedAt: string;
  seed: number | null;
  stormVersion: string;
  nodeVersion: string;
  platform: string;
  argv: string[];
  outputDir: string;
  /** Most cells run at once: the fixed --workers count, or the ceiling `--workers auto` may reach. */
  workers: number;
  /** `--workers auto`: cells run in parallel only while the machine has headroom (docs/statistics.md). */
  workersAuto: boolean;
  /** --repeat: runs per scenario × protocol (1 without it). */
  repeat: number;
  /** --min-pass-rate: the share of its runs a repeated cell must pass (default 1). */
  minPassRate: number;
  /**
   * `--shard i/n`: which slice this run was, and every cell id of the whole plan in plan order, so
   * merge-reports can restore one run's order and see which cells no shard ran.
   */
  shard?: { index: number; total: number; plan: string[] };
}

/** Why the run ended. */
export type EndReason = 'completed' | 'bail' | 'interrupted';

export interface RunResult {
  info: RunInfo;
  suites: SuiteResult[];
  reason: EndReason;
  finishedAt: string;
  durationMs: number;
  /** The exit code the CLI will use (SPEC §5). */
  exitCode: number;
  /** Most cells that ran at the same time (≤ info.workers). */
  peakWorkers?: number;
  /** `--baseline`: the comparison's source and the cells only one side has. */
  baseline?: BaselineSummary;
}

/** A cell as announced before it runs. */
export interface CellInfo {
  id: string;
  file: string;
  scenario: string;
  protocol: ProtocolName;
  repeat: number;
  agents: number;
  /** The scenario's workload window in ms (`duration`); live progress estimates the ETA from it. */
  plannedMs?: number;
}

/**
 * Where a running cell's workload stands, for live reporters: SPEC §3's phases as far as they can be
 * told while the cell runs. `pre-fault` until the first fault is applied; `fault` while any fault is
 * in force (applied, and not yet lifted — healed, resumed — or its victims restarted; a kill without
 * `restart_after` stays in force to the end); `post-fault` once every applied fault has lifted. The
 * metrics' `fault` phase ends at the measured recovery instead, which is only known after the run.
 */
export type WorkloadPhase = 'pre-fault' | 'fault' | 'post-fault';

/** A fault occurrence in force. */
export interface ActiveFault {
  /** Its occurrence index (FaultTimelineEntry.fault). */
  fault: number;
  kind: FaultKindName;
  victims: string[];
  /** When it was applied, in ms since the workload started. */
  t: number;
}

/** A running cell's workload, sent each time a fault starts or lifts (and once when the workload begins). */
export interface WorkloadState {
  /** When the cell entered this state, in ms since the workload started. */
  t: number;
  phase: WorkloadPhase;
  /** Faults in force now, in the order they were applied. */
  active: ActiveFault[];
  /** Fault occurrences applied so far. */
  applied: number;
  /** Fault occurrences the cell plans (cyclic storms expanded). */
  planned: number;
}
