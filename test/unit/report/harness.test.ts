/** The harness block's spelling in the console line, JUnit properties and the HTML section. */
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { harnessLines } from '../../../reporters/console-summary.js';
import { harnessSection } from '../../../reporters/html-harness.js';
import { harnessLine, harnessProperties } from '../../../src/report/harness.js';
import { makeCell, makeHarness } from './fixtures.js';

const plain = new Chalk({ level: 0 });
const overloaded = makeHarness({
  issueLag: { count: 80, p50: 0.5, p99: 83, max: 401.2 },
  loopDelay: {
    runner: { p99: 20, max: 412 },
    worstAgent: { agent: 'worker-3', p99: 9, max: 31 },
    samples: 30,
    agents: 8,
  },
  tasksSkippedLate: 2,
  overloaded: true,
  reasons: ['issue lag p99 83 ms > 50 ms', 'issue lag max 401 ms > 250 ms', 'runner loop delay max 412 ms > 250 ms'],
});

describe('harnessLine', () => {
  it('is one compact line with the worst agent named', () => {
    expect(harnessLine(makeHarness())).toBe(
      'issue lag p99 1.8 ms (max 2.1) · loop delay max runner 12 ms, agents 31 ms (worker-3)',
    );
    expect(harnessLine(makeHarness(), 15)).toBe(
      'issue lag p99 1.8 ms (max 2.1) · loop delay max runner 12 ms, agents 31 ms (worker-3) · false suspicions 15',
    );
  });

  it('says so for a closed workload, and mentions dropped or after-the-end tasks only when there are any', () => {
    const closed = makeHarness({
      issueLag: { count: 0, p50: null, p99: null, max: null },
      loopDelay: { runner: null, worstAgent: null, samples: 0, agents: 0 },
      tasksAfterEnd: 1,
    });
    expect(harnessLine(closed)).toBe(
      'issue lag — (closed workload) · loop delay max runner —, agents — · 1 issued after the end',
    );
    expect(harnessLine(overloaded)).toBe(
      'issue lag p99 83 ms (max 401) · loop delay max runner 412 ms, agents 31 ms (worker-3) · 2 late tasks dropped',
    );
  });
});

describe('console harness lines', () => {
  it('one line per cell that ran, labels aligned, overload flagged', () => {
    const suite = {
      file: 'f',
      scenario: 's',
      line: 1,
      loadErrors: [],
      cells: [
        makeCell({ protocol: 'json', status: 'passed' }),
        makeCell({ protocol: 'agora', status: 'inconclusive', harness: overloaded }),
        makeCell({ protocol: 'anp', status: 'skipped', harness: null }),
      ],
    };
    expect(harnessLines(plain, suite)).toEqual([
      '  json   harness: issue lag p99 1.8 ms (max 2.1) · loop delay max runner 12 ms, agents 31 ms (worker-3) · false suspicions 0',
      '  agora  harness: issue lag p99 83 ms (max 401) · loop delay max runner 412 ms, agents 31 ms (worker-3) · 2 late tasks dropped · false suspicions 0 — overloaded',
    ]);
  });
});

describe('harnessProperties', () => {
  it('flat JUnit names; the reasons only when overloaded; null spelled out', () => {
    const props = new Map(harnessProperties(overloaded));
    expect(props.get('harness.overloaded')).toBe('true');
    expect(props.get('harness.issue_lag_max_ms')).toBe('401.2');
    expect(props.get('harness.loop_delay_runner_max_ms')).toBe('412');
    expect(props.get('harness.reasons')).toBe(
      'issue lag p99 83 ms > 50 ms; issue lag max 401 ms > 250 ms; runner loop delay max 412 ms > 250 ms',
    );
    expect(new Map(harnessProperties(makeHarness())).has('harness.reasons')).toBe(false);
    const closed = new Map(harnessProperties(makeHarness({ issueLag: { count: 0, p50: null, p99: null, max: null } })));
    expect(closed.get('harness.issue_lag_p99_ms')).toBe('null');
  });
});

describe('harnessSection (HTML)', () => {
  it('is open and marks each exceeded bound when overloaded; absent for a cell that never ran', () => {
    const html = harnessSection(overloaded);
    expect(html).toMatch(
      /^<details class="harness" open><summary>Harness <span class="inconclusive">overloaded<\/span>/,
    );
    expect(html.match(/<td class="fail">/g)).toHaveLength(3);
    expect(html).toContain('<td class="fail">20 ms / 412 ms</td>');
    expect(harnessSection(null)).toBe('');
  });

  it('shows the false suspicions when the metrics have them', () => {
    expect(harnessSection(makeHarness(), 15)).toContain(
      '<td>false suspicions (live peers declared dead)</td><td class="">15</td>',
    );
    expect(harnessSection(makeHarness())).not.toContain('false suspicions');
  });

  it('flags an unhealthy baseline', () => {
    const html = harnessSection(
      makeHarness({ baseline: { phase: 'pre', successRate: 0.42, minSuccessRate: 0.5, healthy: false } }),
    );
    expect(html).toContain('unhealthy baseline');
    expect(html).toContain('<td>pre-fault success rate</td><td class="fail">0.420</td>');
  });
});
