/**
 * Synthetic RunResults for reporter tests: one passing, one failing (assertion with its actual
 * value), one inconclusive and one skipped cell, plus a suite whose file failed to load. Text
 * fields carry characters that need escaping in XML, HTML and workflow commands.
 */
import type { AssertionResult } from '../../../src/model/assertions.js';
import type { LatencySummary, Metrics, PhaseMetrics } from '../../../src/model/metrics.js';
import type { HistoryEvent } from '../../../src/model/history.js';
import type { HarnessBlock } from '../../../src/model/harness.js';
import type { CellResult, RunResult, SuiteResult } from '../../../src/model/results.js';

/** A tricky scenario name: markup, quotes, an ampersand, an em dash, a control char. */
export const TRICKY_NAME = 'Fail-storm <mesh> & "quotes" — 30%\u0001';

const latency = (p95: number | null): LatencySummary => ({
  count: p95 === null ? 0 : 4,
  p50: p95 === null ? null : p95 / 2,
  p90: p95,
  p95,
  p99: p95,
  avg: p95 === null ? null : p95 / 2,
  min: p95 === null ? null : 1,
  max: p95,
});

/** A phase with a few latencies (so tests can check they are dropped from results.json). */
export function makePhase(from: number | null, to: number | null, rate: number | null): PhaseMetrics {
  return {
    from,
    to,
    issued: 20,
    ok: 18,
    succeeded: rate === null ? 0 : Math.round(rate * 20),
    success_rate: rate,
    accuracy: rate === null ? null : 1,
    throughput: rate === null ? null : 4,
    latency: latency(rate === null ? null : 40),
    latencies: [10, 20, 30, 40],
    bytes: 12_345,
    bytes_per_task: 617.25,
  };
}

/** Metrics of a cell with one kill at t=6 s; `recovery` null = never recovered. */
export function makeMetrics(recovery: number | null, over: Partial<Metrics> = {}): Metrics {
  const phases = {
    pre: makePhase(1000, 6000, 1),
    fault: makePhase(6000, 8000, 0.5),
    post: makePhase(8000, 12000, 0.95),
  };
  return {
    faults: [
      {
        fault: 0,
        kind: 'kill',
        t: 6000,
        victims: ['worker-3', 'worker-5'],
        verified: true,
        s_pre: 1,
        detect_ms: 1200,
        detect_evidence: { refused: 10, silence: 4, unknown: 0 },
        recovered: recovery !== null,
        recovery_ms: recovery,
        steady_state_ms: recovery === null ? null : recovery + 500,
        dip_at: 6000,
        reconnect_ms: null,
        bytes_reconnect: 40_000,
        bytes_excess: 12_000,
        phases,
        success_rate_drop: recovery === null ? null : 0.05,
        retention: recovery === null ? null : 0.95,
      },
    ],
    detect_ms: 1200,
    recovery_ms: recovery,
    recovered: recovery !== null,
    steady_state_ms: recovery === null ? null : recovery + 500,
    reconnect_ms: null,
    bytes_reconnect: 40_000,
    bytes_excess: 12_000,
    resolution_ms: 500,
    false_suspicions: 0,
    retention: recovery === null ? null : 0.95,
    overall: makePhase(1000, 12000, 0.9),
    phases,
    success_rate: 0.9,
    success_rate_drop: recovery === null ? null : 0.05,
    duplicate_work_ratio: 0.01,
    accuracy: 1,
    throughput: 3.5,
    bytes_total: 123_456,
    messages: 900,
    tasks_issued: 220,
    tasks_ok: 200,
    tasks_failed: 10,
    tasks_timeout: 10,
    tasks_lost: 0,
    restarts: 0,
    bucket_ms: 250,
    buckets: Array.from({ length: 48 }, (_, i) => {
      const t = i * 250;
      const rate = t >= 6000 && t < 6000 + (recovery ?? 6000) ? 0.4 : 1;
      return {
        t,
        width: 250,
        fault: t >= 6000 ? 0 : null,
        issued: 5,
        succeeded: Math.round(rate * 5),
        rate,
        p95_latency: rate < 1 ? 300 : 40,
        evidential: true,
      };
    }),
    ...over,
  };
}

/** One assertion result. */
export function makeAssertion(
  expr: string,
  pass: boolean,
  actual: Record<string, number | null>,
  reason: string,
): AssertionResult {
  const left = Object.values(actual)[0] ?? null;
  return { expr, pass, actual, left, right: 5000, reason };
}

const history: HistoryEvent[] = [
  { type: 'task_issued', t: 0, task: 't1', to: 'worker-0' },
  { type: 'task_end', t: 12, task: 't1', outcome: 'ok', correct: true },
  {
    type: 'fault',
    t: 6000,
    fault: 0,
    kind: 'kill',
    victims: ['worker-3', 'worker-5'],
    pids: [101, 102],
    signal: 'SIGKILL',
    verified: true,
  },
];

/** A harness block that kept up (or, with `over`, one that did not). */
export function makeHarness(over: Partial<HarnessBlock> = {}): HarnessBlock {
  return {
    issueLag: { count: 220, p50: 0.4, p99: 1.8, max: 2.1 },
    loopDelay: {
      runner: { p99: 3, max: 12 },
      worstAgent: { agent: 'worker-3', p99: 9, max: 31 },
      samples: 120,
      agents: 8,
    },
    tasksAfterEnd: 0,
    tasksSkippedLate: 0,
    bounds: { maxIssueLagP99Ms: 50, maxIssueLagMs: 250, maxLoopDelayMs: 250 },
    overloaded: false,
    reasons: [],
    baseline: { phase: 'pre', successRate: 1, minSuccessRate: 0.5, healthy: true },
    ...over,
  };
}

/** A cell result with sensible defaults. */
export function makeCell(over: Partial<CellResult> & Pick<CellResult, 'protocol' | 'status'>): CellResult {
  const file = over.file ?? 'scenarios/fail-storm.storm.yaml';
  return {
    id: `${file}#${over.protocol}`,
    file,
    scenario: TRICKY_NAME,
    repeat: 0,
    seed: 42,
    durationMs: 12_345,
    metrics: makeMetrics(1750),
    harness: makeHarness(),
    assertions: [],
    faults: [
      {
        fault: 0,
        kind: 'kill',
        t: 6000,
        victims: ['worker-3', 'worker-5'],
        pids: [101, 102],
        signal: 'SIGKILL',
        verified: true,
      },
    ],
    history,
    agents: [
      { id: 'worker-0', pid: 100, port: 9100 },
      { id: 'worker-3', pid: 101, port: 9101 },
    ],
    ...over,
  };
}

/** The standard run: passed, failed, inconclusive, skipped cells and a load-error suite. */
export function makeRun(over: Partial<RunResult> = {}): RunResult {
  const passing = makeCell({
    protocol: 'json',
    status: 'passed',
    assertions: [makeAssertion('recovery_ms < 5000', true, { recovery_ms: 1750 }, 'recovery_ms 1750 < 5000')],
  });
  const failing = makeCell({
    protocol: 'a2a',
    status: 'failed',
    metrics: makeMetrics(7310),
    reason: 'recovery_ms 7310 > 5000',
    assertions: [
      makeAssertion('recovery_ms < 5000', false, { recovery_ms: 7310 }, 'recovery_ms 7310 is not < 5000'),
      makeAssertion('p95(latency_ms{phase=post}) < 500', true, { 'p95(latency_ms{phase=post})': 40 }, '40 < 500'),
    ],
  });
  const inconclusive = makeCell({
    protocol: 'acp',
    status: 'inconclusive',
    metrics: null,
    harness: null,
    reason: 'agent worker-2 not ready within 10s\nstderr: <boom>',
    faults: [],
    agents: [{ id: 'worker-2', pid: null, port: null }],
  });
  const skipped = makeCell({
    protocol: 'anp',
    status: 'skipped',
    metrics: null,
    harness: null,
    reason: 'agents are pinned to protocol "json"',
    durationMs: 0,
    faults: [],
    history: [],
    agents: [],
  });
  const ok: SuiteResult = {
    file: 'scenarios/fail-storm.storm.yaml',
    scenario: TRICKY_NAME,
    line: 2,
    loadErrors: [],
    cells: [passing, failing, inconclusive, skipped],
  };
  const broken: SuiteResult = {
    file: 'scenarios/broken.storm.yaml',
    scenario: null,
    line: 1,
    cells: [],
    loadErrors: [
      {
        file: 'scenarios/broken.storm.yaml',
        line: 14,
        col: 7,
        path: 'faults[0].kill',
        message: 'agent "planer" is not declared',
        hint: 'did you mean "planner"?',
        code: 'E_UNKNOWN_AGENT',
      },
      {
        file: 'scenarios/broken.storm.yaml',
        line: 20,
        col: 5,
        path: 'expect[1]',
        message: 'unknown metric "recovery"',
        code: 'E_UNKNOWN_METRIC',
      },
    ],
  };
  return {
    info: {
      startedAt: '2025-01-02T03:04:05.000Z',
      seed: 42,
      stormVersion: '0.1.0',
      nodeVersion: 'v20.20.2',
      platform: 'linux-x64',
      argv: ['test', 'scenarios/'],
      outputDir: 'storm-report',
      workers: 1,
      workersAuto: false,
      repeat: 1,
      minPassRate: 1,
    },
    suites: [ok, broken],
    reason: 'completed',
    finishedAt: '2025-01-02T03:04:53.200Z',
    durationMs: 48_200,
    exitCode: 1,
    ...over,
  };
}

/**
 * A run with --repeat 6 on two protocols of one scenario: json passes every run with recovery
 * 1000–1500 ms; anp is flaky (4 of 6 runs pass) and slower (3000–4000 ms), one of its runs never
 * recovered (null). The intervals do not overlap on recovery_ms and do on everything else.
 */
export function makeRepeatedRun(minPassRate = 1): RunResult {
  const file = 'scenarios/fail-storm.storm.yaml';
  const json = [1000, 1500, 1000, 1250, 1500, 1000].map((rec, r) =>
    makeCell({
      protocol: 'json',
      status: 'passed',
      id: `${file}#json#r${r}`,
      repeat: r,
      seed: 42 + r,
      metrics: makeMetrics(rec),
    }),
  );
  const anpRecovery = [3000, null, 3500, 4000, 3000, 3500, 3250];
  const anpStatus = ['passed', 'failed', 'passed', 'failed', 'passed', 'passed', 'passed'] as const;
  const anp = anpRecovery.map((rec, r) =>
    makeCell({
      protocol: 'anp',
      status: anpStatus[r],
      id: `${file}#anp#r${r}`,
      repeat: r,
      seed: 42 + r,
      metrics: makeMetrics(rec),
      reason: anpStatus[r] === 'failed' ? 'recovery_ms 4000 > 3800' : undefined,
      assertions:
        anpStatus[r] === 'failed'
          ? [makeAssertion('recovery_ms < 3800', false, { recovery_ms: rec }, `recovery_ms ${rec} is not < 3800`)]
          : [],
    }),
  );
  const run = makeRun({ exitCode: minPassRate <= 5 / 7 ? 0 : 1 });
  run.info = { ...run.info, repeat: 7, minPassRate };
  run.suites = [{ file, scenario: TRICKY_NAME, line: 2, loadErrors: [], cells: [...json, ...anp] }];
  return run;
}

/**
 * A run the size of the shipped scenarios: three scenarios × five protocols. Fail-storm kills two
 * workers that restart at t=7 s; Hang pauses one agent from t=3 s to a heal (`fault_end`) at t=6 s,
 * with a long fault detail (the overflow check); Baseline has no fault. Latency differs per protocol
 * so per-cell axes would differ.
 */
export function makeWideRun(): RunResult {
  const protocols = ['json', 'a2a', 'acp', 'anp', 'agora'] as const;
  const restarted = [
    { agent: 'worker-3', pid: 201, t: 7000 },
    { agent: 'worker-5', pid: 202, t: 7100 },
  ];
  const longDetail = `network delay 200ms ± 50ms loss 30% on links ${Array.from({ length: 12 }, (_, i) => `worker-${i}→planner`).join(',')}`;
  const suite = (
    file: string,
    scenario: string,
    cell: (p: (typeof protocols)[number], i: number) => Partial<CellResult>,
  ): SuiteResult => ({
    file,
    scenario,
    line: 1,
    loadErrors: [],
    cells: protocols.map((protocol, i) =>
      makeCell({ protocol, status: 'passed', file, scenario, id: `${file}#${protocol}`, ...cell(protocol, i) }),
    ),
  });
  const slower = (m: Metrics, i: number): Metrics => ({
    ...m,
    buckets: m.buckets.map((b) => ({ ...b, p95_latency: (b.p95_latency ?? 0) * (i + 1) })),
  });
  const failStorm = suite('scenarios/fail-storm.storm.yaml', 'Fail-storm — 30% of a mesh dies', (_, i) => ({
    metrics: slower(makeMetrics(1000 + 500 * i), i),
    faults: [
      {
        fault: 0,
        kind: 'kill',
        t: 6000,
        victims: ['worker-3', 'worker-5'],
        pids: [101, 102],
        signal: 'SIGKILL',
        verified: true,
        restarted,
      },
    ],
    history: [...history, { type: 'restart', t: 7000, fault: 0, agent: 'worker-3', pid: 201, ready: true }],
    status: i === 1 ? 'failed' : 'passed',
    reason: i === 1 ? 'recovery_ms 1500 > 1400' : undefined,
  }));
  const hang = suite('scenarios/hang.storm.yaml', 'Hang — one agent frozen', (_, i) => ({
    metrics: slower(makeMetrics(800), i),
    faults: [
      {
        fault: 0,
        kind: 'pause',
        t: 3000,
        victims: ['worker-1'],
        pids: [111],
        signal: 'SIGSTOP',
        verified: true,
        detail: longDetail,
      },
    ],
    history: [...history, { type: 'fault_end', t: 6000, fault: 0, victims: ['worker-1'] }],
  }));
  const baseline = suite('scenarios/baseline.storm.yaml', 'Baseline — no faults', () => ({
    metrics: makeMetrics(null, {
      faults: [],
      recovery_ms: null,
      detect_ms: null,
      success_rate: 0.998,
      bytes_reconnect: null,
    }),
    faults: [],
  }));
  const run = makeRun({ exitCode: 1 });
  run.suites = [failStorm, hang, baseline];
  return run;
}
