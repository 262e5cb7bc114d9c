import { describe, expect, it } from 'vitest';
import { suiteStatus } from '../../../src/report/format.js';
import { repeatedCellsOfSuite } from '../../../src/report/repeats.js';
import type { CellResult, SuiteResult } from '../../../src/model/results.js';
import { exitCodeFor } from '../../../src/session/exit-code.js';
import { makeCell } from '../report/fixtures.js';

const runs = (protocol: 'json' | 'anp', statuses: CellResult['status'][]): CellResult[] =>
  statuses.map((status, r) =>
    makeCell({ protocol, status, id: `a.storm.yaml#${protocol}#r${r}`, repeat: r, seed: 1 + r }),
  );
const suite = (cells: CellResult[]): SuiteResult => ({
  file: 'a.storm.yaml',
  scenario: 'A',
  line: 1,
  loadErrors: [],
  cells,
});

describe('exit code and suite status follow the repeated verdicts', () => {
  const flaky = suite([
    ...runs('json', ['passed', 'failed', 'passed']),
    ...runs('anp', ['passed', 'passed', 'passed']),
  ]);

  it('a flaky cell fails the run under --min-pass-rate 1 (exit 1) and passes it at a rate it reaches (exit 0)', () => {
    expect(exitCodeFor([flaky], 'completed')).toBe(1);
    expect(exitCodeFor([flaky], 'completed', 1)).toBe(1);
    expect(exitCodeFor([flaky], 'completed', 0.6)).toBe(0);
    expect(suiteStatus(flaky, 1)).toBe('failed');
    expect(suiteStatus(flaky, 0.6)).toBe('passed');
  });

  it('an inconclusive run that could tip the verdict gives exit 3; all-inconclusive stays inconclusive', () => {
    expect(exitCodeFor([suite(runs('json', ['passed', 'passed', 'inconclusive']))], 'completed')).toBe(3);
    expect(exitCodeFor([suite(runs('json', ['passed', 'passed', 'inconclusive']))], 'completed', 0.6)).toBe(0);
    expect(exitCodeFor([suite(runs('json', ['inconclusive', 'inconclusive']))], 'completed', 0)).toBe(3);
  });

  it('groups runs by cell id, so two protocols never mix and unrepeated cells stand alone', () => {
    const groups = repeatedCellsOfSuite(flaky);
    expect(groups.map((g) => [g.key, g.cells.length, g.verdict.status, g.verdict.flaky])).toEqual([
      ['a.storm.yaml#json', 3, 'failed', true],
      ['a.storm.yaml#anp', 3, 'passed', false],
    ]);
    const single = suite([
      makeCell({ protocol: 'json', status: 'passed' }),
      makeCell({ protocol: 'anp', status: 'failed' }),
    ]);
    expect(repeatedCellsOfSuite(single).map((g) => g.cells.length)).toEqual([1, 1]);
    expect(exitCodeFor([single], 'completed', 0)).toBe(0); // min-pass-rate 0 reports without failing
  });

  it('spreads use only judged runs and count nulls', () => {
    const cells = runs('json', ['passed', 'failed', 'inconclusive']);
    cells[1] = { ...cells[1], metrics: { ...cells[1].metrics!, recovery_ms: null } };
    const [g] = repeatedCellsOfSuite(suite(cells));
    const recovery = g.metrics.find((m) => m.metric === 'recovery_ms')!;
    expect(recovery.spread).toMatchObject({ runs: 2, n: 1, nulls: 1 });
    expect(g.metrics.find((m) => m.metric === 'p95(latency_ms)')?.unit).toBe('ms');
    expect(g.metrics.find((m) => m.metric === 'tasks_lost')?.unit).toBe('count');
    expect(g.metrics.some((m) => m.metric === 'bucket_ms')).toBe(false);
  });
});
