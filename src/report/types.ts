/**
 * The reporter interface (STYLE point 3): optional async hooks, fired by the dispatcher in this order:
 * onRunStart → (onCellStart → onCellPhase* → onFault* → onCellEnd)* → onRunEnd.
 * Built-in reporters live in reporters/, one per file; a user's module exporting a default class
 * implementing Reporter is loaded the same way.
 */
import type { AssertionResult } from '../assert/types.js';
import type { Metrics } from '../metrics/types.js';
import type { HarnessBlock } from '../model/harness.js';
import type { HistoryEvent } from '../run/history.js';
import type { ProtocolName } from '../scenario/types.js';

export type CellStatus = 'passed' | 'failed' | 'inconclusive' | 'skipped';

/** One applied fault occurrence as the report shows it. */
export interface FaultTimelineEntry {
  fault: number;
  kind: 'kill' | 'pause' | 'partition' | 'network';
  t: number;
  victims: string[];
  pids: number[];
  signal?: string;
  verified: boolean;
  restarted?: { agent: string; pid: number; t: number }[];
  detail?: string;
}

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

/** One validation problem, printable as `file:line:col  path  message — hint`. */
export interface LoadIssue {
  file: string;
  line: number;
  col: number;
  /** YAML path, e.g. faults[0].kill */
  path: string;
  message: string;
  hint?: string;
  code: string;
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
}

export interface Reporter {
  /** Once, before any cell starts, with every planned cell. */
  onRunStart?(info: RunInfo, cells: CellInfo[]): void | Promise<void>;
  /** A cell begins (agents about to start). */
  onCellStart?(cell: CellInfo): void | Promise<void>;
  /** A cell moved to a new phase: starting, ready, running, stopping, or a progress line. */
  onCellPhase?(cell: CellInfo, phase: string, detail?: string): void | Promise<void>;
  /** A fault occurrence was applied (and verified or not). */
  onFault?(cell: CellInfo, fault: FaultTimelineEntry): void | Promise<void>;
  /** A cell finished, with its result. */
  onCellEnd?(result: CellResult): void | Promise<void>;
  /** Once, at the end, also after a bail or an interrupt: the place to write files. */
  onRunEnd?(result: RunResult): void | Promise<void>;
}

/** Constructor options every reporter receives. */
export interface ReporterOptions {
  outputDir: string;
  /** Working directory, for relative paths in output. */
  cwd: string;
  /** Writable stream for console output (stdout by default). */
  stdout?: NodeJS.WritableStream;
}
