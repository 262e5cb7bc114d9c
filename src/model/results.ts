/**
 * What a run produced, from one cell to the whole run: the meeting point of run/, session/ and the
 * reporters. Types only; every stage imports them downward.
 */
import type { AssertionResult } from './assertions.js';
import type { Metrics } from './metrics.js';
import type { HarnessBlock } from './harness.js';
import type { FaultEvent, HistoryEvent } from './history.js';
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
