import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonReporter } from '../../../reporters/json.js';
import { computeMetrics } from '../../../src/metrics/compute.js';
import { measureHarness } from '../../../src/metrics/harness.js';
import { DEFAULT_HARNESS_BOUNDS } from '../../../src/scenario/types.js';
import { checkBaseline, checkHarness } from '../../../src/session/harness-check.js';
import type { HistoryEvent } from '../../../src/model/history.js';
import { makeCell, makeRepeatedRun, makeRun } from './fixtures.js';

/** A small real history: tasks every 100 ms, a kill at 5 s, failures until 6 s, detections. */
function realHistory(): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (let t = 0; t < 10_000; t += 100) {
    const task = `t${t}`;
    events.push({ type: 'task_issued', t, task, to: 'worker-0' });
    events.push({ type: 'exec', t: t + 5, agent: 'worker-0', task, step: 0 });
    const ok = t < 5000 || t >= 6000;
    events.push({
      type: 'task_end',
      t: t + 20,
      task,
      outcome: ok ? 'ok' : 'fail',
      ...(ok ? {} : { error: 'refused' }),
    });
    events.push({ type: 'wire', t: t + 20, agent: 'worker-0', bytes: 300, messages: 2 });
  }
  events.push({
    type: 'fault',
    t: 5000,
    fault: 0,
    kind: 'kill',
    victims: ['worker-1'],
    pids: [11],
    signal: 'SIGKILL',
    verified: true,
  });
  events.push({ type: 'detect', t: 5600, agent: 'worker-0', peer: 'worker-1' });
  events.push({ type: 'run_end', t: 10_000 });
  return events.sort((a, b) => a.t - b.t);
}

const schema = JSON.parse(readFileSync(new URL('../../../schemas/results.schema.json', import.meta.url), 'utf8'));

function validator() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

function walkFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walkFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('JsonReporter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storm-json-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const produce = async (run = makeRun()) => {
    const reporter = new JsonReporter({ outputDir: 'out', cwd: dir });
    await reporter.onRunEnd(run);
    return JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
  };

  it('writes a results.json that validates against schemas/results.schema.json', async () => {
    const doc = await produce();
    const validate = validator();
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(doc.version).toBe(1);
    expect(typeof doc.$schema).toBe('string');
    expect(existsSync(join(dir, 'out', doc.$schema))).toBe(true);
  });

  it('writes numbers without float noise in results.json and failstorm_metrics.json', async () => {
    const run = makeRun();
    const cell = run.suites[0].cells[0];
    cell.metrics!.recovery_ms = 2998.8599999999997;
    cell.metrics!.success_rate = 0.1 + 0.2;
    cell.durationMs = 12345.678900000001;
    await produce(run);
    const results = readFileSync(join(dir, 'out', 'results.json'), 'utf8');
    expect(results).toContain('"recovery_ms": 2998.86');
    expect(results).toContain('"success_rate": 0.3,');
    expect(results).toContain('12345.7');
    expect(results).not.toMatch(/\d\.\d{7,}/);
    const fsFile = walkFiles(join(dir, 'out')).find((f) => f.endsWith('json/failstorm_metrics.json'))!;
    expect(readFileSync(fsFile, 'utf8')).not.toMatch(/\d\.\d{7,}/);
  });

  it('validates with metrics computed by the real metrics engine (schema and Metrics stay in step)', async () => {
    const history = realHistory();
    const metrics = computeMetrics(history, {
      warmupMs: 1000,
      durationMs: 10_000,
      bucketMs: 250,
      stableForMs: 1000,
      success: 'reply',
      monitors: { 'worker-0': ['worker-1'] },
    });
    const run = makeRun();
    run.suites[0].cells[0] = makeCell({ protocol: 'json', status: 'passed', metrics, history });
    const doc = await produce(run);
    const validate = validator();
    validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(doc.suites[0].cells[0].metrics.recovery_ms).toBeGreaterThan(0);
  });

  it('writes the harness block computed by the real harness code, also when overloaded (schema and types in step)', async () => {
    const history = realHistory().map((e) => (e.type === 'task_issued' ? { ...e, scheduled: e.t - 0.5 } : e));
    history.push(
      { type: 'loop_delay', t: 3000, from: 1000, agent: 'runner', p99: 20, max: 412 },
      { type: 'loop_delay', t: 3000, from: 1000, agent: 'worker-0', pid: 10, p99: 2, max: 9 },
    );
    const metrics = computeMetrics(history, {
      warmupMs: 1000,
      durationMs: 10_000,
      bucketMs: 250,
      stableForMs: 1000,
      success: 'reply',
      monitors: {},
    });
    const harness = checkHarness(measureHarness(history), DEFAULT_HARNESS_BOUNDS, checkBaseline(metrics, 0.5));
    const run = makeRun();
    run.suites[0].cells[0] = makeCell({ protocol: 'json', status: 'inconclusive', metrics, harness, history });
    const doc = await produce(run);
    const validate = validator();
    validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    const written = doc.suites[0].cells[0].harness;
    expect(written.overloaded).toBe(true);
    expect(written.reasons).toEqual(['runner loop delay max 412 ms > 250 ms']);
    expect(written.issueLag).toMatchObject({ p99: 0.5, max: 0.5 });
    expect(written.loopDelay.worstAgent).toEqual({ agent: 'worker-0', p99: 2, max: 9 });
    expect(written.baseline).toEqual({ phase: 'pre', successRate: 1, minSuccessRate: 0.5, healthy: true });
    expect(doc.suites[0].cells[3].harness).toBeNull();
  });

  it('rejects a document that breaks the schema (the validation can fail)', async () => {
    const doc = await produce();
    const validate = validator();
    doc.suites[0].cells[0].status = 'green';
    expect(validate(doc)).toBe(false);
    delete doc.suites[0].cells[0].status;
    doc.suites[0].cells[0].metrics.overall.latencies = [1, 2];
    expect(validate(doc)).toBe(false);
  });

  it('records statuses, reasons, assertions, load errors and summary counts', async () => {
    const doc = await produce();
    const [suite, broken] = doc.suites;
    expect(suite.cells.map((c: { status: string }) => c.status)).toEqual([
      'passed',
      'failed',
      'inconclusive',
      'skipped',
    ]);
    expect(suite.status).toBe('failed');
    const failed = suite.cells[1];
    expect(failed.reason).toBe('recovery_ms 7310 > 5000');
    expect(failed.assertions[0]).toMatchObject({ pass: false, actual: { recovery_ms: 7310 } });
    expect(failed.faults[0]).toMatchObject({ kind: 'kill', victims: ['worker-3', 'worker-5'], verified: true });
    expect(suite.cells[2].metrics).toBeNull();
    expect(broken).toMatchObject({ scenario: null, status: 'failed', cells: [] });
    expect(broken.loadErrors.map((e: { line: number }) => e.line)).toEqual([14, 20]);
    expect(doc.summary).toEqual({
      cells: { passed: 1, failed: 1, inconclusive: 1, skipped: 1, total: 4 },
      suites: { total: 2, failed: 2 },
      repeats: [],
    });
  });

  it('drops raw latency arrays but keeps their summaries', async () => {
    const text = readFileSync(join(dir, await produce().then(() => 'out/results.json')), 'utf8');
    expect(text).not.toContain('"latencies"');
    const doc = JSON.parse(text);
    expect(doc.suites[0].cells[0].metrics.phases.post.latency.p95).toBe(40);
    expect(doc.suites[0].cells[0].metrics.faults[0].phases.pre.latency.count).toBe(4);
  });

  it('writes failstorm_metrics.json and history.jsonl per cell, atomically', async () => {
    const doc = await produce();
    const passed = doc.suites[0].cells[0];
    expect(passed.files.dir).toMatch(/^cells\/fail-storm-mesh-quotes-30\/json$/);
    const history = readFileSync(join(dir, 'out', passed.files.history), 'utf8')
      .trim()
      .split('\n');
    expect(history.map((l) => JSON.parse(l).type)).toEqual(['task_issued', 'task_end', 'fault']);
    const fs = JSON.parse(readFileSync(join(dir, 'out', passed.files.failstorm_metrics), 'utf8'));
    expect(fs).toMatchObject({ protocol: 'json', recovery_ms: 1750, bytes_reconnect: 40_000 });
    expect(doc.suites[0].cells[2].files.failstorm_metrics).toBeNull(); // inconclusive: no metrics
    expect(doc.suites[0].cells[3].files).toBeNull(); // skipped: nothing recorded, no directory
    expect(existsSync(join(dir, 'out/cells/fail-storm-mesh-quotes-30/anp'))).toBe(false);
    expect(walkFiles(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps repeats apart and writes cell files as each cell ends', async () => {
    const reporter = new JsonReporter({ outputDir: 'out', cwd: dir });
    const r1 = makeCell({
      protocol: 'json',
      status: 'passed',
      repeat: 1,
      id: 'scenarios/fail-storm.storm.yaml#json#r1',
    });
    await reporter.onCellEnd(r1);
    expect(existsSync(join(dir, 'out/cells/fail-storm-mesh-quotes-30/json-r1/history.jsonl'))).toBe(true);
    expect(existsSync(join(dir, 'out/results.json'))).toBe(false);
  });

  it('gives two files with the same scenario name separate directories', async () => {
    const reporter = new JsonReporter({ outputDir: 'out', cwd: dir });
    await reporter.onCellEnd(makeCell({ protocol: 'json', status: 'passed', file: 'a.storm.yaml' }));
    await reporter.onCellEnd(makeCell({ protocol: 'json', status: 'passed', file: 'b.storm.yaml' }));
    expect(readdirSync(join(dir, 'out/cells')).sort()).toEqual([
      'fail-storm-mesh-quotes-30',
      'fail-storm-mesh-quotes-30-2',
    ]);
  });

  it('writes partial results after an interrupt', async () => {
    const run = makeRun({ reason: 'interrupted', exitCode: 130 });
    run.suites[0].cells = run.suites[0].cells.slice(0, 1);
    const doc = await produce(run);
    expect(validator()(doc)).toBe(true);
    expect(doc.run).toMatchObject({ reason: 'interrupted', exitCode: 130 });
    expect(doc.summary.cells.total).toBe(1);
  });
});

describe('results.json with --repeat', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storm-json-rep-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const produce = async (minPassRate: number) => {
    await new JsonReporter({ outputDir: 'out', cwd: dir }).onRunEnd(makeRepeatedRun(minPassRate));
    return JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
  };

  it('validates against the schema, with repeated verdicts, spreads and the comparison', async () => {
    const doc = await produce(1);
    const validate = validator();
    validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(doc.run).toMatchObject({ repeat: 7, minPassRate: 1, workersAuto: false });
  });

  it('marks the flaky cell in summary.repeats and suites[].repeated, and fails it under min-pass-rate 1', async () => {
    const doc = await produce(1);
    const anp = doc.summary.repeats.find((r: any) => r.protocol === 'anp');
    expect(anp).toMatchObject({ runs: 7, passed: 5, failed: 2, inconclusive: 0, flaky: true, status: 'failed' });
    expect(anp.reason).toMatch(/^flaky: 5\/7 judged runs passed/);
    expect(doc.suites[0].status).toBe('failed');
    const rep = doc.suites[0].repeated.find((r: any) => r.protocol === 'anp');
    expect(rep.metrics.recovery_ms).toMatchObject({
      unit: 'ms',
      runs: 7,
      n: 6,
      nulls: 1,
      median: 3375,
      min: 3000,
      max: 4000,
    });
    expect(rep.metrics.recovery_ms.ci).toMatchObject({ lo: 3000, hi: 4000, loRank: 1, hiRank: 6 });
    expect(doc.suites[0].repeated.find((r: any) => r.protocol === 'json')).toMatchObject({
      status: 'passed',
      flaky: false,
      passRate: 1,
    });
  });

  it('passes the flaky cell when its pass rate reaches --min-pass-rate', async () => {
    const doc = await produce(0.7);
    expect(doc.summary.repeats.find((r: any) => r.protocol === 'anp')).toMatchObject({ flaky: true, status: 'passed' });
    expect(doc.suites[0].status).toBe('passed');
  });

  it('writes which protocol differences are measurable and which are not', async () => {
    const doc = await produce(1);
    const byMetric = Object.fromEntries(doc.suites[0].comparison.metrics.map((m: any) => [m.metric, m]));
    expect(byMetric.recovery_ms).toMatchObject({
      verdict: 'measurable',
      differences: [{ lower: 'json', higher: 'anp' }],
    });
    expect(byMetric.recovery_ms.values.json).toMatchObject({ median: 1125, ci: { lo: 1000, hi: 1500 } });
    expect(byMetric.detect_ms).toMatchObject({
      verdict: 'no-measurable-difference',
      differences: [],
      text: 'no measurable difference',
    });
  });

  it('says a single run cannot be judged', async () => {
    await new JsonReporter({ outputDir: 'out', cwd: dir }).onRunEnd(makeRun());
    const doc = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
    expect(doc.suites[0].repeated).toEqual([]);
    expect(doc.suites[0].comparison.repeats).toBe(1);
    expect(doc.suites[0].comparison.metrics[1]).toMatchObject({ metric: 'recovery_ms', verdict: 'single-run' });
    expect(doc.suites[1].comparison).toBeNull();
  });
});

describe('repeat statistics', () => {
  it('gives the pass rate per scenario × protocol and marks flaky cells', async () => {
    const { repeatStats } = await import('../../../src/report/repeats.js');
    const cells = [
      makeCell({ protocol: 'json', status: 'passed', repeat: 0, id: 'a#json#r0' }),
      makeCell({ protocol: 'json', status: 'failed', repeat: 1, id: 'a#json#r1' }),
      makeCell({ protocol: 'json', status: 'passed', repeat: 2, id: 'a#json#r2' }),
      makeCell({ protocol: 'a2a', status: 'passed', repeat: 0, id: 'a#a2a#r0' }),
      makeCell({ protocol: 'a2a', status: 'passed', repeat: 1, id: 'a#a2a#r1' }),
    ];
    const result = { suites: [{ file: 'a', scenario: 'A', line: 1, loadErrors: [], cells }] } as unknown as Parameters<
      typeof repeatStats
    >[0];
    const stats = repeatStats(result);
    expect(stats.map((s) => [s.protocol, s.runs, s.passed, s.flaky])).toEqual([
      ['json', 3, 2, true],
      ['a2a', 2, 2, false],
    ]);
    expect(stats[0].passRate).toBeCloseTo(2 / 3);
  });
});
