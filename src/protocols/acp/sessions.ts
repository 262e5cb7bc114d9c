/**
 * ACP sessions of one agent: which runs carried a session_id, for GET /session/{id}. Bounded: the most
 * recent sessions, and the most recent runs of each; runs the run store forgot drop out of the history.
 */
import type { RunStore } from './runs.js';

export interface SessionLimits {
  maxSessions: number;
  maxRunsPerSession: number;
}

/** The OpenAPI's Session: `history` lists URLs of the session's stored messages, oldest first. */
export interface AcpSession {
  id: string;
  history: string[];
}

/** The resource path of message `index` of a run's input (`in`) or output (`out`). */
export function resourcePath(runId: string, side: 'in' | 'out', index: number): string {
  return `/resources/${runId}-${side}-${index}`;
}

export class SessionStore {
  private readonly sessions = new Map<string, string[]>();

  constructor(private readonly limits: SessionLimits = { maxSessions: 1000, maxRunsPerSession: 256 }) {}

  /** Record that `runId` ran in session `id` (most recently used sessions are kept). */
  addRun(id: string, runId: string): void {
    const runs = this.sessions.get(id) ?? [];
    this.sessions.delete(id);
    runs.push(runId);
    if (runs.length > this.limits.maxRunsPerSession) runs.shift();
    this.sessions.set(id, runs);
    if (this.sessions.size > this.limits.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
  }

  /** The session with its history as absolute URLs under `base`, or undefined when unknown. */
  get(id: string, runs: RunStore, base: string): AcpSession | undefined {
    const ids = this.sessions.get(id);
    if (!ids) return undefined;
    const history: string[] = [];
    for (const runId of ids) {
      const record = runs.get(runId);
      if (!record) continue;
      record.input.forEach((_, i) => history.push(base + resourcePath(runId, 'in', i)));
      record.run.output.forEach((_, i) => history.push(base + resourcePath(runId, 'out', i)));
    }
    return { id, history };
  }

  get size(): number {
    return this.sessions.size;
  }
}
