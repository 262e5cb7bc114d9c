/**
 * The live view fed event by event with a hand-driven clock: what the terminal shows after each
 * redraw (a tiny screen model applies the erase sequences), the progress line and its ETA, and that a
 * failed cell keeps its scenario and protocol.
 */
import { Chalk } from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import { fitWidth, LiveView } from '../../../reporters/console-live.js';
import { CELL_OVERHEAD_MS, formatClock, RunProgress } from '../../../reporters/console-progress.js';
import type { CellInfo, FaultTimelineEntry } from '../../../src/model/results.js';
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

  it('shows running cells with phase, workload clock and latest fault, then the progress line', () => {
    let now = 0;
    const out = new CaptureStream(true);
    view = new LiveView(out, new Chalk({ level: 1 }), () => now, 60_000);
    view.start([info(0), info(1), info(2)], 1);
    expect(screen(out.text)).toEqual(['0/3 cells · 0s elapsed · ETA 1m09s']);
    view.cellStart(info(0));
    now = 2000;
    view.phase(info(0), 'running', '8 agents up');
    now = 8000;
    view.fault(info(0), kill);
    expect(screen(out.text)).toEqual([
      `● ${NAME} [json] running 6s/20s ⚡ t=6.00s kill worker-3, worker-5 (SIGKILL) verified`,
      '0/3 cells · 8s elapsed · ETA 1m01s',
    ]);
    view.fault(info(0), { ...kill, fault: 1, t: 7500, victims: ['worker-1'] });
    expect(screen(out.text)[0]).toBe(
      `● ${NAME} [json] running 6s/20s ⚡ 2 faults, latest t=7.50s kill worker-1 (SIGKILL) verified`,
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
    expect(screen(out.text)[0]).toMatch(/…$/);
  });
});

describe('fitWidth', () => {
  it('cuts visible characters only and keeps escape sequences whole', () => {
    expect(fitWidth('abcdef', 10)).toBe('abcdef');
    expect(stripAnsi(fitWidth('\u001b[1mabcdefghij\u001b[22m', 5))).toBe('abcd…');
    expect(fitWidth('\u001b[1mab\u001b[22m', 5)).toBe('\u001b[1mab\u001b[22m');
  });
});
