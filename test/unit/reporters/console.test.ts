import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleReporter, isCI } from '../../../reporters/console.js';
import type { CellInfo, FaultTimelineEntry } from '../../../src/model/results.js';
import { CaptureStream, stripAnsi } from '../report/capture.js';
import { makeRun } from '../report/fixtures.js';

const run = makeRun();
const cells = run.suites[0].cells;
const NAME = cells[0].scenario.replace('\u0001', ''); // control characters never reach the terminal
const info = (i: number): CellInfo => ({ ...cells[i], agents: 8 });
const kill: FaultTimelineEntry = {
  fault: 0,
  kind: 'kill',
  t: 6000,
  victims: ['worker-3', 'worker-5'],
  pids: [1, 2],
  signal: 'SIGKILL',
  verified: true,
};

async function drive(out: CaptureStream, result = run): Promise<string> {
  const reporter = new ConsoleReporter({ outputDir: 'out', cwd: '/tmp', stdout: out });
  await reporter.onRunStart(result.info, [info(0), info(1), info(2)]);
  for (const i of [0, 1, 2]) {
    await reporter.onCellStart(info(i));
    await reporter.onCellPhase(info(i), 'starting', '8 agents');
    await reporter.onCellPhase(info(i), 'ready', '8/8 agents up');
    await reporter.onWorkloadPhase(info(i), { t: 0, phase: 'pre-fault', active: [], applied: 0, planned: 1 });
    if (i < 2) await reporter.onFault(info(i), i === 0 ? kill : { ...kill, verified: false });
    await reporter.onWorkloadPhase(info(i), { t: 6000, phase: 'fault', active: [kill], applied: 1, planned: 1 });
    await reporter.onWorkloadPhase(info(i), { t: 9000, phase: 'post-fault', active: [], applied: 1, planned: 1 });
    await reporter.onCellEnd(cells[i]);
  }
  await reporter.onRunEnd(result);
  return out.text;
}

/** The lines of the table under a scenario heading (header + rows). */
function tableLines(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trimStart().startsWith('protocol'));
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return lines.slice(start, end);
}

describe('ConsoleReporter, plain (not a terminal)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('prints one line per event, without colour', async () => {
    const text = await drive(new CaptureStream(false));
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).not.toContain('\u0001');
    const lines = text.split('\n');
    expect(lines).toContain(`▶ ${NAME} [json] starting 8 agents`);
    expect(lines).toContain(`· ${NAME} [json] ready — 8/8 agents up`);
    expect(lines.filter((l) => l.includes('starting'))).toHaveLength(3); // the phase repeats ▶, so it is not printed
    expect(lines).toContain('⚡ t=6.00s kill worker-3, worker-5 (SIGKILL) verified');
    expect(lines).toContain('⚡ t=6.00s kill worker-3, worker-5 (SIGKILL) NOT verified');
    expect(lines).toContain(`✓ ${NAME} [json] 12.3s`);
    expect(lines).toContain(`✗ ${NAME} [a2a] 12.3s — recovery_ms 7310 > 5000`);
    expect(lines).toContain(`? ${NAME} [acp] 12.3s — agent worker-2 not ready within 10s …`);
    // the workload's phases are for the live view; CI has a ⚡ line per fault and nothing per lift
    expect(text).not.toMatch(/pre-fault|post-fault|fault:/);
  });

  it("follows each finished cell with the run's progress: n/N, failures, elapsed, ETA", async () => {
    const lines = (await drive(new CaptureStream(false))).split('\n');
    const progress = lines.filter((l) => /^ {2}\d+\/3 cells/.test(l));
    expect(progress).toHaveLength(3);
    expect(progress[0]).toMatch(/^ {2}1\/3 cells · \d+s elapsed · ETA \d/);
    expect(progress[1]).toMatch(/^ {2}2\/3 cells · 1 failed · /);
    expect(progress[2]).toMatch(/^ {2}3\/3 cells · 1 failed · 1 inconclusive · \d+s elapsed$/);
  });

  it('ends with Jest-like Cells / Suites / Time lines', async () => {
    const lines = (await drive(new CaptureStream(false))).trimEnd().split('\n');
    expect(lines.slice(-3)).toEqual([
      'Cells:  1 failed, 1 inconclusive, 1 skipped, 1 passed, 4 total',
      'Suites: 2 failed, 2 total',
      'Time:   48.2 s',
    ]);
  });

  it('lists failed assertions with numbers, inconclusive reasons and load errors', async () => {
    const text = await drive(new CaptureStream(false));
    expect(text).toContain('    ✗ recovery_ms < 5000  — recovery_ms 7310 is not < 5000');
    expect(text).not.toContain('✗ p95(latency_ms{phase=post}) < 500');
    expect(text).toContain('    stderr: <boom>');
    expect(text).toContain(
      '    scenarios/broken.storm.yaml:14:7  faults[0].kill  agent "planer" is not declared — did you mean "planner"?',
    );
  });

  it('prints an aligned protocol × metric table with marks and — for null', async () => {
    const rows = tableLines(await drive(new CaptureStream(false)));
    expect(rows[0].split(/\s{2,}/).filter(Boolean)).toEqual([
      'protocol',
      'detect_ms',
      'recovery_ms',
      'steady_state_ms',
      '± resolution',
      'bytes_reconnect',
      'success_rate_drop',
      'duplicate_work_ratio',
      'p95 latency',
      'verdict',
    ]);
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    const [json, a2a, acp] = rows.slice(1).map((r) => r.trim().split(/\s{2,}/));
    expect(json).toEqual(['json', '1200', '1750 ✓', '2250', '500', '39.1 KiB', '0.050', '0.010', '40', 'passed']);
    expect(a2a[2]).toBe('7310 ✗');
    expect(a2a[8]).toBe('40 ✓');
    expect(acp.slice(1, 3)).toEqual(['—', '—']);
    expect(acp.at(-1)).toBe('inconclusive');
  });

  it('says when results are partial', async () => {
    const text = await drive(new CaptureStream(false), makeRun({ reason: 'interrupted' }));
    expect(text).toContain('Interrupted: the results are partial.');
  });

  it('stays plain on a terminal under CI', async () => {
    vi.stubEnv('CI', 'true');
    const text = stripAnsi(await drive(new CaptureStream(true)));
    expect(text).toContain('⚡ t=6.00s kill worker-3, worker-5 (SIGKILL) verified\n');
    expect(isCI({ CI: 'false' })).toBe(false);
    expect(isCI({ CI: '1' })).toBe(true);
  });
});

describe('ConsoleReporter, live (terminal, not CI)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('renders the task list, resolves every task and then prints the coloured summary', async () => {
    vi.stubEnv('CI', '');
    const out = new CaptureStream(true);
    const text = await drive(out);
    expect(text).toMatch(/\u001b\[3\dm/); // colour on a terminal
    const plain = stripAnsi(text);
    expect(plain).toContain(`${NAME} [json]`);
    expect(plain).not.toContain('▶ '); // the plain event lines are not used
    expect(plain).toContain('Cells:  1 failed, 1 inconclusive, 1 skipped, 1 passed, 4 total');
  });
});
