import { describe, expect, it } from 'vitest';
import { ReporterDispatcher } from '../../../src/report/dispatcher.js';
import { ReporterError } from '../../../src/report/errors.js';
import type { CellInfo } from '../../../src/model/results.js';
import type { Reporter } from '../../../src/report/types.js';
import { makeRun } from './fixtures.js';

const run = makeRun();
const cell = run.suites[0].cells[0];
const info: CellInfo = { ...cell, agents: 2 };

/** Records every hook it receives into a shared log. */
class Recorder implements Reporter {
  constructor(
    private readonly name: string,
    private readonly log: string[],
  ) {}
  onRunStart() {
    this.log.push(`${this.name}:runStart`);
  }
  onCellStart() {
    this.log.push(`${this.name}:cellStart`);
  }
  onCellPhase(_: CellInfo, phase: string) {
    this.log.push(`${this.name}:phase:${phase}`);
  }
  onFault() {
    this.log.push(`${this.name}:fault`);
  }
  async onCellEnd() {
    await new Promise((r) => setTimeout(r, 5));
    this.log.push(`${this.name}:cellEnd`);
  }
  onRunEnd() {
    this.log.push(`${this.name}:runEnd`);
  }
}

class Exploding implements Reporter {
  onCellEnd(): void {
    throw new Error('boom in cellEnd');
  }
  async onRunEnd(): Promise<void> {
    throw new Error('boom in runEnd');
  }
}

async function drive(d: ReporterDispatcher): Promise<unknown> {
  await d.onRunStart(run.info, [info]);
  await d.onCellStart(info);
  await d.onCellPhase(info, 'ready');
  await d.onFault(info, cell.faults[0]);
  await d.onCellEnd(cell);
  return d.onRunEnd(run).catch((e: unknown) => e);
}

describe('ReporterDispatcher', () => {
  it('calls every hook on every reporter in order, awaiting each', async () => {
    const log: string[] = [];
    expect(await drive(new ReporterDispatcher([new Recorder('a', log), new Recorder('b', log)]))).toBeUndefined();
    expect(log).toEqual([
      'a:runStart',
      'b:runStart',
      'a:cellStart',
      'b:cellStart',
      'a:phase:ready',
      'b:phase:ready',
      'a:fault',
      'b:fault',
      'a:cellEnd',
      'b:cellEnd',
      'a:runEnd',
      'b:runEnd',
    ]);
  });

  it('skips hooks a reporter does not implement', async () => {
    const log: string[] = [];
    const onlyEnd: Reporter = { onRunEnd: () => void log.push('end') };
    expect(await drive(new ReporterDispatcher([onlyEnd]))).toBeUndefined();
    expect(log).toEqual(['end']);
  });

  it('keeps calling the others when one throws, then fails loudly at the end with every failure', async () => {
    const log: string[] = [];
    const d = new ReporterDispatcher([new Exploding(), new Recorder('b', log)]);
    const err = await drive(d);
    expect(log).toContain('b:cellEnd');
    expect(log.at(-1)).toBe('b:runEnd'); // its report is still written
    expect(err).toBeInstanceOf(ReporterError);
    const e = err as ReporterError;
    expect(e.code).toBe('reporter-failed');
    expect(e.failures.map((f) => [f.reporter, f.hook])).toEqual([
      ['Exploding', 'onCellEnd'],
      ['Exploding', 'onRunEnd'],
    ]);
    expect(e.message).toContain('reporter "Exploding" failed in onCellEnd: boom in cellEnd');
    expect(d.failures).toEqual([]); // thrown once, not again
  });

  it('does not throw from live hooks, so the run keeps going', async () => {
    const d = new ReporterDispatcher([new Exploding()]);
    await expect(d.onCellEnd(cell)).resolves.toBeUndefined();
    expect(d.failures).toHaveLength(1);
  });

  it('counts a hook that never settles as failed once its timeout passes', async () => {
    const hung: Reporter = { onRunEnd: () => new Promise<void>(() => {}) };
    const d = new ReporterDispatcher([hung], { hookTimeoutMs: 20 });
    await expect(d.onRunEnd(run)).rejects.toThrow(/onRunEnd did not finish within 20 ms/);
  });
});
