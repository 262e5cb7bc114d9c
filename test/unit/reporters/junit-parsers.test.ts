/**
 * junit.xml as third-party tools read it: two JUnit parsers from npm must count the same cells
 * storm does (1 passed, 1 failed, 1 error, 1 skipped + 1 failed load in the standard run). The
 * root `<testsuites>` counters once made test-results-parser report skipped cells as passed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as junit2json } from 'junit2json';
import { parse as parseResults } from 'test-results-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJunitXml } from '../../../reporters/junit-xml.js';
import { makeCell, makeRun } from '../report/fixtures.js';

describe('junit.xml read by third-party parsers', () => {
  let dir: string;
  let file: string;
  let xml: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'storm-junit-parsers-'));
    file = join(dir, 'junit.xml');
    xml = buildJunitXml(makeRun(), { hostname: 'ci-host' });
    writeFileSync(file, xml);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('test-results-parser counts passed, failed and skipped as storm does', () => {
    const r = parseResults({ type: 'junit', files: [file] });
    // test-results-parser folds <error> into failed and leaves skipped out of total.
    expect({ total: r.total, passed: r.passed, failed: r.failed, errors: r.errors, skipped: r.skipped }).toEqual({
      total: 4,
      passed: 1,
      failed: 2,
      errors: 1,
      skipped: 1,
    });
    const statuses = r.suites[0].cases.map((c) => `${c.name}:${c.status}`);
    expect(statuses).toEqual(['json:PASS', 'a2a:FAIL', 'acp:FAIL', 'anp:SKIP']);
  });

  it('test-results-parser would count a skipped cell as passed with the old root counters (the check can fail)', () => {
    const old = join(dir, 'old.xml');
    writeFileSync(
      old,
      xml.replace('<testsuites name="storm"', '<testsuites name="storm" tests="5" failures="2" errors="1"'),
    );
    const r = parseResults({ type: 'junit', files: [old] });
    expect(r.passed).not.toBe(1);
  });

  it('junit2json sees every suite, testcase, failure, error and skipped element', async () => {
    const out = (await junit2json(xml)) as {
      testsuite?: {
        name?: string;
        testcase?: { name?: string; failure?: unknown[]; error?: unknown[]; skipped?: unknown[] }[];
      }[];
    };
    const suites = out.testsuite ?? [];
    expect(suites).toHaveLength(2);
    const kinds = (suites[0].testcase ?? []).map(
      (t) => `${t.name}:${t.failure ? 'failure' : t.error ? 'error' : t.skipped ? 'skipped' : 'pass'}`,
    );
    expect(kinds).toEqual(['json:pass', 'a2a:failure', 'acp:error', 'anp:skipped']);
    expect(suites[1].testcase?.[0].name).toBe('load');
  });

  it('writes metric properties without float noise', () => {
    const noisy = makeRun();
    noisy.suites[0].cells[0] = makeCell({ protocol: 'json', status: 'passed', durationMs: 2998.8599999999997 });
    noisy.suites[0].cells[0].metrics!.recovery_ms = 2998.8599999999997;
    const text = buildJunitXml(noisy, { hostname: 'h' });
    expect(text).not.toMatch(/\d\.\d{7,}/);
    expect(text).toContain('name="json.recovery_ms" value="2998.86"');
  });
});
