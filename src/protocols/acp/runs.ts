/** The in-memory run store of an ACP agent: bounded, and gone when the process dies. */
import type { AcpRun } from './codec.js';

/** Keeps the most recent `limit` runs for GET /runs/{id}; older ones are forgotten (404). */
export class RunStore {
  private readonly runs = new Map<string, AcpRun>();

  constructor(private readonly limit = 1000) {}

  /** Store or replace a run, evicting the oldest beyond the limit. */
  put(run: AcpRun): void {
    this.runs.delete(run.run_id);
    this.runs.set(run.run_id, run);
    if (this.runs.size > this.limit) {
      const oldest = this.runs.keys().next().value;
      if (oldest !== undefined) this.runs.delete(oldest);
    }
  }

  /** A run by id, if still kept. */
  get(id: string): AcpRun | undefined {
    return this.runs.get(id);
  }

  /** How many runs are kept. */
  get size(): number {
    return this.runs.size;
  }
}
