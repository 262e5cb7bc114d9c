/**
 * The engine end to end: the real CLI runs fixture scenarios with real agent processes. Checks exit
 * codes, the reports, that victims really died at the fault time, and that no agent outlives a run —
 * passed, failed, interrupted with Ctrl-C, or the runner itself SIGKILLed.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FIXTURES,
  agentsOf,
  eventually,
  readResults,
  runCli,
  startCli,
  trackedOutput,
  useTrackedOutputs,
} from './run-cli.js';

useTrackedOutputs(afterEach);
const out = trackedOutput;
const results = readResults;

describe('storm test (engine, json protocol)', () => {
  it('passes a scenario, kills the victim for real, restarts it, leaves nothing behind', () => {
    const o = out();
    const r = runCli(['test', join(FIXTURES, 'engine/pass'), '-o', o]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const cell = results(o).suites[0].cells[0];
    expect(cell.status).toBe('passed');
    const fault = cell.faults[0];
    expect(fault.verified).toBe(true);
    expect(fault.victims).toHaveLength(1);
    expect(fault.restarted).toHaveLength(1);
    expect(fault.restarted[0].pid).not.toBe(fault.pids[0]);
    // The victim's exit was observed right after the fault was applied.
    const history = readFileSync(join(o, cell.files.history), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const exit = history.find((e: any) => e.type === 'agent_exit' && e.pid === fault.pids[0]);
    expect(exit).toBeDefined();
    expect(exit.t - fault.t).toBeGreaterThanOrEqual(0);
    expect(exit.t - fault.t).toBeLessThan(1000);
    expect(exit.signal).toBe('SIGKILL');
    // Every survivor's detection of the victim says how it was made (a killed process refuses).
    const detections = history.filter((e: any) => e.type === 'detect' && e.peer === fault.victims[0] && e.t >= fault.t);
    expect(detections.length).toBeGreaterThan(0);
    for (const d of detections) expect(['refused', 'silence']).toContain(d.evidence);
    // Executions are recorded on the sending side too (here: the driver, from each ok reply) …
    const execs = history.filter((e: any) => e.type === 'exec');
    const byClient = execs.filter((e: any) => e.by === 'client');
    expect(byClient.length).toBe(history.filter((e: any) => e.type === 'task_end' && e.outcome === 'ok').length);
    // … and each such execution is also in its executor's own record, counted once.
    expect(execs.filter((e: any) => e.by === undefined).length).toBeGreaterThanOrEqual(byClient.length - 5);
    expect(cell.metrics.duplicate_work_ratio).toBe(0);
    expect(cell.metrics.resolution_ms).toBe(500); // 20/s, 250 ms base bucket, 10 samples
    expect(Number.isInteger(cell.metrics.false_suspicions)).toBe(true); // a count; 0 unless the machine stalls a detector
    expect(agentsOf(o)).toEqual([]);
  });

  it('exits 1 when an assertion fails, with the actual value in console, JUnit and JSON', () => {
    const o = out();
    const r = runCli(['test', join(FIXTURES, 'engine/fail'), '-o', o]);
    expect(r.code).toBe(1);
    const cell = results(o).suites[0].cells[0];
    expect(cell.status).toBe('failed');
    const failed = cell.assertions.find((a: any) => !a.pass);
    const issued = cell.metrics.tasks_issued;
    expect(issued).toBeGreaterThan(5);
    expect(failed.actual.tasks_issued).toBe(issued);
    expect(r.stdout).toContain(String(issued));
    expect(r.stdout).toContain('tasks_issued');
    const junit = readFileSync(join(o, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<failure[^>]*>[^<]*tasks_issued[^<]*/);
    expect(junit).toContain(String(issued));
    expect(agentsOf(o)).toEqual([]);
  });

  it('exits 3 (inconclusive, never a hang) when agents do not become ready', () => {
    const o = out();
    const r = runCli(['test', join(FIXTURES, 'engine/never-ready'), '-o', o], { timeoutMs: 30_000 });
    expect(r.code).toBe(3);
    const cell = results(o).suites[0].cells[0];
    expect(cell.status).toBe('inconclusive');
    expect(cell.reason).toMatch(/not ready within 1000 ms/);
    expect(agentsOf(o)).toEqual([]);
  });

  it('runs a user’s own JSON agents, kills and restarts them', () => {
    const o = out();
    const r = runCli(['test', join(FIXTURES, 'engine/byo-json'), '-o', o]);
    expect(r.code).toBe(0);
    const cells = results(o).suites[0].cells;
    expect(cells.find((c: any) => c.protocol === 'json').status).toBe('passed');
    expect(cells.filter((c: any) => c.status === 'skipped')).toHaveLength(4);
    expect(agentsOf(o)).toEqual([]);
  });

  it('Ctrl-C stops the run with 130, writes the reports and leaves no agent (also a paused one)', async () => {
    const o = out();
    const run = startCli(['test', join(FIXTURES, 'engine/leak'), '-o', o]);
    expect(await eventually(() => agentsOf(o).length >= 4 && run.output().includes('SIGSTOP'), 20_000)).toBe(true);
    run.child.kill('SIGINT');
    const code = await new Promise((r) => run.child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(existsSync(join(o, 'results.json'))).toBe(true);
    expect(existsSync(join(o, 'junit.xml'))).toBe(true);
    expect(results(o).run.reason).toBe('interrupted');
    expect(results(o).run.exitCode).toBe(130);
    expect(await eventually(() => agentsOf(o).length === 0, 5000)).toBe(true);
  });

  it('a SIGKILLed runner leaves no agent behind (the reaper and the agents’ own watchdog)', async () => {
    const o = out();
    const run = startCli(['test', join(FIXTURES, 'engine/leak'), '-o', o]);
    expect(await eventually(() => agentsOf(o).length >= 4 && run.output().includes('SIGSTOP'), 20_000)).toBe(true);
    run.child.kill('SIGKILL');
    expect(await eventually(() => agentsOf(o).length === 0, 5000)).toBe(true);
  });
});
