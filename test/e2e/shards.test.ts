/**
 * Beyond one machine, with the real CLI on small json-only fixtures (test/fixtures/shards/, loose
 * harness bounds so load cannot flip a verdict): balanced shards, `-r blob` + `storm merge-reports`
 * (identical to one run's output for the same cells, refusing blobs that do not form one run), and
 * `storm analyze` re-judging a stored run with an edited threshold.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { schemaErrors } from './results-schema.js';
import { FIXTURES, readResults, runCli, tempOutput, trackedOutput, useTrackedOutputs } from './run-cli.js';

const SHARDS = join(FIXTURES, 'shards');
useTrackedOutputs(afterEach);

/** The run block and the console's total time vary by when and how the reports were made; the cells do not. */
function comparable(results: any): any {
  const { run: _run, ...rest } = results;
  return rest;
}
const untimed = (text: string) =>
  text
    .replace(/^Time: .*$/m, 'Time: <t>')
    .replace(/(<testsuites[^>]*?) time="[^"]*"/, '$1 time="<t>"')
    .replace(/timestamp="[^"]*"/g, 'timestamp="<ts>"')
    .replace(/hostname="[^"]*"/g, 'hostname="<h>"');

describe('balanced shards and merge-reports', () => {
  const shardDirs: string[] = [];
  let full = '';
  let fullStdout = '';

  beforeAll(() => {
    // One whole run with a blob, and the same cells as three shards run one after another.
    full = trackedOutput();
    const r = runCli(['test', SHARDS, '-r', 'console,junit,json,html,blob', '-o', full], { timeoutMs: 120_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    fullStdout = r.stdout;
    for (const i of [1, 2, 3]) {
      const out = trackedOutput();
      const s = runCli(['test', SHARDS, '--shard', `${i}/3`, '-r', 'json,blob', '-o', out], { timeoutMs: 120_000 });
      expect(s.code, s.stdout + s.stderr).toBe(0);
      shardDirs.push(out);
    }
  }, 300_000);

  it('--list --shard shows the planned time of every shard', () => {
    const r = runCli(['test', SHARDS, '--list', '--shard', '2/3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^shard 2\/3: planned \d+s \(every shard: 1\/3 1 cells \d+s · 2\/3 1 cells \d+s · 3\/3 1 cells \d+s\)$/m,
    );
  });

  it('merging the shards gives every planned cell once, each exactly as its shard judged it', () => {
    const merged = tempOutput();
    const r = runCli(['merge-reports', ...shardDirs, '-o', merged, '-r', 'json,junit']);
    expect(r.code, r.stderr).toBe(0);
    const cells = readResults(merged).suites.flatMap((s: any) => s.cells);
    const planned = runCli(['test', SHARDS, '--list'])
      .stdout.split('\n')
      .filter((l) => l.includes('#'))
      .map((l) => l.split(' ')[0]);
    expect(cells.map((c: any) => c.id)).toEqual(planned);
    const fromShards = new Map(
      shardDirs.flatMap((d) => readResults(d).suites.flatMap((s: any) => s.cells)).map((c: any) => [c.id, c]),
    );
    for (const c of cells) expect(c, c.id).toEqual(fromShards.get(c.id));
    // The same cells, statuses and metric names as the one full run (its measured values are its own).
    const fullCells = readResults(full).suites.flatMap((s: any) => s.cells);
    expect(cells.map((c: any) => [c.id, c.status])).toEqual(fullCells.map((c: any) => [c.id, c.status]));
    expect(cells.map((c: any) => Object.keys(c.metrics).sort())).toEqual(
      fullCells.map((c: any) => Object.keys(c.metrics).sort()),
    );
    expect(readFileSync(join(merged, 'junit.xml'), 'utf8').match(/<testcase /g)).toHaveLength(3);
    // a shard's results.json says which slice it was; the merged one is a whole run again
    expect(readResults(shardDirs[1]).run.shard).toEqual({ index: 2, total: 3 });
    expect(readResults(merged).run.shard).toBeUndefined();
    for (const d of [merged, shardDirs[1]]) expect(schemaErrors(readResults(d))).toBe('');
  });

  it("merging one run's blob reproduces that run's console, JUnit, JSON and HTML output", () => {
    const merged = tempOutput();
    const r = runCli(['merge-reports', full, '-o', merged, '-r', 'console,junit,json,html']);
    expect(r.code, r.stderr).toBe(0);
    expect(comparable(readResults(merged))).toEqual(comparable(readResults(full)));
    expect(untimed(readFileSync(join(merged, 'junit.xml'), 'utf8'))).toBe(
      untimed(readFileSync(join(full, 'junit.xml'), 'utf8')),
    );
    const page = (dir: string) =>
      readFileSync(join(dir, 'report.html'), 'utf8').replace(/started \S+ · [\d.]+ s/, 'started <t>');
    expect(page(merged)).toBe(page(full));
    // Live progress lines (phases, agents up) are not replayed: compare from the summary on.
    const summary = (t: string) => untimed(t.slice(t.indexOf('\n\n')));
    expect(summary(r.stdout)).toBe(summary(fullStdout));
    // a history is written back unchanged, so a merged run can be analyzed and used as a baseline
    const h = readResults(full).suites[0].cells[0].files.history;
    expect(readFileSync(join(merged, h), 'utf8')).toBe(readFileSync(join(full, h), 'utf8'));
  });

  it('refuses overlapping shards, a missing shard, another storm version and a damaged blob (exit 2, no stack)', () => {
    const out = tempOutput();
    const refused = (args: string[], message: RegExp) => {
      const r = runCli(['merge-reports', ...args, '-o', out]);
      expect(r.code, r.stdout + r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    };
    refused(
      [shardDirs[0], shardDirs[0], shardDirs[1], shardDirs[2]],
      /overlapping shards: .*storm-1-of-3\.blob\.json \(shard 1\/3\)/,
    );
    refused([shardDirs[0], shardDirs[2]], /shard 2\/3 missing/);
    refused([shardDirs[0], full], /blobs of different shardings/);
    refused([join(out, 'nowhere')], /nowhere: no such file or directory/);
    refused([SHARDS], /no blob files \(\*\.blob\.json\)/);

    const other = tempOutput();
    const blob = join(shardDirs[1], 'blob/storm-2-of-3.blob.json');
    writeFileSync(
      join(other, 'old.blob.json'),
      readFileSync(blob, 'utf8').replace(/"stormVersion":"[^"]+"/g, '"stormVersion":"0.0.1"'),
    );
    refused([shardDirs[0], other, shardDirs[2]], /other storm versions .*old\.blob\.json: storm 0\.0\.1/);
    writeFileSync(
      join(other, 'old.blob.json'),
      readFileSync(blob, 'utf8').replace('"minPassRate":1', '"minPassRate":0.5'),
    );
    refused([shardDirs[0], other, shardDirs[2]], /blobs judged by different rules: .*--min-pass-rate 0\.5/);
    writeFileSync(join(other, 'old.blob.json'), readFileSync(blob, 'utf8').slice(0, 200));
    refused([shardDirs[0], other, shardDirs[2]], /old\.blob\.json: not a readable blob/);
  });

  it('analyze re-judges a stored run: a tightened threshold fails (exit 1), a loosened one passes (exit 0)', () => {
    const work = tempOutput();
    const edited = (expectLine: string) => {
      const file = join(work, `c-${expectLine.length}.storm.yaml`);
      cpSync(join(SHARDS, 'c.storm.yaml'), file);
      writeFileSync(file, readFileSync(file, 'utf8').replace('success_rate >= 0.5', expectLine));
      return file;
    };
    const tight = runCli(['analyze', full, '--scenario', edited('success_rate > 1'), '-o', join(work, 'tight')]);
    expect(tight.code, tight.stdout + tight.stderr).toBe(1);
    expect(tight.stdout).toMatch(/success_rate \S+ is not > 1/);
    const cells = readResults(join(work, 'tight')).suites.flatMap((s: any) => s.cells);
    expect(cells.map((c: any) => [c.id.replace(/^.*\//, ''), c.status])).toEqual([['c.storm.yaml#json', 'failed']]);
    // The stored metrics are recomputed, not copied: the same numbers as the run measured.
    const stored = readResults(full).suites.find((s: any) => s.file.endsWith('c.storm.yaml')).cells[0];
    expect(cells[0].metrics).toEqual(stored.metrics);

    const loose = runCli([
      'analyze',
      full,
      '--scenario',
      edited('success_rate >= 0'),
      '-o',
      join(work, 'loose'),
      '-r',
      'json',
    ]);
    expect(loose.code, loose.stdout + loose.stderr).toBe(0);
    // Without --scenario every stored scenario is re-judged from its own file; one history works too.
    expect(runCli(['analyze', full, '-o', join(work, 'all'), '-r', 'json']).code).toBe(0);
    expect(readResults(join(work, 'all')).summary.cells.passed).toBe(3);
    const history = join(full, stored.files.history);
    const one = runCli([
      'analyze',
      history,
      '--scenario',
      edited('success_rate > 1'),
      '-o',
      join(work, 'one'),
      '-r',
      'json',
    ]);
    expect(one.code, one.stderr).toBe(1);
    expect(runCli(['analyze', full, '-o', full]).stderr).toMatch(/is the stored run being analyzed/);
    const bad = runCli(['analyze', join(work, 'missing'), '-o', join(work, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/missing: no such file or directory/);
  });
});

// Shards of real shipped scenarios (faults, fault metrics) merging back: shipped-scenarios.test.ts runs
// its json cells as 3 shards and merges them, so no shipped scenario runs here a second time.
