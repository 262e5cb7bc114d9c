/**
 * No process survives a run (SPEC §2, §8), whatever way it ends: the fixture's user agents start a
 * daemon in a new session (outside their process group), ignore SIGTERM, and take a while to become
 * ready. The runner is SIGKILLed during start-up, during the run and during teardown; afterwards no
 * process carrying the run's workspace in its environment may be left.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killTagged } from '../../src/run/sweep.js';
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
const DAEMON = join(FIXTURES, 'engine/daemon');

describe('no process survives the run', () => {
  it('a passing run leaves neither the agents nor their setsid daemons', () => {
    const o = trackedOutput();
    const r = runCli(['test', DAEMON, '-o', o]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(agentsOf(o)).toEqual([]);
  });

  it('the runner SIGKILLed during agent start-up', async () => {
    const o = trackedOutput();
    const run = startCli(['test', DAEMON, '-o', o], undefined, { DAEMON_READY_DELAY_MS: '4000' });
    // both agents and both daemons exist, none is ready yet
    expect(await eventually(() => agentsOf(o).length >= 4, 20_000)).toBe(true);
    expect(run.output()).not.toContain('running');
    run.child.kill('SIGKILL');
    expect(await eventually(() => agentsOf(o).length === 0, 5000), `left: ${agentsOf(o)}`).toBe(true);
  });

  it('the runner SIGKILLed while the workload runs', async () => {
    const o = trackedOutput();
    const run = startCli(['test', DAEMON, '-o', o]);
    expect(await eventually(() => run.output().includes('running'), 20_000)).toBe(true);
    run.child.kill('SIGKILL');
    expect(await eventually(() => agentsOf(o).length === 0, 5000), `left: ${agentsOf(o)}`).toBe(true);
  });

  it('the runner SIGKILLed during teardown (agents ignoring SIGTERM hold it in the grace period)', async () => {
    const o = trackedOutput();
    const run = startCli(['test', DAEMON, '-o', o]);
    expect(await eventually(() => run.output().includes('stopping'), 30_000)).toBe(true);
    run.child.kill('SIGKILL');
    expect(await eventually(() => agentsOf(o).length === 0, 5000), `left: ${agentsOf(o)}`).toBe(true);
  });
});

describe('Ctrl-C', () => {
  it('during a long start-up exits 130 at once, says "interrupted", and leaves nothing', async () => {
    const o = trackedOutput();
    const run = startCli(['test', join(FIXTURES, 'engine/slow-ready'), '-o', o], undefined, {
      DAEMON_READY_DELAY_MS: '50000',
    });
    expect(await eventually(() => agentsOf(o).length >= 2, 20_000)).toBe(true);
    const exited = new Promise<number | null>((resolve) => run.child.once('exit', (code) => resolve(code)));
    const sent = Date.now();
    run.child.kill('SIGINT');
    const code = await exited;
    // the agents' `ready: 60s` is what it would have waited without the fix; a generous bound, not a timing
    expect(Date.now() - sent).toBeLessThan(20_000);
    expect(code).toBe(130);
    const cell = readResults(o).suites[0].cells[0];
    expect(cell.reason).toMatch(/interrupted/);
    expect(cell.reason).not.toMatch(/not ready/);
    expect(agentsOf(o)).toEqual([]);
  });
});

describe('Ctrl-C while tasks are in flight', () => {
  const HANG = join(FIXTURES, 'engine/slow-ready/hang.storm.yaml');

  /** A run whose agent never answers, once its workload is running; `exited` resolves with the exit code. */
  async function runningHungRun(o: string) {
    const run = startCli(['test', HANG, '-o', o], undefined, { DAEMON_HANG_REPLIES: '1' });
    expect(await eventually(() => run.output().includes('running'), 20_000)).toBe(true);
    const exited = new Promise<number | null>((resolve) => run.child.once('exit', (code) => resolve(code)));
    return { run, exited };
  }

  it('exits 130 without waiting out task_timeout (60 s), with the reports written', async () => {
    const o = trackedOutput();
    const { run, exited } = await runningHungRun(o);
    await new Promise((r) => setTimeout(r, 1000)); // let some tasks get stuck
    const sent = Date.now();
    run.child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - sent).toBeLessThan(20_000); // generous: the bug waited 60 s
    expect(readResults(o).suites[0].cells[0].reason).toMatch(/interrupted/);
    expect(agentsOf(o)).toEqual([]);
  });

  it('a second Ctrl-C exits at once and still leaves nothing', async () => {
    const o = trackedOutput();
    const { run, exited } = await runningHungRun(o);
    run.child.kill('SIGINT');
    run.child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(await eventually(() => agentsOf(o).length === 0, 5000), `left: ${agentsOf(o)}`).toBe(true);
  });
});

describe('killTagged', () => {
  it('finds a process by an exact tag in its environment, even in another session, and only that one', async () => {
    const tag = `t${process.pid}-${Date.now()}`;
    const tagged = spawn('sleep', ['30'], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, STORM_TEST_TAG: tag },
    });
    const near = spawn('sleep', ['30'], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, STORM_TEST_TAG: `${tag}x` },
    });
    const gone = new Promise((resolve) => tagged.once('exit', resolve));
    try {
      expect(await eventually(() => killTagged('STORM_TEST_TAG', tag) === 1, 2000)).toBe(true);
      await gone;
      expect(near.exitCode).toBeNull();
    } finally {
      tagged.kill('SIGKILL');
      near.kill('SIGKILL');
    }
  });
});
