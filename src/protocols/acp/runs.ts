/** The in-memory run store of an ACP agent: bounded by count and by bytes, and gone when the process dies. */
import type { AcpEvent, AcpMessage, AcpRun } from './codec.js';

/** The most events one run keeps for GET /runs/{id}/events; storm's runs emit at most 8. */
export const MAX_EVENTS_PER_RUN = 64;

/** Called with each event a run emits, while subscribed. */
export type RunWatcher = (event: AcpEvent) => void;

/** One run and what the server keeps about it. */
export interface RunRecord {
  /** The current public state. Replaced on every change, never mutated: events and answers share it safely. */
  run: AcpRun;
  /** The run's input while it may still be needed (awaiting runs, session history); else emptied. */
  input: AcpMessage[];
  events: AcpEvent[];
  watchers: Set<RunWatcher>;
  /** The question to await with before working; cleared once the run has awaited. */
  awaitPrompt?: string;
  /** The messages the agent works on once resumed (input + the resume message). */
  resumeInput?: AcpMessage[];
  /** Pending await or run deadline, cleared when the run moves on. */
  timer?: NodeJS.Timeout;
  /** Approximate bytes this record holds (request body + output text), for the store's byte bound. */
  bytes: number;
}

export interface RunStoreLimits {
  /** Most runs kept (oldest forgotten first). */
  maxRuns: number;
  /** Most bytes of input and output kept across runs (oldest forgotten first). */
  maxBytes: number;
}

/** Keeps the most recent runs for GET /runs/{id}; older ones are forgotten (404), whatever their state. */
export class RunStore {
  private readonly runs = new Map<string, RunRecord>();
  private bytes = 0;

  constructor(private readonly limits: RunStoreLimits = { maxRuns: 1000, maxBytes: 64 * 1024 * 1024 }) {}

  /** Store a new run, evicting the oldest beyond either limit (never the one just added). */
  add(record: RunRecord): void {
    this.forget(record.run.run_id);
    this.runs.set(record.run.run_id, record);
    this.bytes += record.bytes;
    while (this.runs.size > 1 && (this.runs.size > this.limits.maxRuns || this.bytes > this.limits.maxBytes)) {
      const oldest = this.runs.keys().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
  }

  /** Account for bytes a run gained after it was added (its output). */
  grow(record: RunRecord, bytes: number): void {
    record.bytes += bytes;
    if (this.runs.get(record.run.run_id) === record) this.bytes += bytes;
  }

  private forget(id: string): void {
    const old = this.runs.get(id);
    if (!old) return;
    this.runs.delete(id);
    this.bytes -= old.bytes;
  }

  /** A run by id, if still kept. */
  get(id: string): RunRecord | undefined {
    return this.runs.get(id);
  }

  /** How many runs are kept. */
  get size(): number {
    return this.runs.size;
  }

  /** Bytes accounted to the kept runs. */
  get keptBytes(): number {
    return this.bytes;
  }
}
