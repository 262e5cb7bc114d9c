/**
 * --repeat end to end: the real CLI runs a fixture whose seeded flaky tool fails only in the second
 * of three repeats (seeds 9173, 9174, 9175; see the fixture's comment). The flaky cell must show in
 * results.json, a JUnit file that validates, and the console; --min-pass-rate decides the exit code.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, agentsOf, readResults, runCli, trackedOutput, useTrackedOutputs } from './run-cli.js';

useTrackedOutputs(afterEach);
const FLAKY = join(FIXTURES, 'repeats/flaky');

function validateJunit(output: string): void {
  const x = spawnSync(
    'xmllint',
    ['--noout', '--schema', join(FIXTURES, 'junit/jenkins-junit-10.xsd'), join(output, 'junit.xml')],
    { encoding: 'utf8' },
  );
  expect(x.error, 'xmllint must be installed (apt-get install -y libxml2-utils)').toBeUndefined();
  expect(x.status, x.stderr).toBe(0);
}

describe('storm test --repeat', () => {
  it('derives seeds per repeat and lists them', () => {
    const r = runCli(['test', FLAKY, '--repeat', '3', '--list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/flaky\.storm\.yaml#json#r0 {2}seed 9173 /);
    expect(r.stdout).toMatch(/flaky\.storm\.yaml#json#r2 {2}seed 9175 /);
  });

  it('storm plan --repeat shows each repeat with its seed and its own victims', () => {
    const r = runCli(['plan', 'scenarios/fail-storm.storm.yaml', '--protocol', 'json', '--repeat', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\[json #r0\] {2}seed 42\n[\s\S]*\[json #r1\] {2}seed 43\n[\s\S]*\[json #r2\] {2}seed 44\n/,
    );
    const victims = [...r.stdout.matchAll(/t=2\.50s {2}SIGKILL (.+)/g)].map((m) => m[1]);
    expect(victims).toHaveLength(3);
    expect(new Set(victims).size).toBeGreaterThan(1);
  });

  it('a cell whose runs disagree is flaky in every report and fails under the default --min-pass-rate 1', () => {
    const o = trackedOutput();
    const r = runCli(['test', FLAKY, '--repeat', '3', '-r', 'console', '-r', 'junit', '-r', 'json', '-o', o]);
    expect(r.code).toBe(1);
    const res = readResults(o);
    expect(res.suites[0].cells.map((c: any) => [c.seed, c.status])).toEqual([
      [9173, 'passed'],
      [9174, 'failed'],
      [9175, 'passed'],
    ]);
    expect(res.summary.repeats).toEqual([
      expect.objectContaining({ protocol: 'json', runs: 3, passed: 2, failed: 1, flaky: true, status: 'failed' }),
    ]);
    expect(res.suites[0].status).toBe('failed');
    expect(res.suites[0].repeated[0].metrics.tasks_failed).toMatchObject({ runs: 3, n: 3, nulls: 0, min: 0 });
    validateJunit(o);
    const junit = readFileSync(join(o, 'junit.xml'), 'utf8');
    expect(junit).toMatch(
      /<failure type="flaky" message="flaky: 2\/3 judged runs passed \(67%\) &lt; min-pass-rate 100%">/,
    );
    expect(junit).toContain('<property name="json.flaky" value="true"/>');
    expect(r.stdout).toContain('failed — flaky: 2/3 judged runs passed (67%) < min-pass-rate 100%');
    expect(r.stdout).toMatch(/json .*2\/3 passed\s+failed \(flaky\)/);
    expect(agentsOf(o)).toEqual([]);
  });

  it('--min-pass-rate 0.6 lets the same flaky cell pass (exit 0), still marked flaky; --bail waits until it cannot pass', () => {
    const o = trackedOutput();
    const r = runCli([
      'test',
      FLAKY,
      '--repeat',
      '3',
      '--min-pass-rate',
      '0.6',
      '--bail',
      '-r',
      'console',
      '-r',
      'junit',
      '-r',
      'json',
      '-o',
      o,
    ]);
    expect(r.code).toBe(0);
    const res = readResults(o);
    expect(res.run).toMatchObject({ minPassRate: 0.6, repeat: 3, reason: 'completed' });
    expect(res.suites[0].cells.map((c: any) => c.status)).toEqual(['passed', 'failed', 'passed']);
    expect(res.summary.repeats[0]).toMatchObject({ flaky: true, status: 'passed' });
    validateJunit(o);
    expect(readFileSync(join(o, 'junit.xml'), 'utf8')).toMatch(
      /<flakyFailure type="assertion" message="#r1 \(seed 9174\): tasks_failed \d+ is not == 0">/,
    );
    expect(r.stdout).toContain('passed — flaky: 2/3 judged runs passed (67%) ≥ min-pass-rate 60%');
  });

  it('rejects a --min-pass-rate outside 0..1 with a usage error, before running anything', () => {
    const r = runCli(['test', FLAKY, '--repeat', '3', '--min-pass-rate', '1.5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--min-pass-rate expects a share between 0 and 1 (e.g. 0.9 or 90%), got "1.5"');
    expect(runCli(['test', FLAKY, '--workers', 'many']).code).toBe(2);
  });
});
