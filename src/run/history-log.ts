/**
 * The history being recorded. Producers push events stamped with absolute monotonic times (agents'
 * events arrive over IPC, some before t=0 is known); `finalize(t0)` rebases them on the workload
 * start and sorts them, giving the HistoryEvent[] that metrics read.
 */
import type { AgentEvent } from '../agent/contract.js';
import type { HistoryEvent } from '../model/history.js';

/** An append-only event log for one cell. */
export class HistoryLog {
  private readonly events: HistoryEvent[] = [];

  /** Record an event whose `t` is absolute monotonic ms. */
  push(event: HistoryEvent): void {
    this.events.push(event);
  }

  /** The events so far (absolute times), read-only. */
  get recorded(): readonly HistoryEvent[] {
    return this.events;
  }

  /** Record a batch of an agent's own events. */
  pushAgentEvents(agent: string, batch: AgentEvent[]): void {
    for (const e of batch) {
      const t = e.at;
      if (e.type === 'exec') {
        if (e.executor === undefined) this.push({ type: 'exec', t, agent, task: e.task, step: e.step });
        else this.push({ type: 'exec', t, agent: e.executor, task: e.task, step: e.step, by: agent });
      } else if (e.type === 'wire') this.push({ type: 'wire', t, agent, bytes: e.bytes, messages: e.messages });
      else if (e.type === 'detect')
        this.push({ type: 'detect', t, agent, peer: e.peer, ...(e.evidence ? { evidence: e.evidence } : {}) });
      else if (e.type === 'rejoin') this.push({ type: 'rejoin', t, agent, peer: e.peer });
      else if (e.type === 'reconnect') this.push({ type: 'reconnect', t, agent: e.peer, by: agent });
      else if (e.type === 'loop_delay')
        this.push({ type: 'loop_delay', t, from: e.from, agent, pid: e.pid, p99: e.p99, max: e.max });
    }
  }

  /** Rebase every time field on t0 (ms, 2 decimals) and sort by time, stable. */
  finalize(t0: number): HistoryEvent[] {
    const rebase = (x: number) => Math.round((x - t0) * 100) / 100;
    return this.events
      .map((e) => rebaseEvent(e, rebase))
      .map((e, i) => [e, i] as const)
      .sort((a, b) => a[0].t - b[0].t || a[1] - b[1])
      .map(([e]) => e);
  }
}

/** `t`, and the other times some events carry (a task's schedule, a loop-delay window's start). */
function rebaseEvent(e: HistoryEvent, rebase: (x: number) => number): HistoryEvent {
  if ((e.type === 'task_issued' || e.type === 'task_skipped') && e.scheduled !== undefined)
    return { ...e, t: rebase(e.t), scheduled: rebase(e.scheduled) };
  if (e.type === 'loop_delay') return { ...e, t: rebase(e.t), from: rebase(e.from) };
  return { ...e, t: rebase(e.t) };
}
