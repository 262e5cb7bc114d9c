/** The harness block's numbers from hand-built histories: every event is spelled out to be recounted. */
import { describe, expect, it } from 'vitest';
import { measureHarness, summarizeLag } from '../../../src/metrics/harness.js';
import type { HistoryEvent } from '../../../src/model/history.js';

/** An open workload at 10/s over 1 s: tasks scheduled at 50, 150, … 950 ms, each issued `lag(k)` late. */
function openWorkload(lag: (k: number) => number): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (let k = 0; k < 10; k++) {
    const scheduled = 50 + 100 * k;
    events.push({ type: 'task_issued', t: scheduled + lag(k), task: `t${k}`, to: 'worker-0', scheduled });
    events.push({ type: 'task_end', t: scheduled + lag(k) + 5, task: `t${k}`, outcome: 'ok' });
  }
  events.push({ type: 'run_end', t: 1000 });
  return events.sort((a, b) => a.t - b.t);
}

describe('measureHarness', () => {
  it('issue lag p50/p99/max by nearest rank over t − scheduled', () => {
    // lags 0.5, 1, 1.5 … 5 ms: p50 = rank 5 = 2.5, p99 = rank 10 = 5
    const m = measureHarness(openWorkload((k) => 0.5 * (k + 1)));
    expect(m.issueLag).toEqual({ count: 10, p50: 2.5, p99: 5, max: 5 });
    expect(m.tasksAfterEnd).toBe(0);
    expect(m.tasksSkippedLate).toBe(0);
  });

  it('a closed workload has no schedule: every lag statistic is null', () => {
    const history: HistoryEvent[] = [
      { type: 'task_issued', t: 3, task: 't0', to: 'worker-0' },
      { type: 'task_end', t: 9, task: 't0', outcome: 'ok' },
      { type: 'run_end', t: 1000 },
    ];
    expect(measureHarness(history).issueLag).toEqual({ count: 0, p50: null, p99: null, max: null });
  });

  it('counts tasks issued after the end of the run, and dropped late tasks with their lag as a lower bound', () => {
    const history: HistoryEvent[] = [
      ...openWorkload(() => 1),
      { type: 'task_issued', t: 1000.5, task: 'late', to: 'worker-0', scheduled: 990 },
      { type: 'task_skipped', t: 1300, scheduled: 995 },
    ];
    const m = measureHarness(history);
    expect(m.tasksAfterEnd).toBe(1);
    expect(m.tasksSkippedLate).toBe(1);
    expect(m.issueLag.count).toBe(12);
    expect(m.issueLag.max).toBe(305);
  });

  it('a task issued exactly at the end (after rounding) is not after it', () => {
    const history: HistoryEvent[] = [
      { type: 'task_issued', t: 1000, task: 't', to: 'w', scheduled: 999 },
      { type: 'run_end', t: 1000 },
    ];
    expect(measureHarness(history).tasksAfterEnd).toBe(0);
  });

  it('runner delay: worst window p99 and overall max; worst agent by max, with its id', () => {
    const history: HistoryEvent[] = [
      ...openWorkload(() => 1),
      { type: 'loop_delay', t: 500, from: 0, agent: 'runner', p99: 3, max: 4 },
      { type: 'loop_delay', t: 1000, from: 0, agent: 'runner', p99: 12, max: 412 },
      { type: 'loop_delay', t: 400, from: 2, agent: 'worker-0', pid: 10, p99: 20, max: 31 },
      { type: 'loop_delay', t: 900, from: 3, agent: 'worker-1', pid: 11, p99: 9, max: 45 },
      { type: 'loop_delay', t: 950, from: 2, agent: 'worker-0', pid: 10, p99: 2, max: 5 },
    ];
    const m = measureHarness(history);
    expect(m.loopDelay.runner).toEqual({ p99: 12, max: 412 });
    expect(m.loopDelay.worstAgent).toEqual({ agent: 'worker-1', p99: 9, max: 45 });
    expect(m.loopDelay.samples).toBe(5);
  });

  it('ignores windows that began before the workload (start-up) and samples long after it', () => {
    const history: HistoryEvent[] = [
      ...openWorkload(() => 1),
      // read at t = 700 but reaching back into start-up, when the other agents were still loading
      { type: 'loop_delay', t: 700, from: -1300, agent: 'worker-0', pid: 10, p99: 300, max: 900 },
      { type: 'loop_delay', t: 5000, from: 3000, agent: 'worker-0', pid: 10, p99: 300, max: 900 },
      { type: 'loop_delay', t: 1900, from: 1, agent: 'worker-0', pid: 10, p99: 1, max: 2 },
    ];
    const m = measureHarness(history);
    expect(m.loopDelay.worstAgent).toEqual({ agent: 'worker-0', p99: 1, max: 2 });
    expect(m.loopDelay.samples).toBe(1);
  });

  it('a SIGSTOP victim’s windows that overlap its pause are the fault, not harness delay; its other windows count', () => {
    const history = [
      ...openWorkload(() => 1),
      {
        type: 'fault',
        t: 200,
        fault: 0,
        kind: 'pause',
        victims: ['worker-1'],
        pids: [11],
        signal: 'SIGSTOP',
        verified: true,
      },
      { type: 'fault_end', t: 700, fault: 0, victims: ['worker-1'] },
      { type: 'loop_delay', t: 150, from: 5, agent: 'worker-1', pid: 11, p99: 7, max: 8 }, // before the pause
      { type: 'loop_delay', t: 1100, from: 150, agent: 'worker-1', pid: 11, p99: 490, max: 500 }, // spans it
      { type: 'loop_delay', t: 1500, from: 960, agent: 'worker-1', pid: 11, p99: 30, max: 60 }, // starts after resume + 250 ms
      { type: 'loop_delay', t: 1200, from: 100, agent: 'worker-2', pid: 12, p99: 3, max: 4 }, // another agent, same time
    ].sort((a, b) => a.t - b.t) as HistoryEvent[];
    const m = measureHarness(history);
    expect(m.loopDelay.worstAgent).toEqual({ agent: 'worker-1', p99: 30, max: 60 });
    expect(m.loopDelay.samples).toBe(3);
    expect(m.loopDelay.agents).toBe(2);
  });

  it('a window that ends before the pause or starts more than 250 ms after the resume is kept; one that touches it is not', () => {
    const around = (from: number, t: number): HistoryEvent[] => [
      ...openWorkload(() => 1),
      { type: 'fault', t: 200, fault: 0, kind: 'pause', victims: ['w'], pids: [11], signal: 'SIGSTOP', verified: true },
      { type: 'fault_end', t: 700, fault: 0, victims: ['w'] },
      { type: 'loop_delay', t, from, agent: 'w', pid: 11, p99: 1, max: 1 },
    ];
    expect(measureHarness(around(0, 199)).loopDelay.samples).toBe(1);
    expect(measureHarness(around(0, 200)).loopDelay.samples).toBe(0);
    expect(measureHarness(around(950, 1500)).loopDelay.samples).toBe(0);
    expect(measureHarness(around(951, 1500)).loopDelay.samples).toBe(1);
  });

  it('no samples: runner and worst agent are null, not zero', () => {
    const m = measureHarness(openWorkload(() => 1));
    expect(m.loopDelay).toEqual({ runner: null, worstAgent: null, samples: 0, agents: 0 });
  });
});

describe('summarizeLag', () => {
  it('rounds to 0.01 ms and keeps an empty list null', () => {
    expect(summarizeLag([0.123456, 2.0049])).toEqual({ count: 2, p50: 0.12, p99: 2, max: 2 });
    expect(summarizeLag([])).toEqual({ count: 0, p50: null, p99: null, max: null });
  });
});
