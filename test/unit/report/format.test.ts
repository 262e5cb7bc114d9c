import { describe, expect, it } from 'vitest';
import {
  cellLabel,
  countStatuses,
  displayPath,
  formatBytes,
  formatIssue,
  roundMeasured,
  formatNumber,
  formatValue,
  suiteStatus,
} from '../../../src/report/format.js';
import { comparisonRows, markFor, METRIC_COLUMNS, protocolSummaryRows } from '../../../src/report/table.js';
import { makeAssertion, makeCell, makeRun } from './fixtures.js';

describe('report formatting helpers', () => {
  it('shows paths inside cwd relative, others unchanged', () => {
    expect(displayPath('/repo/scenarios/a.storm.yaml', '/repo')).toBe('scenarios/a.storm.yaml');
    expect(displayPath('/elsewhere/a.storm.yaml', '/repo')).toBe('/elsewhere/a.storm.yaml');
    expect(displayPath('scenarios/a.storm.yaml', '/repo')).toBe('scenarios/a.storm.yaml');
  });

  it('spells a load issue as file:line:col  path  message — hint', () => {
    const issue = {
      file: '/repo/x.storm.yaml',
      line: 3,
      col: 9,
      path: 'duration',
      message: 'bad',
      hint: 'use 6s',
      code: 'bad-duration',
    };
    expect(formatIssue(issue, '/repo')).toBe('x.storm.yaml:3:9  duration  bad — use 6s');
    expect(formatIssue({ ...issue, path: '', hint: undefined })).toBe('/repo/x.storm.yaml:3:9  bad');
  });

  it('labels repeats and counts statuses', () => {
    expect(cellLabel(makeCell({ protocol: 'acp', status: 'passed', id: 'f#acp#r2', repeat: 2 }))).toBe('acp #r2');
    expect(cellLabel(makeCell({ protocol: 'acp', status: 'passed' }))).toBe('acp');
    expect(countStatuses(makeRun().suites[0].cells)).toEqual({
      passed: 1,
      failed: 1,
      inconclusive: 1,
      skipped: 1,
      total: 4,
    });
  });

  it('derives suite status: load error or failure fails, all skipped is skipped', () => {
    const [ok, broken] = makeRun().suites;
    expect(suiteStatus(ok)).toBe('failed');
    expect(suiteStatus(broken)).toBe('failed');
    expect(suiteStatus({ ...ok, cells: ok.cells.filter((c) => c.status === 'skipped') })).toBe('skipped');
    expect(suiteStatus({ ...ok, cells: ok.cells.filter((c) => c.status !== 'failed') })).toBe('inconclusive');
  });

  it('formats values with — for null', () => {
    expect(formatValue(null, 'ms')).toBe('—');
    expect(formatValue(1234.6, 'ms')).toBe('1235');
    expect(formatValue(0.05, 'ratio')).toBe('0.050');
    expect(formatNumber(1998.8400000000001)).toBe('1998.84');
    expect(formatNumber(0.9375)).toBe('0.9375');
    expect(formatNumber(null)).toBe('null');
  });

  it('marks a metric by the assertions that reference it, failure winning', () => {
    const pass = makeAssertion('x', true, { 'p95(latency_ms{phase=post})': 3 }, '');
    const fail = makeAssertion('y', false, { latency_ms: 9 }, '');
    expect(markFor([pass], 'latency_ms')).toBe('pass');
    expect(markFor([pass, fail], 'latency_ms')).toBe('fail');
    expect(markFor([pass], 'recovery_ms')).toBeNull();
    expect(markFor([makeAssertion('z', true, { success_rate_drop: 0 }, '')], 'success_rate')).toBeNull();
  });
});

describe('formatBytes', () => {
  it('uses binary units with three significant digits', () => {
    expect([0, 900, 1024, 40_000, 123_456, 2_468_000, 5e9].map(formatBytes)).toEqual([
      '0 B',
      '900 B',
      '1.00 KiB',
      '39.1 KiB',
      '121 KiB',
      '2.35 MiB',
      '4.66 GiB',
    ]);
    expect(formatBytes(null)).toBe('—');
  });

  it('is how the shared tables (console, HTML) write byte columns, per cell and per protocol', () => {
    const bytes = METRIC_COLUMNS.findIndex((c) => c.unit === 'bytes');
    const cells = makeRun().suites[0].cells;
    const json = cells.find((c) => c.protocol === 'json')!;
    json.metrics!.bytes_reconnect = 171_620;
    expect(comparisonRows([json])[0].values[bytes]).toMatchObject({ value: 171_620, text: '168 KiB' });
    expect(protocolSummaryRows([json])[0].values[bytes].text).toBe('168 KiB');
  });
});

describe('roundMeasured', () => {
  it('keeps 6 significant digits and every digit of the integer part', () => {
    expect(
      [2998.8599999999997, 0.9958333333, 0.004166666667, 7200000.123, 900.4833333, 42, -1.23456789].map(roundMeasured),
    ).toEqual([2998.86, 0.995833, 0.00416667, 7200000, 900.483, 42, -1.23457]);
  });
});
