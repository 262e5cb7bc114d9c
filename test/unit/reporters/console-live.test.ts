/**
 * The live view fed event by event with a hand-driven clock: what the terminal shows after each
 * redraw (a tiny screen model applies the erase sequences), the progress line and its ETA, and that a
 * failed cell keeps its scenario and protocol.
 */
import { Chalk } from 'chalk';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { fitWidth, LiveView } from '../../../reporters/console-live.js';
import { CELL_OVERHEAD_MS, formatClock, RunProgress } from '../../../reporters/console-progress.js';
import type { CellInfo, FaultTimelineEntry, WorkloadState } from '../../../src/model/results.js';
import { CaptureStream, stripAnsi } from '../report/capture.js';
import { makeRun } from '../report/fixtures.js';

const cells = makeRun().suites[0].cells;
const NAME = cells[0].scenario.replace('\u0001', '');
const info = (i: number): CellInfo => ({ ...cells[i], agents: 8, plannedMs: 20_000 });
const kill: FaultTimelineEntry = {
  fault: 0,
  kind: 'kill',
  t: 6000,
  victims: ['worker-3', 'worker-5'],
  pids: [1, 2],
  signal: 'SIGKILL',
  verified: true,
};

/** The visible screen after the whole output: `ESC[nF ESC[J` removes the last n lines. */
function screen(text: string): string[] {
  const lines: string[] = [];
  for (const [i, part] of text.split(/\u001b\[(\d+)F\u001b\[J/).entries()) {
    if (i % 2 === 1) lines.splice(lines.length - Number(part));
    else lines.push(...stripAnsi(part).split('\n').slice(0, -1));
  }
  return lines;
}

describe('RunProgress', () => {
  it('counts cells and estimates the rest from planned durations, then from measured ones', () => {
    const p = new RunProgress([info(0), info(1), info(2)], 1, 0);
    const per = 20_000 + CELL_OVERHEAD_MS;
    expect(p.etaMs(0)).toBe(3 * per);
    expect(p.line(0)).toBe(`0/3 cells · 0s elapsed · ETA ${formatClock(3 * per)}`);
    p.cellStart(cells[0].id, 0);
    expect(p.etaMs(10_000)).toBe(3 * per - 10_000); // the running cell's elapsed part is done
    // The first cell took twice its expectation: the two left are expected to as well.
    p.cellEnd({ id: cells[0].id, status: 'failed', durationMs: 2 * per }, 2 * per);
    expect(p.etaMs(2 * per)).toBe(2 * 2 * per);
    expect(p.line(2 * per)).toBe('1/3 cells · 1 failed · 46s elapsed · ETA 1m32s');
  });

  it('divides what is left among the workers, never among more workers than cells left', () => {
    const p = new RunProgress([info(0), info(1), info(2)], 2, 0);
    expect(p.etaMs(0)).toBe((3 * 23_000) / 2);
    p.cellEnd({ id: cells[0].id, status: 'passed', durationMs: 23_000 }, 23_000);
    p.cellEnd({ id: cells[1].id, status: 'passed', durationMs: 23_000 }, 23_000);
    expect(p.etaMs(23_000)).toBe(23_000);
    p.cellEnd({ id: cells[2].id, status: 'passed', durationMs: 23_000 }, 46_000);
    expect(p.etaMs(46_000)).toBeNull();
    expect(p.line(46_000)).toBe('3/3 cells · 46s elapsed');
  });

  // Hand-built timings: `planned(s)` cells whose expectation (workload + allowance) is s seconds.
  const planned = (...secs: number[]) => secs.map((s, i) => ({ id: `c${i}`, plannedMs: s * 1000 - CELL_OVERHEAD_MS }));

  it('with several workers never promises less than the longest running cell still needs', () => {
    const p = new RunProgress(planned(60, 10, 10, 10), 2, 0);
    p.cellStart('c0', 0);
    p.cellStart('c1', 0);
    // 90 s of work over 2 workers would be 45 s, but c0 alone needs 60 s
    expect(p.etaMs(0)).toBe(60_000);
    p.cellEnd({ id: 'c1', status: 'passed', durationMs: 10_000 }, 10_000);
    p.cellStart('c2', 10_000);
    expect(p.etaMs(10_000)).toBe(50_000);
    // once the long cell is done, the rest is shared again: c2 5 s + c3 10 s over 2 workers
    p.cellEnd({ id: 'c0', status: 'passed', durationMs: 60_000 }, 60_000);
    p.cellEnd({ id: 'c2', status: 'passed', durationMs: 10_000 }, 60_000);
    expect(p.etaMs(60_000)).toBe(10_000);
  });

  it('with several workers scales what is left by how long finished cells took against their plan', () => {
    const p = new RunProgress(planned(10, 10, 10, 10), 2, 0);
    p.cellStart('c0', 0);
    p.cellStart('c1', 0);
    p.cellEnd({ id: 'c0', status: 'passed', durationMs: 20_000 }, 20_000);
    p.cellEnd({ id: 'c1', status: 'passed', durationMs: 20_000 }, 20_000);
    expect(p.etaMs(20_000)).toBe(20_000); // two cells of 2 × 10 s, side by side
    p.cellStart('c2', 20_000);
    p.cellStart('c3', 25_000);
    expect(p.etaMs(30_000)).toBe(15_000); // c2 has 10 s left, c3 15 s: the longer one decides
  });

  it('with --workers auto shares work among the cells that really ran at once, not the ceiling', () => {
    const p = new RunProgress(planned(10, 10, 10, 10), 4, 0, true);
    p.cellStart('c0', 0);
    expect(p.etaMs(0)).toBe(40_000); // one at a time so far: the ceiling of 4 is not a promise
    p.cellStart('c1', 5000);
    expect(p.etaMs(5000)).toBe(17_500); // 5 + 10 + 10 + 10 s over the 2 running
    // a fixed --workers 4 is taken at its word
    const fixed = new RunProgress(planned(10, 10, 10, 10), 4, 0);
    fixed.cellStart('c0', 0);
    expect(fixed.etaMs(0)).toBe(10_000);
  });

  it('formats clocks in whole seconds, minutes and hours', () => {
    expect([formatClock(400), formatClock(59_600), formatClock(245_000), formatClock(3_725_000)]).toEqual([
      '0s',
      '1m00s',
      '4m05s',
      '1h02m',
    ]);
  });
});

describe('LiveView', () => {
  let view: LiveView | undefined;
  afterEach(() => view?.finish());

  const state = (t: number, active: FaultTimelineEntry[], applied: number, planned = 2): WorkloadState => ({
    t,
    phase: active.length ? 'fault' : applied ? 'post-fault' : 'pre-fault',
    active: active.map(({ fault, kind, victims, t }) => ({ fault, kind, victims, t })),
    applied,
    planned,
  });

  it('shows each running cell with its workload phase, the faults in force and its clock, then the progress line', () => {
    let now = 0;
    const out = new CaptureStream(true);
    view = new LiveView(out, new Chalk({ level: 1 }), () => now, 60_000);
    view.start([info(0), info(1), info(2)], 1);
    expect(screen(out.text)).toEqual(['0/3 cells · 0s elapsed · ETA 1m09s']);
    view.cellStart(info(0));
    expect(screen(out.text)[0]).toBe(`● ${NAME} [json] starting 8 agents`);
    now = 2000;
    view.phase(info(0), 'running', '8 agents up');
    view.workload(info(0), state(0, [], 0));
    expect(screen(out.text)[0]).toBe(`● ${NAME} [json] pre-fault · 0.0 s / 20 s · 0/2 faults`);
    now = 8100;
    view.fault(info(0), kill);
    view.workload(info(0), state(6000, [kill], 1));
    expect(screen(out.text)).toEqual([
      `● ${NAME} [json] ⚡ fault: kill worker-3,worker-5 · 6.1 s / 20 s · 1/2 faults`,
      '0/3 cells · 8s elapsed · ETA 1m01s',
    ]);
    // a second fault while the first is in force: both show
    const partition: FaultTimelineEntry = { ...kill, fault: 1, kind: 'partition', t: 7000, victims: ['worker-1'] };
    view.fault(info(0), partition);
    view.workload(info(0), state(7000, [kill, partition], 2));
    expect(screen(out.text)[0]).toBe(
      `● ${NAME} [json] ⚡ fault: kill worker-3,worker-5 + partition worker-1 · 6.1 s / 20 s · 2/2 faults`,
    );
    // the killed workers restarted: only the partition is left; then it heals
    now = 11_000;
    view.workload(info(0), state(9000, [partition], 2));
    expect(screen(out.text)[0]).toBe(`● ${NAME} [json] ⚡ fault: partition worker-1 · 9.0 s / 20 s · 2/2 faults`);
    view.workload(info(0), state(10_000, [], 2));
    expect(screen(out.text)[0]).toBe(`● ${NAME} [json] post-fault · 9.0 s / 20 s · 2/2 faults`);
    view.phase(info(0), 'stopping');
    expect(screen(out.text)[0]).toBe(`● ${NAME} [json] stopping · 2/2 faults`);
  });

  it('flags a fault that could not be verified, and shortens a long victim list', () => {
    let now = 0;
    const out = new CaptureStream(true);
    view = new LiveView(out, new Chalk({ level: 1 }), () => now, 60_000);
    view.start([info(0)], 1);
    view.cellStart(info(0));
    view.phase(info(0), 'running');
    now = 6000;
    const many = { ...kill, verified: false, victims: ['w-1', 'w-2', 'w-3', 'w-4', 'w-5'] };
    view.fault(info(0), many);
    view.workload(info(0), state(6000, [many], 1, 1));
    expect(screen(out.text)[0]).toBe(
      `● ${NAME} [json] ⚡ fault: kill w-1,w-2,w-3 +2 · 6.0 s / 20 s · 1 fault NOT verified`,
    );
  });

  it('without workload events (a reporter driving it by hand) takes each applied fault to be in force', () => {
    const out = new CaptureStream(true);
    view = new LiveView(out, new Chalk({ level: 1 }), () => 7000, 60_000);
    view.start([info(0)], 1);
    view.cellStart(info(0));
    view.phase(info(0), 'running');
    view.fault(info(0), kill);
    view.fault(info(0), { ...kill, fault: 1, victims: ['worker-1'] });
    expect(screen(out.text)[0]).toBe(
      `● ${NAME} [json] ⚡ fault: kill worker-3,worker-5 + kill worker-1 · 0.0 s / 20 s`,
    );
  });

  it('prints a finished cell once, permanently, with its names — also when it failed', () => {
    let now = 0;
    const out = new CaptureStream(true);
    view = new LiveView(out, new Chalk({ level: 1 }), () => now, 60_000);
    view.start([info(0), info(1)], 1);
    view.cellStart(info(1));
    now = 12_345;
    view.cellEnd(cells[1]);
    view.cellStart(info(0));
    const shown = screen(out.text);
    expect(shown[0]).toBe(`✗ ${NAME} [a2a] 12.3s — recovery_ms 7310 > 5000`);
    expect(shown[1]).toBe(`● ${NAME} [json] starting 8 agents`);
    expect(shown[2]).toMatch(/^1\/2 cells · 1 failed · 12s elapsed · ETA /);
    view.finish();
    expect(screen(out.text)).toEqual([`✗ ${NAME} [a2a] 12.3s — recovery_ms 7310 > 5000`]);
  });

  it('never lets a redrawn line wrap (the redraw counts lines)', () => {
    const out = Object.assign(new CaptureStream(true), { columns: 40 });
    view = new LiveView(out as CaptureStream, new Chalk({ level: 1 }), () => 0, 60_000);
    view.start([info(0)], 1);
    view.cellStart(info(0));
    for (const line of screen(out.text)) expect([...line].length).toBeLessThanOrEqual(40);
    expect(screen(out.text)[0]).toMatch(/… starting 8 agents$/); // the name was cut, the state kept
  });

  it('on a narrow terminal the scenario name gives way, not the phase and faults', () => {
    let now = 0;
    const out = Object.assign(new CaptureStream(true), { columns: 80 });
    view = new LiveView(out as CaptureStream, new Chalk({ level: 1 }), () => now, 60_000);
    view.start([info(0)], 1);
    view.cellStart(info(0));
    view.phase(info(0), 'running');
    now = 6000;
    view.fault(info(0), kill);
    view.workload(info(0), state(6000, [kill], 1, 1));
    const line = screen(out.text)[0];
    expect([...line].length).toBeLessThanOrEqual(80);
    expect(line).toMatch(/… ⚡ fault: kill worker-3,worker-5 · 6\.0 s \/ 20 s$/);
  });
});

describe('LiveView owns the terminal', () => {
  /** stdout and stderr of one terminal: two streams whose text lands on one screen, in order. */
  function terminal(): { screenText: () => string; out: CaptureStream; err: Writable } {
    const out = new CaptureStream(true);
    const err = new Writable({
      write(chunk, _enc, done) {
        out.text += chunk.toString();
        done();
      },
    });
    return { screenText: () => out.text, out, err };
  }

  it('prints what others write above the region, whole lines only, then redraws it', async () => {
    const { screenText, out, err } = terminal();
    const view = new LiveView(out, new Chalk({ level: 1 }), () => 0, 60_000, [err]);
    view.start([info(0), info(1)], 1);
    view.cellStart(info(0));
    out.write('warning: something the runner printed\n');
    err.write('an error, in ');
    expect(screen(screenText()).at(-1)).toMatch(/^0\/2 cells/); // a partial line waits
    let called = false;
    err.write(Buffer.from('two writes\nand a second line\n'), () => (called = true));
    view.cellEnd(cells[1]);
    expect(screen(screenText())).toEqual([
      'warning: something the runner printed',
      'an error, in two writes',
      'and a second line',
      `✗ ${NAME} [a2a] 12.3s — recovery_ms 7310 > 5000`,
      `● ${NAME} [json] starting 8 agents`,
      '1/2 cells · 1 failed · 0s elapsed · ETA 12s',
    ]);
    await new Promise((r) => process.nextTick(r));
    expect(called).toBe(true);
    // given back at the end: a write goes straight to the stream again, a waiting partial line is printed
    err.write('unfinished');
    view.finish();
    out.write('after\n');
    expect(screen(screenText()).slice(-2)).toEqual([
      `✗ ${NAME} [a2a] 12.3s — recovery_ms 7310 > 5000`,
      'unfinishedafter',
    ]);
    expect(Object.hasOwn(out, 'write')).toBe(false);
    expect(Object.hasOwn(err, 'write')).toBe(false);
  });
});

describe('fitWidth', () => {
  it('cuts visible characters only and keeps escape sequences whole', () => {
    expect(fitWidth('abcdef', 10)).toBe('abcdef');
    expect(stripAnsi(fitWidth('\u001b[1mabcdefghij\u001b[22m', 5))).toBe('abcd…');
    expect(fitWidth('\u001b[1mab\u001b[22m', 5)).toBe('\u001b[1mab\u001b[22m');
  });
});
