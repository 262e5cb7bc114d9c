import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JunitReporter } from '../../../reporters/junit.js';
import { makeRepeatedRun, makeRun, TRICKY_NAME } from '../report/fixtures.js';

const XSD = fileURLToPath(new URL('../../fixtures/junit/jenkins-junit-10.xsd', import.meta.url));

/** xmllint's verdict; a missing xmllint throws (ENOENT) so the test fails instead of skipping. */
function xmllint(file: string): { status: number | null; stderr: string } {
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8', timeout: 20_000 });
  if (r.error) throw new Error(`xmllint is required (apt-get install -y libxml2-utils): ${r.error.message}`);
  return { status: r.status, stderr: r.stderr };
}

const xpath = (file: string, expr: string): string =>
  execFileSync('xmllint', ['--xpath', expr, file], { encoding: 'utf8', timeout: 20_000 }).trim();

describe('JunitReporter', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'storm-junit-'));
    file = join(dir, 'out', 'junit.xml');
    await new JunitReporter({ outputDir: 'out', cwd: dir }).onRunEnd(makeRun());
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('validates against the Jenkins JUnit schema', () => {
    const r = xmllint(file);
    expect(r.stderr).toContain('validates');
    expect(r.status).toBe(0);
  });

  it('is rejected by the schema when broken (the check can fail)', () => {
    const broken = join(dir, 'broken.xml');
    writeFileSync(
      broken,
      readFileSync(file, 'utf8').replace('<testsuites name="storm"', '<testsuites skipped="1" name="storm"'),
    );
    expect(xmllint(broken).status).not.toBe(0);
  });

  it('has no counters on testsuites (parsers sum the suites) and one testsuite per scenario file', () => {
    expect(
      xpath(file, 'count(/testsuites/@tests | /testsuites/@failures | /testsuites/@errors | /testsuites/@skipped)'),
    ).toBe('0');
    expect(xpath(file, 'string(/testsuites/@time)')).toBe('48.200');
    expect(xpath(file, 'count(/testsuites/testsuite)')).toBe('2');
    const suite = '/testsuites/testsuite[1]';
    expect(xpath(file, `string(${suite}/@name)`)).toBe(TRICKY_NAME.replace('\u0001', ''));
    expect(xpath(file, `concat(${suite}/@tests, ${suite}/@failures, ${suite}/@errors, ${suite}/@skipped)`)).toBe(
      '4111',
    );
    expect(xpath(file, `string(${suite}/@time)`)).toBe('37.035');
  });

  it('writes one testcase per cell with failure, error and skipped', () => {
    const tc = (name: string) => `/testsuites/testsuite[1]/testcase[@name="${name}"]`;
    expect(xpath(file, `count(${tc('json')}/*)`)).toBe('0');
    expect(xpath(file, `string(${tc('a2a')}/failure/@type)`)).toBe('assertion');
    expect(xpath(file, `string(${tc('a2a')}/failure)`)).toContain(
      'recovery_ms < 5000 — recovery_ms 7310 is not < 5000 (actual: recovery_ms=7310)',
    );
    expect(xpath(file, `string(${tc('a2a')}/failure)`)).not.toContain('latency'); // passing assertions are not listed
    expect(xpath(file, `string(${tc('acp')}/error/@type)`)).toBe('inconclusive');
    expect(xpath(file, `string(${tc('acp')}/error/@message)`)).toBe(
      'agent worker-2 not ready within 10s\nstderr: <boom>',
    );
    expect(xpath(file, `string(${tc('anp')}/skipped/@message)`)).toContain('pinned');
  });

  it('puts per-cell metrics as protocol-prefixed properties on the testsuite', () => {
    const prop = (name: string) => `string(/testsuites/testsuite[1]/properties/property[@name="${name}"]/@value)`;
    expect(xpath(file, prop('json.recovery_ms'))).toBe('1750');
    expect(xpath(file, prop('a2a.recovery_ms'))).toBe('7310');
    expect(xpath(file, prop('json.reconnect_ms'))).toBe('null');
    expect(xpath(file, prop('acp.status'))).toBe('inconclusive');
    expect(xpath(file, prop('json.seed'))).toBe('42');
    // a skipped cell drew no seed: no `anp.seed` property at all
    expect(xpath(file, 'count(/testsuites/testsuite[1]/properties/property[@name="anp.seed"])')).toBe('0');
    expect(xpath(file, prop('anp.status'))).toBe('skipped');
  });

  it('puts the harness block and the baseline health as properties of each cell that ran', () => {
    const prop = (name: string) => `string(/testsuites/testsuite[1]/properties/property[@name="${name}"]/@value)`;
    expect(xpath(file, prop('json.harness.overloaded'))).toBe('false');
    expect(xpath(file, prop('json.harness.issue_lag_p99_ms'))).toBe('1.8');
    expect(xpath(file, prop('json.harness.loop_delay_runner_max_ms'))).toBe('12');
    expect(xpath(file, prop('json.harness.loop_delay_agent'))).toBe('worker-3');
    expect(xpath(file, prop('json.harness.tasks_after_end'))).toBe('0');
    expect(xpath(file, prop('json.baseline.success_rate'))).toBe('1');
    expect(xpath(file, 'count(//property[starts-with(@name, "acp.harness.")])')).toBe('0');
  });

  it('reports a file that failed to load as a failed "load" testcase with file:line:col issues', () => {
    const suite = '/testsuites/testsuite[2]';
    expect(xpath(file, `string(${suite}/@name)`)).toBe('scenarios/broken.storm.yaml');
    expect(xpath(file, `string(${suite}/testcase/@name)`)).toBe('load');
    const body = xpath(file, `string(${suite}/testcase/failure)`);
    expect(body).toContain(
      'scenarios/broken.storm.yaml:14:7  faults[0].kill  agent "planer" is not declared — did you mean "planner"?',
    );
    expect(body).toContain('scenarios/broken.storm.yaml:20:5  expect[1]  unknown metric "recovery"');
  });

  it('still writes a valid file for an interrupted run with no cells', async () => {
    const run = makeRun({ reason: 'interrupted', suites: [] });
    await new JunitReporter({ outputDir: 'out', cwd: dir }).onRunEnd(run);
    expect(xmllint(file).status).toBe(0);
    expect(xpath(file, 'count(/testsuites/testsuite)')).toBe('0');
  });
});

describe('JunitReporter with --repeat', () => {
  let dir: string;
  let file: string;
  const write = async (minPassRate: number) => {
    await new JunitReporter({ outputDir: 'out', cwd: dir }).onRunEnd(makeRepeatedRun(minPassRate));
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storm-junit-rep-'));
    file = join(dir, 'out', 'junit.xml');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const tc = (name: string) => `/testsuites/testsuite[1]/testcase[@name="${name}"]`;
  const prop = (name: string) => `string(/testsuites/testsuite[1]/properties/property[@name="${name}"]/@value)`;

  it('writes one testcase per scenario × protocol with the repeated verdict, and validates', async () => {
    await write(1);
    expect(xmllint(file).status).toBe(0);
    expect(xpath(file, 'count(/testsuites/testsuite[1]/testcase)')).toBe('2');
    expect(xpath(file, 'concat(/testsuites/testsuite[1]/@tests, "/", /testsuites/testsuite[1]/@failures)')).toBe('2/1');
    expect(xpath(file, `count(${tc('json')}/failure)`)).toBe('0');
    expect(xpath(file, `string(${tc('anp')}/failure/@type)`)).toBe('flaky');
    expect(xpath(file, `string(${tc('anp')}/failure/@message)`)).toBe(
      'flaky: 5/7 judged runs passed (71%) < min-pass-rate 100%',
    );
    expect(xpath(file, `string(${tc('anp')}/failure)`)).toContain('#r3 (seed 45):');
    expect(xpath(file, `string(${tc('anp')}/system-out)`)).toContain('#r1 (seed 43): failed');
  });

  it('a flaky cell that reaches --min-pass-rate passes with one flakyFailure per failed run', async () => {
    await write(0.7);
    const r = xmllint(file);
    expect(r.stderr).toContain('validates');
    expect(xpath(file, 'string(/testsuites/testsuite[1]/@failures)')).toBe('0');
    expect(xpath(file, `count(${tc('anp')}/failure)`)).toBe('0');
    expect(xpath(file, `count(${tc('anp')}/flakyFailure)`)).toBe('2');
    expect(xpath(file, `string(${tc('anp')}/flakyFailure[1]/@message)`)).toContain('#r1 (seed 43)');
    expect(xpath(file, `string(${tc('anp')}/system-out)`)).toMatch(/^passed — flaky: 5\/7/);
  });

  it('records pass rate, flakiness and the metric intervals as properties', async () => {
    await write(1);
    expect(xpath(file, prop('anp.flaky'))).toBe('true');
    expect(xpath(file, prop('json.flaky'))).toBe('false');
    expect(xpath(file, prop('anp.pass_rate'))).toBe('0.714286');
    expect(xpath(file, prop('anp.verdict'))).toBe('failed');
    expect(xpath(file, prop('json.recovery_ms.median'))).toBe('1125');
    expect(xpath(file, prop('json.recovery_ms.ci95'))).toBe('1000..1500');
    expect(xpath(file, prop('anp.recovery_ms.nulls'))).toBe('1');
    expect(xpath(file, prop('anp.r1.status'))).toBe('failed');
  });
});
