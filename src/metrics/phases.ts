/**
 * Phase metrics: what happened to the tasks issued in a window. A phase that does not exist (no
 * fault → no `fault`/`post` phase; never recovered → no `post`) has null bounds and null rates.
 */
import { bytesIn, type WireSample } from './bytes.js';
import { summarizeLatency } from './latency.js';
import type { TaskRecord } from './tasks.js';
import type { PhaseMetrics } from './types.js';
import { inWindow, rate, type Window } from './window.js';

/** The metrics of a phase that does not exist. */
export function absentPhase(): PhaseMetrics {
  return {
    from: null,
    to: null,
    issued: 0,
    ok: 0,
    succeeded: 0,
    success_rate: null,
    accuracy: null,
    throughput: null,
    latency: summarizeLatency([]),
    latencies: [],
    bytes: 0,
    bytes_per_task: null,
  };
}

/**
 * Metrics of the tasks issued in window w; `endMs` (the run end) caps an open window's reported
 * `to` and its length for throughput.
 */
export function phaseMetrics(tasks: readonly TaskRecord[], wire: readonly WireSample[], w: Window, endMs: number): PhaseMetrics {
  const mine = tasks.filter((t) => inWindow(t.issued, w));
  const ok = mine.filter((t) => t.outcome === 'ok');
  const succeeded = mine.filter((t) => t.success);
  // graded = ok answers that carry a verdict; without gold answers there are none and accuracy is null
  const graded = ok.filter((t) => t.correct !== undefined);
  const to = Math.min(w.to, endMs);
  const seconds = (to - w.from) / 1000;
  const latencies = succeeded.map((t) => t.latency as number);
  const bytes = bytesIn(wire, w);
  return {
    from: w.from,
    to,
    issued: mine.length,
    ok: ok.length,
    succeeded: succeeded.length,
    success_rate: rate(succeeded.length, mine.length),
    accuracy: graded.length > 0 ? graded.filter((t) => t.correct === true).length / graded.length : null,
    throughput: seconds > 0 ? succeeded.length / seconds : null,
    latency: summarizeLatency(latencies),
    latencies,
    bytes,
    bytes_per_task: mine.length > 0 ? bytes / mine.length : null,
  };
}

/**
 * The success rate after a fault used by success_rate_drop: the `post` phase's rate when it has
 * tasks, otherwise (never recovered, or an empty post) the rate of everything issued from the fault
 * on, i.e. the `fault` and `post` phases together. Null when nothing was issued after the fault.
 */
export function rateAfterFault(fault: PhaseMetrics, post: PhaseMetrics): number | null {
  if (post.issued > 0) return post.success_rate;
  return rate(fault.succeeded + post.succeeded, fault.issued + post.issued);
}

/** (S_pre − S_after) / S_pre; null when either rate is unknown or S_pre is 0 (no baseline to drop from). */
export function successRateDrop(sPre: number | null, sAfter: number | null): number | null {
  if (sPre === null || sAfter === null || sPre === 0) return null;
  return (sPre - sAfter) / sPre;
}
