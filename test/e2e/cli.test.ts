/**
 * `storm test` options and exit codes beyond the engine cases: a file that fails to load is a failed
 * suite in every report while the other files still run (exit 2); usage errors exit 2 without a
 * stack; --list runs nothing; --bail stops early; a user's reporter module is loaded.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, readResults, runCli, trackedOutput, useTrackedOutputs } from './run-cli.js';

useTrackedOutputs(afterEach);
const out = trackedOutput;
const results = readResults;

describe('storm test: loading, options, exit codes', () => {
  it('reports a file that fails to load as a failed suite, runs the others, exits 2', () => {
    const o = out();
    const bad = join(FIXTURES, 'invalid/unknown-key');
    const r = runCli(['test', bad, join(FIXTURES, 'engine/fail'), '-o', o]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    const suites = results(o).suites;
    const failedLoad = suites.find((s: any) => s.loadErrors.length > 0);
    expect(failedLoad.file).toMatch(/unknown-key/);
    expect(failedLoad.status).toBe('failed');
    const ran = suites.find((s: any) => s.loadErrors.length === 0);
    expect(ran.cells[0].status).toBe('failed'); // the other file still ran (and its assertion failed)
    const junit = readFileSync(join(o, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase[^>]*name="load"[\s\S]*?<failure/);
    expect(r.stdout + r.stderr).toMatch(/unknown-key[^\n]*:\d+:\d+/);
  });

  it('rejects an unknown protocol with a did-you-mean and exit 2', () => {
    const r = runCli(['test', join(FIXTURES, 'engine/pass'), '--protocol', 'jsno']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown protocol "jsno".*did you mean "json"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a bad --shard and an unknown reporter with exit 2', () => {
    expect(runCli(['test', join(FIXTURES, 'engine/pass'), '--shard', '3/2']).code).toBe(2);
    const r = runCli(['test', join(FIXTURES, 'engine/pass'), '-r', 'junti', '-o', out()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/junti.*junit/);
  });

  it('--list prints the cells and runs nothing', () => {
    const r = runCli(['test', 'scenarios/', '--list', '--protocol', 'json,anp', '--name', 'Fail-storm']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fail-storm\.storm\.yaml#json/);
    expect(r.stdout).toMatch(/fail-storm\.storm\.yaml#anp/);
    expect(r.stdout).not.toMatch(/#a2a/);
    expect(r.stdout).toMatch(/^2 cells$/m); // the regex is case-sensitive: "Paper — Fail-Storm" does not match
  });

  it('--bail stops after the first failed cell and still writes the reports', () => {
    const o = out();
    const r = runCli(['test', join(FIXTURES, 'engine/fail'), '--protocol', 'json', '--repeat', '3', '--bail', '-o', o]);
    expect(r.code).toBe(1);
    const res = results(o);
    expect(res.run.reason).toBe('bail');
    expect(res.suites[0].cells.map((c: any) => c.status)).toEqual(['failed', 'skipped', 'skipped']);
    expect(res.suites[0].cells[1].reason).toBe('not run: stopped by --bail');
  });

  it('storm plan prints the seeded victims and the rules per protocol; a different seed picks others', () => {
    const r = runCli(['plan', 'scenarios/fail-storm.storm.yaml', '--protocol', 'json,anp']);
    expect(r.code).toBe(0);
    const victims = /t=2\.50s {2}SIGKILL (.+)/.exec(r.stdout)?.[1];
    expect(victims?.split(', ')).toHaveLength(3); // ceil(30% of 8)
    expect(r.stdout).toMatch(/\[json\][\s\S]*\[anp\]/);
    expect(r.stdout).toContain(`t=4.50s  restart ${victims}`);
    const other = runCli(['plan', 'scenarios/fail-storm.storm.yaml', '--protocol', 'json', '--seed', '7']);
    expect(/t=2\.50s {2}SIGKILL (.+)/.exec(other.stdout)?.[1]).not.toBe(victims);
    expect(runCli(['plan', join(FIXTURES, 'invalid/unknown-key/x.storm.yaml')]).code).toBe(2);
  });
});

// One real run of a passing, a failing and an inconclusive cell serves both the JUnit check and the
// user reporter, which sees the same three cells and the run's exit code.
describe('storm test: a real run with a passing, a failing and an inconclusive cell', () => {
  let o = '';
  let r: { code: number | null; stdout: string; stderr: string };
  beforeAll(() => {
    o = out();
    const mod = join(o, 'my-reporter.mjs');
    writeFileSync(
      mod,
      `export default class { constructor(opts) { this.opts = opts; this.seen = []; }
      onCellEnd(r) { this.seen.push(r.protocol + ':' + r.status); }
      onRunEnd(r) { console.log('MINE ' + this.seen.join(',') + ' exit=' + r.exitCode); } }`,
    );
    r = runCli([
      'test',
      join(FIXTURES, 'engine/pass'),
      join(FIXTURES, 'engine/fail'),
      join(FIXTURES, 'engine/never-ready'),
      '-r',
      'console,junit,json,html',
      '-r',
      mod,
      '-o',
      o,
    ]);
  }, 120_000);

  it('writes JUnit that validates against the Jenkins schema', () => {
    expect(r.code).toBe(1); // a failed assertion outranks inconclusive
    const statuses = readResults(o)
      .suites.map((s: any) => s.cells[0].status)
      .sort();
    expect(statuses).toEqual(['failed', 'inconclusive', 'passed']);
    const x = spawnSync(
      'xmllint',
      ['--noout', '--schema', join(FIXTURES, 'junit/jenkins-junit-10.xsd'), join(o, 'junit.xml')],
      { encoding: 'utf8' },
    );
    expect(x.error, 'xmllint must be installed (apt-get install -y libxml2-utils)').toBeUndefined();
    expect(x.status, x.stderr).toBe(0);
    const junit = readFileSync(join(o, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<failure /);
    expect(junit).toMatch(/<error [^>]*type="inconclusive"/);
  });

  it('loads a user reporter module through the public interface', () => {
    // It saw every cell end with the status results.json gives it, and the run's exit code.
    const mine = /^MINE (.*) exit=(\d+)$/m.exec(r.stdout);
    expect(mine, r.stdout).not.toBeNull();
    const statuses = readResults(o).suites.map((s: any) => `json:${s.cells[0].status}`);
    expect(statuses).toHaveLength(3);
    expect(mine![1].split(',').sort()).toEqual(statuses.sort());
    expect(Number(mine![2])).toBe(r.code);
  });
});
