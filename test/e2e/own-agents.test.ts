/**
 * Users' own agents, end to end through the real CLI (SPEC §8, issue 12):
 * - teardown gives every survivor's whole process group the grace period: each survivor's SIGTERM
 *   handler (and its helper's) runs to completion, while SIGKILLed victims never log one;
 * - bytes and messages are counted at the transport (non-null, non-zero), and the agents' own
 *   detections, posted to STORM_EVENTS_URL, give a detect_ms;
 * - the Python (stdlib) and TypeScript (tsx) examples pass their kill-and-restart scenarios;
 * - nothing of any agent is left afterwards.
 * A cell may come out inconclusive only because a loaded machine overloaded the harness; everything
 * asserted here is independent of that verdict.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, agentsOf, readResults, runCli, trackedOutput, useTrackedOutputs } from './run-cli.js';

useTrackedOutputs(afterEach);

/** The cell's verdict is passed, or inconclusive for the harness alone (load, not storm's subject). */
function expectPassedUnlessOverloaded(cell: any, output: string): void {
  if (cell.status === 'inconclusive') expect(cell.reason, output).toMatch(/^harness overloaded[^\n]*$/);
  else expect(cell.status, `${cell.reason}\n${output}`).toBe('passed');
}

describe('users’ own agents', () => {
  it('survivors finish their SIGTERM handlers, victims show none; bytes, messages and detect_ms are measured', () => {
    const o = trackedOutput();
    const r = runCli(['test', join(FIXTURES, 'own-agents/graceful.storm.yaml'), '-o', o, '-r', 'console,json']);
    const cell = readResults(o).suites[0].cells[0];
    expectPassedUnlessOverloaded(cell, r.stdout + r.stderr);
    const [fault] = cell.faults;
    expect(fault.verified).toBe(true);
    const victims: string[] = fault.victims;
    expect(victims).toHaveLength(2);
    // every process of each victim's group is in the timeline: the agent and its helper
    expect(fault.pids).toHaveLength(4);
    const workspaces = join(o, 'workspaces', 'own-agents-graceful-survivors-killed-victims-self-reported-d', 'json');
    for (const agent of ['mine-0', 'mine-1', 'mine-2', 'mine-3', 'mine-4']) {
      const log = readFileSync(join(workspaces, agent, 'agent.log'), 'utf8');
      if (victims.includes(agent)) {
        expect(log, agent).not.toContain('SIGTERM');
        expect(log, agent).not.toContain('flushed');
      } else {
        expect(log, agent).toContain(`flushed ${agent}`);
        expect(log, agent).toContain(`child flushed ${agent}`);
      }
    }
    const m = cell.metrics;
    expect(m.bytes_total).toBeGreaterThan(0);
    expect(m.messages).toBeGreaterThan(0);
    expect(m.bytes_reconnect).toBeGreaterThan(0);
    expect(m.detect_ms).not.toBeNull();
    expect(m.detect_ms).toBeGreaterThanOrEqual(0);
    expect(cell.warnings).toEqual([]);
    expect(agentsOf(o)).toEqual([]);
  });

  it('answers malformed events with 400, warns in results.json and on the console (html and github too, unit-tested), and runs on', () => {
    const o = trackedOutput();
    const r = runCli(['test', join(FIXTURES, 'own-agents/bad-events.storm.yaml'), '-o', o, '-r', 'console,json']);
    const cell = readResults(o).suites[0].cells[0];
    expectPassedUnlessOverloaded(cell, r.stdout + r.stderr);
    const warnings: string[] = cell.warnings;
    expect(
      warnings.some((w) => /^STORM_EVENTS_URL: mine-\d: 400 "peer" "nobody" is not an agent of this run/.test(w)),
      warnings.join('\n'),
    ).toBe(true);
    expect(
      warnings.some((w) => /^STORM_EVENTS_URL: mine-\d: 400 not JSON/.test(w)),
      warnings.join('\n'),
    ).toBe(true);
    expect(warnings).toHaveLength(4); // two per agent, each kept (the count is added past 5 texts)
    expect(r.stdout).toContain('STORM_EVENTS_URL: mine-');
    const logs = ['mine-0', 'mine-1'].map((a) =>
      readFileSync(
        join(o, 'workspaces', 'own-agents-malformed-events-are-rejected-warned-about-and-ch', 'json', a, 'agent.log'),
        'utf8',
      ),
    );
    for (const log of logs) expect(log).toContain('storm answered 400 to a body that is not JSON');
    expect(agentsOf(o)).toEqual([]);
  });

  for (const [name, dir] of [
    ['Python (stdlib)', 'examples/python-agent'],
    ['TypeScript (tsx)', 'examples/ts-agent'],
  ]) {
    it(`the ${name} example passes its kill-and-restart scenario and leaves nothing`, () => {
      const o = trackedOutput();
      const r = runCli(['test', join(ROOT, dir), '-o', o, '-r', 'console,json']);
      const cell = readResults(o).suites[0].cells[0];
      expectPassedUnlessOverloaded(cell, r.stdout + r.stderr);
      expect(cell.metrics.restarts).toBe(1);
      expect(cell.metrics.bytes_total).toBeGreaterThan(0);
      expect(cell.metrics.detect_ms).not.toBeNull();
      expect(cell.warnings).toEqual([]);
      expect(agentsOf(o)).toEqual([]);
    });
  }
});
