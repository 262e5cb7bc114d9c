/**
 * Every invalid fixture produces exactly the issues its expected.json lists (position, path, code and
 * words); every valid fixture loads clean; and every issue code the loader can emit has an invalid fixture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSERT_ERROR_CODES, type AssertErrorCode } from '../../../src/model/errors.js';
import { formatIssue, loadScenarioFile, loadScenarios } from '../../../src/scenario/index.js';
import { emittedCodes } from './issue-codes.js';

const root = join(import.meta.dirname, '../../fixtures');
const invalid = readdirSync(join(root, 'invalid')).sort();

interface Expected {
  issues: { at: string; path: string; code: string; words: string[] }[];
}

const expectedOf = (name: string): Expected =>
  JSON.parse(readFileSync(join(root, 'invalid', name, 'expected.json'), 'utf8')) as Expected;

describe('invalid fixtures', () => {
  it.each(invalid)('%s', async (name) => {
    const dir = join(root, 'invalid', name);
    const expected = expectedOf(name);
    const r = await loadScenarioFile(join(dir, 'x.storm.yaml'));
    expect(r.scenario).toBeNull();
    const lines = r.issues.map((i) => formatIssue(i, dir));
    expect(
      r.issues.map((i) => `${i.line}:${i.col} ${i.path}`),
      lines.join('\n'),
    ).toEqual(expected.issues.map((e) => `${e.at} ${e.path}`));
    expect(
      r.issues.map((i) => i.code),
      lines.join('\n'),
    ).toEqual(expected.issues.map((e) => e.code));
    expected.issues.forEach((e, k) => {
      for (const w of e.words) expect(lines[k]).toContain(w);
    });
  });
});

describe('valid fixtures', () => {
  it('load without issues', async () => {
    const results = await loadScenarios([join(root, 'valid')], root);
    expect(results.length).toBeGreaterThanOrEqual(5);
    for (const r of results) expect(r.issues.map((i) => formatIssue(i, root))).toEqual([]);
    expect(results.every((r) => r.scenario !== null)).toBe(true);
  });
});

/**
 * Codes no scenario file's content can produce, so no invalid fixture has them; each is tested where
 * it can happen. Keep this list short: a code that a mistake in a *.storm.yaml can cause needs a fixture.
 */
const EXEMPT: Record<string, string> = {
  'internal-error': 'a bug in storm, not in the file (load-isolation.test.ts forces one)',
  'path-not-found': 'the path given does not exist; a fixture always has its x.storm.yaml (discover-format.test.ts)',
  unreadable: 'file or folder permissions, which git does not keep and root ignores (hostile-input.test.ts)',
  'not-a-file': 'the path is a directory, FIFO or device, not a file with content (hostile-input.test.ts)',
  'file-too-large': 'needs a file over 256 KiB, too heavy to commit as a fixture (hostile-input.test.ts builds one)',
};

/**
 * The assertion parser has 23 error codes (ASSERT_ERROR_CODES), each reported as `assert-<code>` and
 * each tested in the assertion parser's own unit tests. Fixtures cover a representative handful of the
 * mistakes people make in `expect:` lines, not all 23.
 */
const ASSERT_REPRESENTATIVES: AssertErrorCode[] = [
  'unknown-metric',
  'unit-mismatch',
  'unexpected-token',
  'unknown-phase',
  'unknown-unit',
  'needs-aggregation',
  'too-deep',
  'bad-number',
];

describe('issue codes', () => {
  const emitted = emittedCodes(join(import.meta.dirname, '../../../src/scenario'));
  const inFixtures = new Set(invalid.flatMap((name) => expectedOf(name).issues.map((i) => i.code)));

  it('the source scan finds the loader codes (sanity check of the scan itself)', () => {
    expect(emitted.codes.size).toBeGreaterThanOrEqual(60);
    for (const c of ['unknown-key', 'missing-key', 'bad-rate', 'not-a-file', 'name-too-long', 'yaml-syntax'])
      expect(emitted.codes.has(c), c).toBe(true);
    expect(emitted.assertFamily, 'the loader still reports assertion errors as `assert-${code}`').toBe(true);
  });

  it('every code a scenario file can produce has an invalid fixture', () => {
    const missing = [...emitted.codes.keys()].filter((c) => !(c in EXEMPT) && !inFixtures.has(c)).sort();
    expect(missing, `codes without an invalid fixture: ${missing.join(', ')}`).toEqual([]);
  });

  it(`at least ${ASSERT_REPRESENTATIVES.length} assert-* codes have an invalid fixture`, () => {
    expect(new Set(ASSERT_REPRESENTATIVES).size).toBeGreaterThanOrEqual(6);
    const missing = ASSERT_REPRESENTATIVES.filter((c) => !inFixtures.has(`assert-${c}`));
    expect(missing, `assert codes without an invalid fixture: ${missing.join(', ')}`).toEqual([]);
  });

  it('fixtures and exemptions name only codes the loader can emit', () => {
    const known = new Set([...emitted.codes.keys(), ...ASSERT_ERROR_CODES.map((c) => `assert-${c}`)]);
    expect(
      [...inFixtures].filter((c) => !known.has(c)),
      'fixture codes the loader never emits',
    ).toEqual([]);
    expect(
      Object.keys(EXEMPT).filter((c) => !emitted.codes.has(c)),
      'stale exemptions',
    ).toEqual([]);
    expect(
      Object.keys(EXEMPT).filter((c) => inFixtures.has(c)),
      'exempt codes that do have a fixture',
    ).toEqual([]);
  });
});
