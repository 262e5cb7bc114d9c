/**
 * Every invalid fixture produces exactly the issues its expected.json lists (position, path, code and
 * words); every valid fixture loads clean.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadScenarioFile, loadScenarios } from '../../../src/scenario/index.js';

const root = join(import.meta.dirname, '../../fixtures');
const invalid = readdirSync(join(root, 'invalid')).sort();

interface Expected {
  issues: { at: string; path: string; code: string; words: string[] }[];
}

const expectedOf = (name: string): Expected => JSON.parse(readFileSync(join(root, 'invalid', name, 'expected.json'), 'utf8')) as Expected;

describe('invalid fixtures', () => {
  it.each(invalid)('%s', async (name) => {
    const dir = join(root, 'invalid', name);
    const expected = expectedOf(name);
    const r = await loadScenarioFile(join(dir, 'x.storm.yaml'));
    expect(r.scenario).toBeNull();
    const lines = r.issues.map((i) => formatIssue(i, dir));
    expect(r.issues.map((i) => `${i.line}:${i.col} ${i.path}`), lines.join('\n')).toEqual(expected.issues.map((e) => `${e.at} ${e.path}`));
    expect(r.issues.map((i) => i.code), lines.join('\n')).toEqual(expected.issues.map((e) => e.code));
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
