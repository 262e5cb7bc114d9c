/**
 * The harness checks itself, end to end: the real CLI runs a small passing scenario while the
 * test-only hook STORM_TEST_STALL_MS blocks the runner's event loop for 400 ms at t=3 s. The cell must
 * be inconclusive (exit 3) with `harness overloaded` and the measured loop delay in every report.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, agentsOf, readResults, runCli, trackedOutput, useTrackedOutputs } from './run-cli.js';

useTrackedOutputs(afterEach);

const XSD = join(FIXTURES, 'junit/jenkins-junit-10.xsd');

describe('storm test with a stalled runner', () => {
  it('exits 3: inconclusive, harness overloaded, with the loop delay in JSON, JUnit, console and HTML', () => {
    const o = trackedOutput();
    const reporters = ['-r', 'console', '-r', 'junit', '-r', 'json', '-r', 'html'];
    const r = runCli(['test', join(FIXTURES, 'engine/stall'), '-o', o, ...reporters], {
      env: { STORM_TEST_STALL_MS: '400@3000' },
      timeoutMs: 60_000,
    });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(3);

    const cell = readResults(o).suites[0].cells[0];
    expect(cell.status).toBe('inconclusive');
    expect(cell.reason).toMatch(/^harness overloaded: /);
    const delay = /runner loop delay max (\d+) ms > 250 ms/.exec(cell.reason);
    expect(delay, cell.reason).not.toBeNull();
    const ms = Number(delay![1]);
    // The stall is 400 ms; the monitor reports what exceeds its 20 ms tick, so never much less than 380.
    expect(ms).toBeGreaterThanOrEqual(350);
    expect(cell.harness.overloaded).toBe(true);
    expect(cell.harness.loopDelay.runner.max).toBeGreaterThanOrEqual(350);
    expect(cell.harness.tasksAfterEnd).toBe(0);
    // The agents sampled their own loops too (and were not stalled).
    expect(cell.harness.loopDelay.worstAgent.agent).toMatch(/^node-[01]$/);
    // Tasks scheduled during the stall left when it ended: that lag is measured too.
    expect(cell.harness.issueLag.max).toBeGreaterThan(250);
    // The assertions were still evaluated (and would have passed): the stall, not the system, decided.
    expect(cell.assertions.length).toBe(2);

    const junitFile = join(o, 'junit.xml');
    const junit = readFileSync(junitFile, 'utf8');
    expect(junit).toMatch(
      new RegExp(
        `<error type="inconclusive" message="harness overloaded: [^"]*runner loop delay max ${ms} ms &gt; 250 ms`,
      ),
    );
    expect(junit).toContain('<property name="json.harness.overloaded" value="true"/>');
    const x = spawnSync('xmllint', ['--noout', '--schema', XSD, junitFile], { encoding: 'utf8', timeout: 20_000 });
    expect(x.error, 'xmllint must be installed (apt-get install -y libxml2-utils)').toBeUndefined();
    expect(x.status, x.stderr).toBe(0);

    expect(r.stdout).toContain(`runner loop delay max ${ms} ms > 250 ms`);
    expect(r.stdout).toMatch(/json\s+harness: issue lag p99 .* — overloaded/);

    const html = readFileSync(join(o, 'report.html'), 'utf8');
    expect(html).toContain(`harness overloaded: `);
    expect(html).toContain(`runner loop delay max ${ms} ms &gt; 250 ms`);
    expect(html).toMatch(/<details class="harness" open><summary>Harness <span class="inconclusive">overloaded/);

    expect(agentsOf(o)).toEqual([]);
  });

  it('a malformed stall variable is refused with the expected format, never silently ignored', () => {
    const o = trackedOutput();
    const r = runCli(['test', join(FIXTURES, 'engine/stall'), '-o', o], {
      env: { STORM_TEST_STALL_MS: '400ms' },
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(3);
    expect(readResults(o).suites[0].cells[0].reason).toContain(
      'STORM_TEST_STALL_MS="400ms" is not <ms>@<at ms>, e.g. 400@3000',
    );
    expect(agentsOf(o)).toEqual([]);
  });
});
