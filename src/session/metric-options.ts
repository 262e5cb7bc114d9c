/**
 * How a scenario's cells are measured: the MetricOptions for computeMetrics, from the scenario alone
 * (plus the run's topology), so a stored history can be re-measured the same way.
 */
import type { MetricOptions } from '../metrics/compute.js';
import type { Scenario } from '../scenario/types.js';

/** Tools that look answers up by the gold answer (an oracle) cannot answer wrongly: accuracy is null. */
function canAnswerWrongly(scenario: Scenario): boolean {
  return scenario.groups.some((g) => {
    if (g.command !== undefined) return true;
    const tool = g.tool === undefined ? undefined : scenario.tools[g.tool];
    return tool !== undefined && (tool.kind === 'exec' || (tool.kind === 'llm' && (tool.model ?? 'stub') !== 'stub'));
  });
}

/** The metric options of a scenario's cells; `monitors` = who watches whom under the topology. */
export function metricOptionsFor(scenario: Scenario, monitors: Record<string, string[]>): MetricOptions {
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
    // a user's agent (command:) is reached directly: storm does not see its traffic
    bytesMetered: !scenario.groups.some((g) => g.command !== undefined),
    accuracyMeaningful: canAnswerWrongly(scenario),
  };
}
