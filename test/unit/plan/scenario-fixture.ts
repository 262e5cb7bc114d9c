/** A normalized 8-worker mesh scenario for plan tests; every field overridable. */
import type { FaultSpec, Scenario } from '../../../src/scenario/types.js';

export const loc = { file: 'x.storm.yaml', line: 1, col: 1 };

export function meshScenario(over: Partial<Scenario> = {}): Scenario {
  const agents = Array.from({ length: 8 }, (_, i) => ({ id: `worker-${i}`, group: 'worker', index: i }));
  return {
    file: '/abs/x.storm.yaml',
    dir: '/abs',
    name: 'mesh',
    protocols: ['json', 'a2a', 'acp', 'anp', 'agora'],
    seed: 42,
    durationMs: 12000,
    warmupMs: 1000,
    heartbeat: { intervalMs: 250, timeoutMs: 1000 },
    topology: 'mesh',
    tools: { echo: { name: 'echo', kind: 'echo' } },
    groups: [{ name: 'worker', count: 8, tool: 'echo', readyMs: 10000, loc }],
    agents,
    workload: {
      ratePerSec: 20,
      taskTimeoutMs: 5000,
      success: 'correct',
      messageFlow: [{ from: 'client', to: 'worker', messageType: 'q' }],
    },
    metrics: { bucketMs: 250, minSamples: 10, recoverForMs: 1000, stableForMs: 2000 },
    harness: { maxIssueLagP99Ms: 50, maxIssueLagMs: 250, maxLoopDelayMs: 250 },
    baseline: { minSuccessRate: 0.5 },
    faults: [],
    expect: [],
    loc,
    ...over,
  };
}

/** A kill of 30% of the workers at 6 s. */
export const kill = (over: Partial<Extract<FaultSpec, { kind: 'kill' }>> = {}): FaultSpec => ({
  kind: 'kill',
  index: 0,
  atMs: 6000,
  times: 1,
  select: { fraction: 0.3, of: 'worker' },
  signal: 'SIGKILL',
  loc,
  ...over,
});
