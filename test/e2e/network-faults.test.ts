/**
 * Network faults end to end: the real CLI runs echo meshes whose links go through storm's fault
 * proxy. A partition must be verified, detected by the agents' own heartbeats across the cut (and
 * only there), and healed; latency on one agent must slow exactly the tasks routed to it by at least
 * the configured round trip (a lower bound: the proxy never delivers early). No agent may outlive a run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentsOf, FIXTURES, killAll, runCli, tempOutput } from './run-cli.js';

const outputs: string[] = [];
afterEach(() => {
  for (const o of outputs.splice(0)) killAll(agentsOf(o));
});

function run(fixture: string): { code: number | null; cell: any; history: any[]; output: string } {
  const output = tempOutput();
  outputs.push(output);
  const r = runCli(['test', join(FIXTURES, fixture), '-o', output]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const cell = JSON.parse(readFileSync(join(output, 'results.json'), 'utf8')).suites[0].cells[0];
  const history = readFileSync(join(output, cell.files.history), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  return { code: r.code, cell, history, output };
}

const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.ceil(0.95 * xs.length) - 1];

describe('network faults through the fault proxy (json protocol)', () => {
  it('a partition is verified, detected across the cut only, and heals', () => {
    const { code, cell, history, output } = run('network/partition');
    expect(code).toBe(0);
    expect(cell.status).toBe('passed');
    const fault = cell.faults[0];
    expect(fault).toMatchObject({ kind: 'partition', verified: true, pids: [] });
    expect(fault.victims).toEqual(['node-0', 'node-1', 'node-2', 'node-3', 'node-4']);
    expect(cell.metrics.detect_ms).not.toBeNull();
    expect(cell.metrics.detect_ms).toBeGreaterThan(0);
    expect(cell.metrics.faults[0].detect_ms).toBe(cell.metrics.detect_ms);

    const side = (id: string) => (id === 'node-0' || id === 'node-1' ? 0 : 1);
    const during = history.filter((e) => e.type === 'detect' && e.t >= fault.t);
    const end = history.find((e) => e.type === 'fault_end' && e.fault === 0);
    expect(end.t - fault.t).toBeGreaterThanOrEqual(1500);
    // every agent declared every peer across the cut dead, and nobody on its own side
    expect(during.filter((e) => side(e.agent) === side(e.peer))).toEqual([]);
    const pairs = new Set(during.filter((e) => e.t < end.t).map((e) => `${e.agent}>${e.peer}`));
    expect(pairs.size).toBe(2 * 3 * 2);
    // after the heal, the detectors see the other side alive again
    const rejoins = new Set(
      history.filter((e) => e.type === 'rejoin' && e.t >= end.t).map((e) => `${e.agent}>${e.peer}`),
    );
    expect([...pairs].every((p) => rejoins.has(p))).toBe(true);
    expect(cell.metrics.tasks_lost).toBe(0);
    expect(agentsOf(output)).toEqual([]);
  });

  it('latency on one agent slows the tasks routed to it by at least the round trip', () => {
    const { code, cell, history, output } = run('network/latency');
    expect(code).toBe(0);
    const fault = cell.faults[0];
    expect(fault).toMatchObject({ kind: 'network', verified: true, victims: ['node-1'] });
    const end = history.find((e) => e.type === 'fault_end' && e.fault === 0);
    const ends = new Map(history.filter((e) => e.type === 'task_end').map((e) => [e.task, e]));
    const tasks = history
      .filter((e) => e.type === 'task_issued' && ends.get(e.task)?.outcome === 'ok')
      .map((e) => ({ to: e.to, t: e.t, latency: ends.get(e.task).t - e.t }));
    const latencyMs = 150;
    // issued after the rule was set and answered before it was lifted: both directions delayed
    const slowed = tasks.filter((x) => x.to === 'node-1' && x.t >= fault.t && x.t + 2 * latencyMs + 50 < end.t);
    expect(slowed.length).toBeGreaterThan(5);
    for (const x of slowed) expect(x.latency).toBeGreaterThanOrEqual(2 * latencyMs);
    const pre = tasks.filter((x) => x.to === 'node-1' && x.t >= 500 && x.t < fault.t);
    expect(p95(slowed.map((x) => x.latency)) - p95(pre.map((x) => x.latency))).toBeGreaterThanOrEqual(latencyMs);
    expect(cell.metrics.detect_ms).toBeNull();
    expect(cell.metrics.tasks_lost).toBe(0);
    expect(agentsOf(output)).toEqual([]);
  });

  it('a killed agent behind the proxy is seen dead, comes back on its port, and its links work again', () => {
    const { code, cell, history, output } = run('network/kill-through-proxy');
    expect(code).toBe(0);
    expect(cell.faults.map((f: any) => [f.kind, f.verified])).toEqual([
      ['kill', true],
      ['network', true],
    ]);
    const restart = history.find((e) => e.type === 'restart' && e.agent === 'node-1');
    expect(restart.ready).toBe(true);
    for (const peer of ['node-0', 'node-2']) {
      expect(
        history.some((e) => e.type === 'detect' && e.agent === peer && e.peer === 'node-1' && e.t < restart.t),
      ).toBe(true);
      expect(
        history.some((e) => e.type === 'rejoin' && e.agent === peer && e.peer === 'node-1' && e.t >= restart.t),
      ).toBe(true);
    }
    // the client reached the new process through its link
    expect(cell.metrics.reconnect_ms).not.toBeNull();
    const fault = cell.faults[1];
    const ends = new Map(history.filter((e) => e.type === 'task_end').map((e) => [e.task, e]));
    const toNode1 = history.filter((e) => e.type === 'task_issued' && e.to === 'node-1' && e.t >= fault.t + 300);
    expect(toNode1.some((e) => ends.get(e.task)?.outcome === 'ok')).toBe(true);
    expect(agentsOf(output)).toEqual([]);
  });
});
