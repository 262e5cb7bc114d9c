import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/plan/types.js';
import type { CellResult } from '../../../src/model/results.js';
import {
  autoCeiling,
  cellDemand,
  decideAdmission,
  harnessPressure,
  type AutoState,
  type MachineSample,
} from '../../../src/session/auto-workers.js';
import { AutoGate, FixedGate, runCells } from '../../../src/session/gates.js';
import { makeCell } from '../report/fixtures.js';

const idleMachine = (cores: number, over: Partial<MachineSample> = {}): MachineSample => ({
  cores,
  idle: 0.9,
  from: 100,
  load1: 0.2,
  ...over,
});
const state = (over: Partial<AutoState> = {}): AutoState => ({
  running: 1,
  starting: 0,
  ceiling: 4,
  lastUpAt: 50,
  ...over,
});

describe('decideAdmission (--workers auto)', () => {
  it('always lets the first cell run', () => {
    expect(decideAdmission(state({ running: 0 }), null, 8).admit).toBe(true);
  });

  it('never exceeds ⌊cores/2⌋ cells: one at a time on a 2-core machine, however idle', () => {
    expect(autoCeiling(2)).toBe(1);
    expect(autoCeiling(3)).toBe(1);
    expect(autoCeiling(8)).toBe(4);
    expect(decideAdmission(state({ ceiling: autoCeiling(2) }), idleMachine(2, { idle: 1 }), 2).admit).toBe(false);
  });

  it('admits a second cell on an idle 8-core machine once the running cell is up and measured', () => {
    const d = decideAdmission(state(), idleMachine(8), 8);
    expect(d).toEqual({ admit: true, why: 'idle 7.2 cores, load 0.2, demand 0.8' });
  });

  it('waits while a cell is starting its agents, and for a CPU sample taken after the last one came up', () => {
    expect(decideAdmission(state({ starting: 1 }), idleMachine(8), 8).why).toMatch(/still starting/);
    expect(decideAdmission(state({ lastUpAt: 150 }), idleMachine(8), 8).why).toMatch(/no CPU sample yet/);
  });

  it('refuses when measured idle CPU minus the new cell’s demand leaves less than the reserve', () => {
    // 8 cores 70% busy: 2.4 idle − 0.8 demand = 1.6 < reserve 2
    expect(decideAdmission(state(), idleMachine(8, { idle: 0.3 }), 8)).toMatchObject({ admit: false });
    expect(decideAdmission(state(), idleMachine(8, { idle: 0.3 }), 8).why).toBe(
      'idle 2.4 cores − demand 0.8 < reserve 2.0',
    );
  });

  it('refuses when the load average (other users included) leaves no room', () => {
    expect(decideAdmission(state(), idleMachine(8, { load1: 5.6 }), 8).why).toMatch(
      /^load 5.6 \+ demand 0.8 > ¾ of 8 cores/,
    );
  });

  it('expects 0.1 core per agent, at least a quarter core', () => {
    expect(cellDemand(8)).toBeCloseTo(0.8);
    expect(cellDemand(1)).toBe(0.25);
  });

  it('reads back-pressure from the harness block of a finished cell', () => {
    const base = makeCell({ protocol: 'json', status: 'passed' });
    expect(harnessPressure({ harness: null })).toBe(false);
    expect(harnessPressure({ harness: { ...base.harness!, overloaded: false } })).toBe(false);
    expect(harnessPressure({ harness: { ...base.harness!, overloaded: true } })).toBe(true);
  });
});

const cell = (i: number, agents = 8): Cell =>
  ({
    id: `c${i}`,
    file: 'a',
    protocol: 'json',
    repeat: 0,
    seed: 1,
    scenario: { agents: Array.from({ length: agents }) },
  }) as unknown as Cell;
const result = (over: Partial<CellResult> = {}) => ({ ...makeCell({ protocol: 'json', status: 'passed' }), ...over });

describe('gates', () => {
  it('AutoGate lowers its ceiling after a cell reports an overloaded harness, never below 1', () => {
    let now = 0;
    const gate = new AutoGate(
      () => idleMachine(8, { from: now - 2000 }),
      () => now,
      8,
    );
    expect(gate.ceiling).toBe(4);
    gate.started(cell(1));
    gate.phase(cell(1), 'running');
    now = 5000;
    expect(gate.mayStart(cell(2))).toBe(true);
    const overloaded = () =>
      result({
        status: 'inconclusive',
        reason: 'harness overloaded',
        harness: { ...result().harness!, overloaded: true },
      });
    gate.finished(cell(1), overloaded());
    expect(gate.ceiling).toBe(3);
    for (let i = 0; i < 5; i++) gate.finished(cell(1), overloaded());
    expect(gate.ceiling).toBe(1);
  });

  it('runCells keeps at most n cells running with a FixedGate and runs every cell', async () => {
    let running = 0;
    let peak = 0;
    const ran: string[] = [];
    const gate = new FixedGate(2);
    await runCells(
      [1, 2, 3, 4, 5].map((i) => cell(i)),
      gate,
      new AbortController().signal,
      async (c) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        ran.push(c.id);
        return result();
      },
      5,
    );
    expect(ran.sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(peak).toBe(2);
    expect(gate.peak).toBe(2);
  });

  it('runCells stops starting cells after an abort and rethrows a run’s error after the others end', async () => {
    const abort = new AbortController();
    const started: string[] = [];
    await runCells(
      [1, 2, 3].map((i) => cell(i)),
      new FixedGate(1),
      abort.signal,
      async (c) => {
        started.push(c.id);
        abort.abort();
        return result();
      },
      5,
    );
    expect(started).toEqual(['c1']);
    await expect(
      runCells(
        [1, 2].map((i) => cell(i)),
        new FixedGate(1),
        new AbortController().signal,
        async () => {
          throw new Error('reporter broke');
        },
        5,
      ),
    ).rejects.toThrow('reporter broke');
  });

  it('AutoGate runs cells one at a time on a 2-core machine', async () => {
    let running = 0;
    let peak = 0;
    const gate = new AutoGate(
      () => idleMachine(2, { idle: 1, from: Number.MAX_SAFE_INTEGER }),
      () => 0,
      2,
    );
    await runCells(
      [1, 2, 3].map((i) => cell(i)),
      gate,
      new AbortController().signal,
      async (c) => {
        running++;
        peak = Math.max(peak, running);
        gate.phase(c, 'running');
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return result();
      },
      5,
    );
    expect(peak).toBe(1);
  });
});
