/** A tiny builder for hand-made histories: every event is spelled out so a reader can recount it. */
import type { FaultKindName as FaultKind, HistoryEvent, TaskOutcome } from '../../../src/model/history.js';
import type { MetricOptions } from '../../../src/metrics/compute.js';

/** Chainable history builder; `build()` returns the events sorted by time (stable). */
export class HistoryBuilder {
  private readonly events: HistoryEvent[] = [];
  private nextFault = 0;

  /** One task: issued at `t`, ended after `latency` ms with `outcome` (null = never ended, i.e. lost). */
  task(
    id: string,
    t: number,
    latency: number,
    outcome: TaskOutcome | null = 'ok',
    correct?: boolean,
    to = 'worker-0',
  ): this {
    this.events.push({ type: 'task_issued', t, task: id, to });
    if (outcome !== null) {
      const end: HistoryEvent = { type: 'task_end', t: t + latency, task: id, outcome };
      if (correct !== undefined) end.correct = correct;
      this.events.push(end);
    }
    return this;
  }

  /** A task every `everyMs` from `from` (inclusive) to `to` (exclusive), id `task-<t>`; `shape` picks each one's fate. */
  series(
    from: number,
    to: number,
    everyMs: number,
    shape: (t: number) => { latency: number; outcome?: TaskOutcome | null },
  ): this {
    for (let t = from; t < to; t += everyMs) {
      const s = shape(t);
      this.task(`task-${t}`, t, s.latency, s.outcome === undefined ? 'ok' : s.outcome);
    }
    return this;
  }

  /** A fault occurrence; the index counts up from 0 unless given. */
  fault(t: number, victims: string[], kind: FaultKind = 'kill', index = this.nextFault): this {
    this.nextFault = index + 1;
    this.events.push({
      type: 'fault',
      t,
      fault: index,
      kind,
      victims,
      pids: victims.map((_, i) => 1000 + i),
      verified: true,
    });
    return this;
  }

  /** A pause resumed or a network fault lifted. */
  faultEnd(t: number, fault: number, victims: string[]): this {
    this.events.push({ type: 'fault_end', t, fault, victims });
    return this;
  }

  /** `agent` declared `peer` dead (on `evidence`, when given). */
  detect(t: number, agent: string, peer: string, evidence?: 'refused' | 'silence'): this {
    this.events.push({ type: 'detect', t, agent, peer, ...(evidence ? { evidence } : {}) });
    return this;
  }

  /** `agent`'s detector saw `peer` alive again. */
  rejoin(t: number, agent: string, peer: string): this {
    this.events.push({ type: 'rejoin', t, agent, peer });
    return this;
  }

  /** A victim of fault `fault` came back as a new process (`ready` false: the restart failed). */
  restart(t: number, fault: number, agent: string, ready = true): this {
    this.events.push({ type: 'restart', t, fault, agent, pid: 2000, ready });
    return this;
  }

  /** A successful exchange with (restarted) `agent`. */
  reconnect(t: number, agent: string, by = 'client'): this {
    this.events.push({ type: 'reconnect', t, agent, by });
    return this;
  }

  /** An agent process became ready. */
  ready(t: number, agent: string): this {
    this.events.push({ type: 'agent_ready', t, agent, pid: 3000, port: 9000 });
    return this;
  }

  /** An agent process exited. */
  exit(t: number, agent: string): this {
    this.events.push({ type: 'agent_exit', t, agent, pid: 3000, code: null, signal: 'SIGKILL' });
    return this;
  }

  /** A wire report: bytes and messages since the agent's last report. */
  wire(t: number, bytes: number, messages = 1, agent = 'worker-0'): this {
    this.events.push({ type: 'wire', t, agent, bytes, messages });
    return this;
  }

  /** `agent` ran its tool for (task, step); `by` = recorded by the sender from the ok reply. */
  exec(t: number, agent: string, task: string, step: number, by?: string): this {
    this.events.push({ type: 'exec', t, agent, task, step, ...(by ? { by } : {}) });
    return this;
  }

  /** The run_end event. */
  end(t: number): this {
    this.events.push({ type: 'run_end', t });
    return this;
  }

  build(): HistoryEvent[] {
    return this.events
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
      .map((x) => x.e);
  }
}

/**
 * Options used by most tests: warmup 1 s, 10 s run, 1 s buckets with min_samples 4 (so at the 4/s of
 * `series(…, EVERY_MS, …)` the width stays 1 s and 2 tasks make a bucket evidential), recovery must
 * hold for 2 buckets, stable for 2 s (= 2 buckets).
 */
export function opts(over: Partial<MetricOptions> = {}): MetricOptions {
  return {
    warmupMs: 1000,
    durationMs: 10_000,
    bucketMs: 1000,
    minSamples: 4,
    recoverForMs: 1000,
    stableForMs: 2000,
    success: 'correct',
    monitors: {},
    ...over,
  };
}

/** Every 250 ms from 0 to 10 s: 4 tasks per 1 s bucket, 40 in all (4 of them in the warmup). */
export const EVERY_MS = 250;
