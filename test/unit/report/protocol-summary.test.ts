import { describe, expect, it } from 'vitest';
import { protocolSummaryRows } from '../../../src/report/table.js';
import { makeCell, makeMetrics } from './fixtures.js';

describe('protocolSummaryRows', () => {
  it('takes the median of each metric per protocol over scenarios and counts passed cells', () => {
    const cells = [
      makeCell({ protocol: 'json', status: 'passed', file: 'a.storm.yaml', metrics: makeMetrics(1000) }),
      makeCell({ protocol: 'json', status: 'failed', file: 'b.storm.yaml', metrics: makeMetrics(3000) }),
      makeCell({ protocol: 'json', status: 'passed', file: 'c.storm.yaml', metrics: makeMetrics(8000) }),
      makeCell({ protocol: 'anp', status: 'passed', file: 'a.storm.yaml', metrics: makeMetrics(2000) }),
      makeCell({ protocol: 'anp', status: 'inconclusive', file: 'b.storm.yaml', metrics: null }),
      makeCell({ protocol: 'acp', status: 'skipped', file: 'a.storm.yaml', metrics: null }),
    ];
    const rows = protocolSummaryRows(cells);
    expect(rows.map((r) => [r.protocol, r.passed, r.judged])).toEqual([
      ['json', 2, 3],
      ['anp', 1, 2],
    ]);
    const recovery = (p: string) => rows.find((r) => r.protocol === p)!.values[1].value;
    expect(recovery('json')).toBe(3000); // median of 1000, 3000, 8000
    expect(recovery('anp')).toBe(2000); // the inconclusive cell has no metrics
  });
});
