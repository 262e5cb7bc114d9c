import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverScenarioFiles, DiscoveryError, formatIssue, loadScenarios } from '../../../src/scenario/index.js';

const dir = mkdtempSync(join(tmpdir(), 'storm-discover-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const f of [
  'a.storm.yaml',
  'sub/b.storm.yml',
  'sub/deep/c.storm.yaml',
  'node_modules/x.storm.yaml',
  '.hidden/y.storm.yaml',
  'storm-report/z.storm.yaml',
  'notes.yaml',
  'other.txt',
]) {
  mkdirSync(join(dir, f, '..'), { recursive: true });
  writeFileSync(join(dir, f), 'name: x\n');
}

describe('discoverScenarioFiles', () => {
  it('finds .storm.yaml and .storm.yml, skipping node_modules, dot-dirs and storm-report, sorted', async () => {
    expect(await discoverScenarioFiles(['.'], dir)).toEqual([
      join(dir, 'a.storm.yaml'),
      join(dir, 'sub/b.storm.yml'),
      join(dir, 'sub/deep/c.storm.yaml'),
    ]);
  });
  it('accepts files directly and de-duplicates', async () => {
    expect(await discoverScenarioFiles(['notes.yaml', 'sub', 'sub/b.storm.yml'], dir)).toEqual([
      join(dir, 'notes.yaml'),
      join(dir, 'sub/b.storm.yml'),
      join(dir, 'sub/deep/c.storm.yaml'),
    ]);
  });
  it('defaults to the working directory', async () => {
    expect(await discoverScenarioFiles([], join(dir, 'sub'))).toHaveLength(2);
  });
  it('reports every missing path as a usage error', async () => {
    const err = await discoverScenarioFiles(['nope', 'a.storm.yaml', 'gone/x.storm.yaml'], dir).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DiscoveryError);
    expect((err as DiscoveryError).issues.map((i) => [i.code, i.file])).toEqual([
      ['path-not-found', join(dir, 'nope')],
      ['path-not-found', join(dir, 'gone/x.storm.yaml')],
    ]);
  });
  it('loadScenarios turns missing paths into failed results and still loads the rest', async () => {
    const results = await loadScenarios(['nope', 'a.storm.yaml'], dir);
    expect(results.map((r) => [r.file, r.issues[0]?.code])).toEqual([
      [join(dir, 'nope'), 'path-not-found'],
      [join(dir, 'a.storm.yaml'), 'missing-key'],
    ]);
  });
});

describe('formatIssue', () => {
  const base = {
    file: join(dir, 'sub/b.storm.yml'),
    line: 14,
    col: 7,
    path: 'faults[0].kill',
    message: 'agent "planer" is not declared',
    code: 'unknown-agent',
  };
  it('prints file:line:col  path  message — hint, relative to cwd', () => {
    expect(formatIssue({ ...base, hint: 'did you mean "planner"?' }, dir)).toBe(
      'sub/b.storm.yml:14:7  faults[0].kill  agent "planer" is not declared — did you mean "planner"?',
    );
  });
  it('omits an empty path and a missing hint; line 0 means the path itself', () => {
    expect(formatIssue({ ...base, path: '' }, dir)).toBe('sub/b.storm.yml:14:7  agent "planer" is not declared');
    expect(formatIssue({ ...base, line: 0, col: 0, path: '', message: 'no such file or directory' }, dir)).toBe(
      'sub/b.storm.yml  no such file or directory',
    );
  });
  it('keeps absolute paths outside cwd', () => {
    expect(formatIssue(base, join(dir, 'elsewhere'))).toContain(`${join(dir, 'sub/b.storm.yml')}:14:7`);
  });
});
