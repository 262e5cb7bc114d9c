import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../../reporters/console-summary.js';
import { makeRepeatedRun, makeRun } from '../report/fixtures.js';

const plain = new Chalk({ level: 0 });
const cols = (line: string) => line.trim().split(/\s{2,}/);

describe('console summary with --repeat', () => {
  const text = renderSummary(plain, makeRepeatedRun(1));
  const lines = text.split('\n');

  it('shows one row per protocol with median [interval], nulls, runs passed and the flaky verdict', () => {
    const header = lines.findIndex((l) => l.trimStart().startsWith('protocol'));
    expect(cols(lines[header])).toEqual([
      'protocol',
      'detect_ms',
      'recovery_ms',
      'steady_state_ms',
      '± resolution',
      'bytes_reconnect',
      'success_rate_drop',
      'duplicate_work_ratio',
      'p95 latency',
      'runs',
      'verdict',
    ]);
    const json = cols(lines[header + 1]);
    const anp = cols(lines[header + 2]);
    expect(json.slice(0, 3)).toEqual(['json', '1200 [1200–1200]', '1125 [1000–1500]']);
    expect(json.slice(-2)).toEqual(['6/6 passed', 'passed']);
    expect(json[5]).toBe('39.1 KiB [39.1 KiB–39.1 KiB]'); // bytes like the HTML, never 40000
    expect(anp[2]).toBe('3375 [3000–4000] +1 null');
    expect(anp.slice(-2)).toEqual(['5/7 passed', 'failed (flaky)']);
  });

  it('lists measurable differences and says "no measurable difference" for the rest', () => {
    expect(text).toContain(
      'Differences larger than the run-to-run spread (non-overlapping 95% intervals of the median):',
    );
    expect(lines.find((l) => l.trim().startsWith('recovery_ms '))?.trim()).toMatch(/^recovery_ms\s+json < anp$/);
    expect(lines.find((l) => l.trim().startsWith('detect_ms '))?.trim()).toMatch(
      /^detect_ms\s+no measurable difference$/,
    );
    // the bucket width is a property of the measurement, not of the protocol: never ranked
    expect(lines.some((l) => l.trim().startsWith('± resolution '))).toBe(false);
  });

  it('names the flaky cell with its verdict in the Repeats block', () => {
    expect(text).toContain('[anp]  failed — flaky: 5/7 judged runs passed (71%) < min-pass-rate 100%');
    expect(text).toMatch(/1 failed, 1 passed, 2 total, 1 flaky \(min-pass-rate 100%\)/);
    expect(renderSummary(plain, makeRepeatedRun(0.7))).toContain(
      '[anp]  passed — flaky: 5/7 judged runs passed (71%) ≥ min-pass-rate 70%',
    );
  });

  it('without repeats says that one run cannot rank protocols', () => {
    expect(renderSummary(plain, makeRun())).toContain(
      'one run per cell: differences cannot be judged from one run (use --repeat 6 or more)',
    );
    expect(text).not.toContain('one run per cell');
  });
});

describe('console summary with --repeat, a protocol whose runs were all inconclusive', () => {
  it('keeps its row, with no values and the runs that were not judged', () => {
    const run = makeRepeatedRun(1);
    const cells = run.suites[0].cells;
    run.suites[0].cells = cells.map((c) =>
      c.protocol === 'anp'
        ? { ...c, status: 'inconclusive' as const, reason: 'harness overloaded: issue lag p99 99 ms > 50 ms' }
        : c,
    );
    const lines = renderSummary(plain, run).split('\n');
    const anp = lines.find((l) => l.trimStart().startsWith('anp '))!;
    expect(cols(anp).slice(0, 3)).toEqual(['anp', '—', '—']);
    expect(cols(anp).slice(-2)).toEqual(['0/7 passed, 7 inconclusive', 'inconclusive']);
    expect(renderSummary(plain, run)).toContain('[anp]  inconclusive — no run could be judged (7 inconclusive)');
  });
});
