/**
 * `storm test --baseline` with the real CLI: a run compared with a stored run passes when nothing
 * changed, fails (exit 1) on an injected regression beyond the scenario's `regression:` tolerance,
 * shows before → after in the console, HTML and JSON, and lists cells only one side has.
 * test/fixtures/baseline/reg.storm.yaml draws its failures from the seeded PRNG, so load cannot move it.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { schemaErrors } from './results-schema.js';
import { FIXTURES, readResults, runCli, trackedOutput, useTrackedOutputs } from './run-cli.js';

useTrackedOutputs(afterEach);

describe('--baseline', () => {
  const work = trackedOutput();
  const scenario = join(work, 'reg.storm.yaml');
  const original = readFileSync(join(FIXTURES, 'baseline/reg.storm.yaml'), 'utf8');
  const test = (out: string, ...args: string[]) =>
    runCli(['test', '.', '-o', out, ...args], { cwd: work, timeoutMs: 120_000 });

  beforeAll(() => {
    // The baseline run holds one more scenario than the runs compared with it: a cell missing now.
    cpSync(join(FIXTURES, 'baseline/reg.storm.yaml'), scenario);
    cpSync(join(FIXTURES, 'shards/b.storm.yaml'), join(work, 'gone.storm.yaml'));
    const r = test('base', '-r', 'json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    rmSync(join(work, 'gone.storm.yaml'));
  }, 120_000);

  it('passes when nothing regressed, and lists the baseline cell that did not run', () => {
    const r = test('same', '--baseline', 'base', '-r', 'console,json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /Baseline base — 0 regressed cells\n {2}✓ Regression .*\[json\] {2}success_rate {2}1 → 1 {2}0% \(tolerance 10%\)/,
    );
    expect(r.stdout).toMatch(/in the baseline but not run now: gone\.storm\.yaml#json/);
    const doc = readResults(join(work, 'same'));
    expect(schemaErrors(doc)).toBe('');
    expect(doc.baseline).toEqual({
      source: 'base',
      newCells: [],
      missingCells: ['gone.storm.yaml#json'],
      regressions: 0,
    });
  });

  it('fails with exit 1 on an injected regression, with before → after in every report', () => {
    writeFileSync(scenario, original.replace('fail_rate: 0%', 'fail_rate: 60%'));
    const r = test('worse', '--baseline', join('base', 'results.json'), '-r', 'console,json,junit,html');
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /✗ success_rate within 10% of the baseline +— success_rate 0\.\d+ is \d+(\.\d)?% worse than the baseline's 1 \(tolerance 10%\)/,
    );
    expect(r.stdout).toMatch(
      /Baseline base\/results\.json — 1 regressed cell\n {2}✗ .*success_rate {2}1 → 0\.\d+ {2}\+\d+/,
    );
    const doc = readResults(join(work, 'worse'));
    expect(schemaErrors(doc)).toBe('');
    const cell = doc.suites[0].cells[0];
    expect(cell.status).toBe('failed');
    expect(cell.regression.checks).toMatchObject([{ metric: 'success_rate', before: 1, regressed: true }]);
    expect(cell.regression.checks[0].after).toBeLessThan(0.9);
    expect(readFileSync(join(work, 'worse/junit.xml'), 'utf8')).toMatch(
      /<failure message="[^"]*success_rate[^"]*worse than the baseline/,
    );
    expect(readFileSync(join(work, 'worse/report.html'), 'utf8')).toMatch(
      /<section class="baseline">.*<td>success_rate<\/td><td>1<\/td><td>0\.\d+<\/td>.*✗ regressed/s,
    );
  });

  it('a missing or unreadable baseline is a usage error naming the path (exit 2)', () => {
    const r = test('x', '--baseline', 'nowhere');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nowhere: no such file or directory/);
    writeFileSync(join(work, 'broken.json'), '{"version": 1, "suites": [');
    const b = test('x', '--baseline', 'broken.json');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/broken\.json: not readable JSON/);
    expect(b.stderr).not.toMatch(/\n\s+at /);
  });
});
