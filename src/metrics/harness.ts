/**
 * history → the harness's own fidelity (SPEC §2): issue lag of the open workload, event-loop delay of
 * the runner and of the built-in agents, tasks issued after the end of the run. Pure, so `storm
 * analyze` can recompute it from a stored history.jsonl; docs/harness.md explains every choice.
 */
import {
  LOOP_DELAY_SAMPLE_MS,
  type HarnessMeasurements,
  type IssueLagSummary,
  type LoopDelayStat,
} from '../model/harness.js';
import type { HistoryEvent } from '../model/history.js';
import { percentileOfSorted } from './latency.js';

type LoopDelayEvent = Extract<HistoryEvent, { type: 'loop_delay' }>;

/**
 * After a paused (SIGSTOP) agent resumes, its own samples show the pause as loop delay: that is the
 * fault, not the harness. A window of the victim's is left out when it overlaps the pause, up to this
 * long after the resume (the first tick after SIGCONT records the pause, once the process runs again).
 */
const RESUME_SLACK_MS = 250;

/** Measure the harness from a cell's history (times relative to the workload start). */
export function measureHarness(history: readonly HistoryEvent[]): HarnessMeasurements {
  const runEnd = lastTime(history, 'run_end') ?? Infinity;
  const lags: number[] = [];
  let tasksAfterEnd = 0;
  let tasksSkippedLate = 0;
  for (const e of history) {
    if (e.type === 'task_issued') {
      if (e.t > runEnd) tasksAfterEnd++;
      if (e.scheduled !== undefined) lags.push(e.t - e.scheduled);
    } else if (e.type === 'task_skipped') {
      tasksSkippedLate++;
      lags.push(e.t - e.scheduled);
    }
  }
  const samples = loopDelaySamples(history, runEnd);
  return {
    issueLag: summarizeLag(lags),
    loopDelay: {
      runner: worstOf(samples.filter((s) => s.agent === 'runner')),
      worstAgent: worstAgent(samples.filter((s) => s.agent !== 'runner')),
      samples: samples.length,
      agents: new Set(samples.filter((s) => s.agent !== 'runner').map((s) => s.agent)).size,
    },
    tasksAfterEnd,
    tasksSkippedLate,
  };
}

/** p50/p99 (nearest rank) and max of the issue lags, rounded to 0.01 ms; nulls without a schedule. */
export function summarizeLag(lags: readonly number[]): IssueLagSummary {
  const sorted = [...lags].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    count: sorted.length,
    p50: round(percentileOfSorted(sorted, 50)),
    p99: round(percentileOfSorted(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : null),
  };
}

/**
 * The samples that speak about the workload: windows that start at or after t = 0 (the runner starts
 * its sampler then; agents start fresh windows when told the workload began, so start-up stalls stay
 * out) and end at most one interval past the later of the run's end and the last task's end (the
 * sample that covers the tail), minus the windows in which a paused victim was paused.
 */
function loopDelaySamples(history: readonly HistoryEvent[], runEnd: number): LoopDelayEvent[] {
  const lastEnd = Math.max(runEnd === Infinity ? -Infinity : runEnd, lastTime(history, 'task_end') ?? -Infinity);
  const until = Number.isFinite(lastEnd) ? lastEnd + LOOP_DELAY_SAMPLE_MS : Infinity;
  const paused = pausedSpans(history);
  return history.filter((e): e is LoopDelayEvent => {
    if (e.type !== 'loop_delay' || e.from < 0 || e.t > until) return false;
    return !paused.some((p) => p.pid === e.pid && e.from <= p.to && e.t >= p.from);
  });
}

/** Per paused pid: from the pause to RESUME_SLACK_MS after its resume (to the end when never resumed). */
function pausedSpans(history: readonly HistoryEvent[]): { pid: number; from: number; to: number }[] {
  const spans: { pid: number; from: number; to: number }[] = [];
  for (const e of history) {
    if (e.type !== 'fault' || e.kind !== 'pause') continue;
    const end = history.find((x) => x.type === 'fault_end' && x.fault === e.fault);
    const to = end ? end.t + RESUME_SLACK_MS : Infinity;
    for (const pid of e.pids) spans.push({ pid, from: e.t, to });
  }
  return spans;
}

/** Worst window's p99 and the max over samples of one process group; null without samples. */
function worstOf(samples: readonly LoopDelayEvent[]): LoopDelayStat | null {
  if (samples.length === 0) return null;
  return { p99: Math.max(...samples.map((s) => s.p99)), max: Math.max(...samples.map((s) => s.max)) };
}

/** The agent whose loop stalled longest (then by p99, then by id, so the choice is stable). */
function worstAgent(samples: readonly LoopDelayEvent[]): (LoopDelayStat & { agent: string }) | null {
  const ids = [...new Set(samples.map((s) => s.agent))].sort();
  let worst: (LoopDelayStat & { agent: string }) | null = null;
  for (const agent of ids) {
    const stat = worstOf(samples.filter((s) => s.agent === agent))!;
    if (!worst || stat.max > worst.max || (stat.max === worst.max && stat.p99 > worst.p99)) worst = { agent, ...stat };
  }
  return worst;
}

function lastTime(history: readonly HistoryEvent[], type: HistoryEvent['type']): number | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i].type === type) return history[i].t;
  return undefined;
}
