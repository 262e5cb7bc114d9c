/**
 * When are byte metrics defined for a cell with users' agents? When the link proxies metered them
 * (`wire` events by: 'proxy') and none of them was bypassed (`unmetered`); a history recorded before
 * storm metered users' agents gives null, never 0.
 */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/metrics/compute.js';
import type { HistoryEvent } from '../../../src/model/history.js';
import type { Scenario } from '../../../src/scenario/types.js';
import { metricOptionsFor } from '../../../src/session/metric-options.js';

/** Just what metricOptionsFor reads of a scenario. */
function scenario(command: boolean): Scenario {
  return {
    warmupMs: 0,
    durationMs: 2000,
    metrics: { bucketMs: 250, minSamples: 2, recoverForMs: 500, stableForMs: 500 },
    workload: { ratePerSec: 10, success: 'reply' },
    heartbeat: { intervalMs: 200, timeoutMs: 800 },
    groups: [command ? { name: 'mine', command: 'node a.js' } : { name: 'mine', tool: 't' }],
    tools: { t: { kind: 'echo' } },
  } as unknown as Scenario;
}

const tasks: HistoryEvent[] = [
  { type: 'task_issued', t: 100, task: 't1', to: 'mine-0' },
  { type: 'task_end', t: 120, task: 't1', outcome: 'ok' },
  { type: 'run_end', t: 2000 },
];
const proxyWire: HistoryEvent = { type: 'wire', t: 150, agent: 'mine-0', bytes: 600, messages: 2, by: 'proxy' };

const bytesOf = (s: Scenario, h: HistoryEvent[]) => computeMetrics(h, metricOptionsFor(s, {}, h)).bytes_total;

describe('metricOptionsFor: bytes of users’ agents', () => {
  it('counts them when the proxies metered them', () => {
    expect(bytesOf(scenario(true), [...tasks, proxyWire])).toBe(600);
  });

  it('is null when an agent was bypassed, or for a history without proxy metering', () => {
    const bypassed: HistoryEvent = { type: 'unmetered', t: 1999, agent: 'mine-0', reason: 'went around' };
    expect(bytesOf(scenario(true), [...tasks, proxyWire, bypassed])).toBeNull();
    expect(bytesOf(scenario(true), tasks)).toBeNull();
  });

  it('leaves built-in agents as they were (they count their own)', () => {
    expect(bytesOf(scenario(false), tasks)).toBe(0);
  });
});
