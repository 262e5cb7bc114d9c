/** detect_ms of a partition: every agent must declare every peer it monitors across the cut dead. */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/metrics/compute.js';
import type { HistoryEvent } from '../../../src/model/history.js';

const agents = ['a', 'b', 'c'];
const mesh = Object.fromEntries(agents.map((x) => [x, agents.filter((y) => y !== x)]));
const opts = {
  warmupMs: 0,
  durationMs: 6000,
  bucketMs: 500,
  stableForMs: 1000,
  success: 'reply' as const,
  monitors: mesh,
};

function history(detects: [number, string, string][], sides: string[][] | undefined): HistoryEvent[] {
  const events: HistoryEvent[] = agents.map((agent) => ({ type: 'agent_ready', t: -100, agent, pid: 1, port: 1 }));
  for (let t = 0; t < 6000; t += 100) {
    events.push(
      { type: 'task_issued', t, task: `t${t}`, to: 'a' },
      { type: 'task_end', t: t + 5, task: `t${t}`, outcome: 'ok' },
    );
  }
  events.push({
    type: 'fault',
    t: 2000,
    fault: 0,
    kind: 'partition',
    victims: agents,
    pids: [],
    verified: true,
    ...(sides ? { sides } : {}),
  });
  for (const [t, agent, peer] of detects) events.push({ type: 'detect', t, agent, peer });
  events.push({ type: 'fault_end', t: 4000, fault: 0, victims: agents }, { type: 'run_end', t: 6000 });
  return events.sort((x, y) => x.t - y.t);
}

describe('partition detect_ms', () => {
  const cut: [number, string, string][] = [
    [2800, 'a', 'b'],
    [2850, 'a', 'c'],
    [2900, 'b', 'a'],
    [3100, 'c', 'a'],
  ];

  it('is T → the last first detection across the cut; detections within a side do not count', () => {
    const m = computeMetrics(history([...cut, [1500, 'b', 'c']], [['a'], ['b', 'c']]), opts);
    expect(m.faults[0].detect_ms).toBe(1100);
    expect(m.detect_ms).toBe(1100);
  });

  it('is null when one side never declares the other dead', () => {
    const m = computeMetrics(history(cut.slice(0, 3), [['a'], ['b', 'c']]), opts);
    expect(m.faults[0].detect_ms).toBeNull();
    expect(m.detect_ms).toBeNull();
  });

  it('does not apply to a partition recorded without sides', () => {
    const m = computeMetrics(history(cut, undefined), opts);
    expect(m.faults[0].detect_ms).toBeNull();
    expect(m.detect_ms).toBeNull();
  });
});
