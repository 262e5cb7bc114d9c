/**
 * The shipped scenarios are the product's own acceptance test: every one runs in CI on the json
 * protocol and must pass; the fail-storm also runs on the four other protocols, each cell with
 * measured metrics. The JUnit file each run writes must validate against the Jenkins schema.
 *
 * The json run is made as 3 balanced shards merged with `storm merge-reports`, so the same nine cells
 * also prove that shards of real scenarios (faults, fault metrics) merge back into one run — one set of
 * cells for both, instead of running shipped scenarios a second time for the merge.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  agentsOf,
  FIXTURES,
  readResults,
  ROOT,
  runCli,
  tempOutput,
  trackedOutput,
  useTrackedOutputs,
} from './run-cli.js';

const XSD = join(FIXTURES, 'junit/jenkins-junit-10.xsd');
const shipped = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.storm.yaml'))
  .map((f) => join('scenarios', f));
useTrackedOutputs(afterEach);

function validJunit(output: string): void {
  const x = spawnSync('xmllint', ['--noout', '--schema', XSD, join(output, 'junit.xml')], { encoding: 'utf8' });
  expect(x.error, 'xmllint must be installed (apt-get install -y libxml2-utils)').toBeUndefined();
  expect(x.stderr).toMatch(/validates/);
  expect(x.status).toBe(0);
}

const cellsOf = (output: string): any[] => readResults(output).suites.flatMap((s: any) => s.cells);

describe('shipped scenarios', () => {
  // Every shipped scenario on json, as 3 shards (each a whole storm test run with its own reports).
  const shards: { output: string; code: number | null; log: string }[] = [];
  beforeAll(() => {
    for (const i of [1, 2, 3]) {
      const output = trackedOutput();
      const r = runCli(
        ['test', ...shipped, '--protocol', 'json', '--shard', `${i}/3`, '-r', 'console,junit,json,blob', '-o', output],
        { timeoutMs: 300_000 },
      );
      shards.push({ output, code: r.code, log: r.stdout + r.stderr });
    }
  }, 600_000);

  it('storm validate accepts every shipped scenario, the paper timeline too', () => {
    const r = runCli(['validate', 'scenarios/', 'examples/']);
    expect(r.code).toBe(0);
  });

  it('every shipped scenario passes on json, with a valid JUnit report and no agent left', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(5);
    const cells = shards.flatMap((s) => cellsOf(s.output));
    expect(
      cells.map((c: any) => `${c.id} ${c.status} ${c.reason ?? ''}`).filter((s: string) => !s.includes(' passed')),
    ).toEqual([]);
    expect(cells).toHaveLength(shipped.length);
    for (const s of shards) {
      expect(s.code, s.log).toBe(0);
      expect(cellsOf(s.output).length, s.log).toBeGreaterThan(0);
      validJunit(s.output);
      expect(agentsOf(s.output)).toEqual([]);
    }
  });

  it('the 3 json shards merge into every planned cell once, each exactly as its shard judged it', () => {
    const merged = tempOutput();
    const m = runCli(['merge-reports', ...shards.map((s) => s.output), '-o', merged, '-r', 'console,json,junit']);
    const cells = cellsOf(merged);
    const planned = runCli(['test', ...shipped, '--protocol', 'json', '--list'])
      .stdout.split('\n')
      .filter((l) => l.includes('#'))
      .map((l) => l.split(' ')[0]);
    expect(planned).toHaveLength(shipped.length);
    expect(cells.map((c: any) => c.id)).toEqual(planned);
    const fromShards = new Map(shards.flatMap((s) => cellsOf(s.output)).map((c: any) => [c.id, c]));
    for (const c of cells) {
      expect([c.status, c.reason], c.id).toEqual([fromShards.get(c.id).status, fromShards.get(c.id).reason]);
      expect(c.metrics, c.id).toEqual(fromShards.get(c.id).metrics);
      expect(Object.keys(c.metrics).length, c.id).toBeGreaterThan(10);
    }
    // The exit code and the summary follow the merged verdicts (that every one passed is the test above).
    const passed = cells.filter((c: any) => c.status === 'passed').length;
    const inconclusive = cells.filter((c: any) => c.status === 'inconclusive').length;
    expect(passed + inconclusive, 'no cell failed').toBe(cells.length);
    expect(m.code, m.stdout + m.stderr).toBe(passed === cells.length ? 0 : 3);
    expect(m.stdout).toContain(
      `Cells:  ${inconclusive ? `${inconclusive} inconclusive, ` : ''}${passed} passed, ${cells.length} total`,
    );
    expect(readResults(merged).run.shard).toBeUndefined();
    validJunit(merged);
  });

  it('the fail-storm runs on all five protocols, each cell with measured metrics', () => {
    // json's fail-storm cell is the one the shards ran; the four other protocols run here.
    const json = shards
      .flatMap((s) => cellsOf(s.output))
      .find((c: any) => c.id === 'scenarios/fail-storm.storm.yaml#json');
    const output = trackedOutput();
    const r = runCli(['test', 'scenarios/fail-storm.storm.yaml', '--protocol', 'a2a,acp,anp,agora', '-o', output], {
      timeoutMs: 300_000,
    });
    const cells = [json, ...readResults(output).suites[0].cells];
    expect(cells.map((c: any) => c?.protocol)).toEqual(['json', 'a2a', 'acp', 'anp', 'agora']);
    // The one inconclusive verdict allowed is the harness's own: on 2 cores the a2a cell (about four
    // times json's CPU per message) can sit at the issue-lag bound, and then storm must say it cannot
    // judge rather than pass or fail. Anything else (agents not ready, a fault not verified) is a bug.
    expect(cells[0].status, `json: ${cells[0].reason}`).not.toBe('inconclusive');
    for (const c of cells) {
      if (c.status === 'inconclusive') expect(c.reason, c.protocol).toMatch(/^harness overloaded: /);
      expect(c.metrics.bytes_reconnect, c.protocol).toBeGreaterThan(0);
      expect(c.metrics.faults[0].verified).toBe(true);
      if (c.status === 'inconclusive') continue;
      expect(c.metrics.detect_ms, c.protocol).toBeGreaterThan(0);
      expect(c.metrics.recovery_ms, c.protocol).not.toBeNull();
    }
    // Different protocols put different numbers of bytes on the wire for the same work.
    expect(new Set(cells.map((c: any) => c.metrics.bytes_total)).size).toBe(5);
    expect(r.stdout + r.stderr).toMatch(/protocol\s+detect_ms\s+recovery_ms/);
    validJunit(output);
    expect(agentsOf(output)).toEqual([]);
  });
});
