/**
 * storm's public types, for a user's reporter (`import type { Reporter } from 'storm'`) and for
 * tools that read results.json or history.jsonl. Types only: storm runs from its CLI.
 */
export type { Reporter, ReporterOptions, ReadonlyView, StrictReporter } from './report/types.js';
export type {
  CellInfo,
  CellResult,
  CellStatus,
  EndReason,
  FaultTimelineEntry,
  RunInfo,
  RunResult,
  SuiteResult,
  ActiveFault,
  WorkloadPhase,
  WorkloadState,
} from './model/results.js';
export type { FaultEvent, FaultKindName, HistoryEvent, HistoryEventType, TaskOutcome } from './model/history.js';
export type { Metrics, Phase, PhaseMetrics, LatencySummary } from './model/metrics.js';
export type { AssertionResult } from './model/assertions.js';
export type { HarnessBlock } from './model/harness.js';
export type { LoadIssue } from './model/load-issue.js';
export type { ProtocolName } from './model/protocol.js';
export type { ExitCode } from './model/exit-codes.js';
export type { StormErrorCode } from './model/errors.js';
