/**
 * How a scenario's cells are measured: the MetricOptions for computeMetrics, from the scenario alone
 * (plus the run's topology), so a stored history can be re-measured the same way.
 */
import type { MetricOptions } from '../metrics/compute.js';
import type { HistoryEvent } from '../model/history.js';
import type { Scenario } from '../scenario/types.js';

/** Tools that look answers up by the gold answer (an oracle) cannot answer wrongly: accuracy is null. */
function canAnswerWrongly(scenario: Scenario): boolean {
  return scenario.groups.some((g) => {
    if (g.command !== undefined) return true;
    const tool = g.tool === undefined ? undefined : scenario.tools[g.tool];
    return tool !== undefined && (tool.kind === 'exec' || (tool.kind === 'llm' && (tool.model ?? 'stub') !== 'stub'));
  });
}

/**
 * Are the bytes of every agent of the history counted? Built-in agents count their own; users'
 * agents (command:) are counted by the link proxies (`wire` events `by: 'proxy'`). A history recorded
 * before storm metered users' agents has none of those: its byte metrics are null, never 0.
 */
function bytesMetered(scenario: Scenario, history: readonly HistoryEvent[]): boolean {
  if (!scenario.groups.some((g) => g.command !== undefined)) return true;
  return history.some((e) => e.type === 'wire' && e.by === 'proxy') && !history.some((e) => e.type === 'unmetered');
}

/** The metric options of a scenario's cells; `monitors` = who watches whom under the topology. */
export function metricOptionsFor(
  scenario: Scenario,
  monitors: Record<string, string[]>,
  history: readonly HistoryEvent[] = [],
): MetricOptions {
  return {
    warmupMs: scenario.warmupMs,
    durationMs: scenario.durationMs,
    bucketMs: scenario.metrics.bucketMs,
    minSamples: scenario.metrics.minSamples,
    recoverForMs: scenario.metrics.recoverForMs,
    stableForMs: scenario.metrics.stableForMs,
    ratePerSec: scenario.workload.concurrency ? undefined : scenario.workload.ratePerSec,
    success: scenario.workload.success,
    monitors,
    heartbeatTimeoutMs: scenario.heartbeat.timeoutMs,
    bytesMetered: bytesMetered(scenario, history),
    accuracyMeaningful: canAnswerWrongly(scenario),
  };
}
