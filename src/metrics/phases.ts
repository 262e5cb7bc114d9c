/**
 * Phase metrics: what happened to the tasks issued in a window. A phase that does not exist (no
 * fault → no `fault`/`post` phase; never recovered → no `post`) has null bounds and null rates.
 * Only tasks issued inside the run count (a task issued at or after the run end is the harness's
 * lateness, not the system's work); wire reports count in an open last window (the final flush
 * reports traffic from before the end).
 */
import { bytesIn, type WireSample } from './bytes.js';
import { summarizeLatency } from './latency.js';
import type { TaskRecord } from './tasks.js';
import type { PhaseMetrics } from '../model/metrics.js';
import { rate, type Window } from './window.js';

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
    bytes: null,
    bytes_per_task: null,
  };
}

/** How phases read a cell: its end, whether bytes are metered, whether accuracy means anything. */
export interface PhaseContext {
  endMs: number;
  /** Bytes of every agent are counted at the transport. */
  metered: boolean;
  /** The tools can answer wrongly (not an oracle): accuracy is defined. */
  graded: boolean;
}

/** Metrics of the tasks issued in window w (cut at the run end). */
export function phaseMetrics(
  tasks: readonly TaskRecord[],
  wire: readonly WireSample[],
  w: Window,
  ctx: PhaseContext,
): PhaseMetrics {
  const to = Math.min(w.to, ctx.endMs);
  const mine = tasks.filter((t) => t.issued >= w.from && t.issued < to);
  const ok = mine.filter((t) => t.outcome === 'ok');
  const succeeded = mine.filter((t) => t.success);
  // graded = ok answers that carry a verdict; without gold answers there are none and accuracy is null
  const graded = ok.filter((t) => t.correct !== undefined);
  const seconds = (to - w.from) / 1000;
  const latencies = succeeded.map((t) => t.latency as number);
  const bytes = ctx.metered ? bytesIn(wire, w) : null;
  return {
    from: w.from,
    to,
    issued: mine.length,
    ok: ok.length,
    succeeded: succeeded.length,
    success_rate: rate(succeeded.length, mine.length),
    accuracy: ctx.graded && graded.length > 0 ? graded.filter((t) => t.correct === true).length / graded.length : null,
    throughput: seconds > 0 ? succeeded.length / seconds : null,
    latency: summarizeLatency(latencies),
    latencies,
    bytes,
    bytes_per_task: bytes !== null && mine.length > 0 ? bytes / mine.length : null,
  };
}

/** (S_pre − S_post) / S_pre; null when either rate is unknown or S_pre is 0 (no baseline to drop from). */
export function successRateDrop(sPre: number | null, sPost: number | null): number | null {
  if (sPre === null || sPost === null || sPre === 0) return null;
  return (sPre - sPost) / sPre;
}

/** S_post / S_pre; null like successRateDrop. */
export function retention(sPre: number | null, sPost: number | null): number | null {
  if (sPre === null || sPost === null || sPre === 0) return null;
  return sPost / sPre;
}
