/**
 * The two checks that decide whether a cell's measurement can be judged at all (SPEC §2): did the
 * harness keep up (bounds from `harness:`), and did the system work before the first fault
 * (`baseline:`). Pure; the reasons carry the numbers so a reader can see how far off it was.
 */
import type { BaselineCheck, HarnessBlock, HarnessBounds, HarnessMeasurements } from '../model/harness.js';
import type { Metrics } from '../model/metrics.js';

/** The harness block of a cell: the measurements, the bounds, and what exceeded them. */
export function checkHarness(
  m: HarnessMeasurements,
  bounds: HarnessBounds,
  baseline: BaselineCheck | null,
): HarnessBlock {
  const reasons: string[] = [];
  const over = (what: string, value: number | null | undefined, bound: number) => {
    if (value !== null && value !== undefined && value > bound)
      reasons.push(`${what} ${overBound(value, bound)} ms > ${ms(bound)} ms`);
  };
  over('issue lag p99', m.issueLag.p99, bounds.maxIssueLagP99Ms);
  over('issue lag max', m.issueLag.max, bounds.maxIssueLagMs);
  over('runner loop delay max', m.loopDelay.runner?.max, bounds.maxLoopDelayMs);
  const agent = m.loopDelay.worstAgent;
  if (agent) over(`agent ${agent.agent} loop delay max`, agent.max, bounds.maxLoopDelayMs);
  if (m.tasksAfterEnd > 0)
    reasons.push(`${m.tasksAfterEnd} task${m.tasksAfterEnd === 1 ? '' : 's'} issued after the end of the run`);
  return { ...m, bounds, overloaded: reasons.length > 0, reasons, baseline };
}

/**
 * S_pre (success rate of tasks issued in [warmup, first fault)) against `minSuccessRate`; a cell
 * without a fault is judged on its whole-run rate. A phase without tasks has no rate and is not judged.
 */
export function checkBaseline(metrics: Metrics | null, minSuccessRate: number): BaselineCheck | null {
  if (!metrics) return null;
  const phase = metrics.faults.length > 0 ? 'pre' : 'overall';
  const successRate = phase === 'pre' ? metrics.phases.pre.success_rate : metrics.overall.success_rate;
  return { phase, successRate, minSuccessRate, healthy: successRate === null || successRate >= minSuccessRate };
}

/** `harness overloaded: issue lag p99 83 ms > 50 ms; …`, or null when the harness kept up. */
export function overloadReason(h: HarnessBlock | null): string | null {
  return h?.overloaded ? `harness overloaded: ${h.reasons.join('; ')}` : null;
}

/** `unhealthy baseline: pre-fault success rate 0.42 < 0.5`, or null when healthy or not judged. */
export function baselineReason(b: BaselineCheck | null): string | null {
  if (!b || b.healthy || b.successRate === null) return null;
  const what = b.phase === 'pre' ? 'pre-fault success rate' : 'success rate (no fault)';
  return `unhealthy baseline: ${what} ${rate(b.successRate)} < ${b.minSuccessRate}`;
}

/** Whole ms from 10 up, one decimal below: `412`, `83`, `2.1` (as the reports print them). */
function ms(v: number): string {
  return Math.abs(v) >= 10 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
}

/** A value over its bound, with the decimals it takes not to read as the bound: `250.4`, never `250`. */
function overBound(v: number, bound: number): string {
  for (const text of [ms(v), ...[1, 2, 3].map((d) => String(Number(v.toFixed(d))))])
    if (Number(text) > bound) return text;
  return String(v);
}

/** A rate with at most three decimals, rounded down so it never reads as the bound it missed. */
function rate(v: number): string {
  // The epsilon keeps 0.57 (570 − 1e-13 after the multiplication) from reading 0.569.
  return String(Math.floor(v * 1000 + 1e-9) / 1000);
}
