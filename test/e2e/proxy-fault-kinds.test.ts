/**
 * reset, blackhole, bandwidth and message faults end to end: the real CLI, real agent processes, the
 * fault proxy on every link. For each fault the evidence counted on the links (the timeline's and the
 * `fault_end` event's `counts`) must agree with what the history shows, and the history with what the
 * tasks went through: dropped messages end as timeouts, duplicated ones are executed twice and show in
 * duplicate_work_ratio, corrupted ones are rejected. Message faults run on all five protocols, whose
 * wire formats the proxy must read from the outside. A cell the loaded machine made inconclusive
 * ("harness overloaded") still has to show its evidence; nothing else may be inconclusive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentsOf, FIXTURES, killAll, runCli, tempOutput } from './run-cli.js';

const outputs: string[] = [];
afterEach(() => {
  for (const o of outputs.splice(0)) killAll(agentsOf(o));
});

function run(fixture: string): { code: number | null; cells: any[]; histories: any[][]; output: string } {
  const output = tempOutput();
  outputs.push(output);
  const r = runCli(['test', join(FIXTURES, fixture), '-o', output], { timeoutMs: 240_000 });
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const cells = JSON.parse(readFileSync(join(output, 'results.json'), 'utf8')).suites[0].cells;
  const histories = cells.map((c: any) =>
    readFileSync(join(output, c.files.history), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  );
  return { code: r.code, cells, histories, output };
}

/** Passed, or inconclusive because the machine was overloaded (true then: its evidence may be thin). */
function expectJudged(cell: any): boolean {
  if (cell.status !== 'inconclusive') {
    expect(cell.status, `${cell.protocol}: ${cell.reason}`).toBe('passed');
    return false;
  }
  expect(cell.reason, cell.protocol).toMatch(/^harness overloaded: /);
  return true;
}

/** Sum of counter `name` over the links of a counts record. */
const total = (counts: Record<string, Record<string, number>> | undefined, name: string): number =>
  Object.values(counts ?? {}).reduce((s, c) => s + (c[name] ?? 0), 0);

describe('link faults through the fault proxy (json)', () => {
  it('reset, blackhole, bandwidth and a message delay: counted per link, recorded at the lift, seen by the agents', () => {
    const { cells, histories, output } = run('network/links');
    const [cell] = cells;
    const [history] = histories;
    expectJudged(cell);
    const [reset, hole, shaped, delay] = cell.faults;
    expect([reset.kind, hole.kind, shaped.kind, delay.kind]).toEqual(['reset', 'blackhole', 'bandwidth', 'message']);
    for (const f of cell.faults) {
      expect(f.verified, f.detail).toBe(true);
      const end = history.find((e) => e.type === 'fault_end' && e.fault === f.fault);
      expect(end.counts).toEqual(f.counts);
      expect(end.verified).toBe(true);
    }
    // resets only on links into the target; every task the client lost to a reset is one of them
    expect(Object.keys(reset.counts).every((l) => l.endsWith('>node-1'))).toBe(true);
    const issued = new Map(history.filter((e) => e.type === 'task_issued').map((e) => [e.task, e]));
    const resetEnd = history.find((e) => e.type === 'fault_end' && e.fault === reset.fault);
    // (the blackhole's heal closes what it swallowed, which can also end a request with ECONNRESET)
    const resetTasks = history.filter((e) => e.type === 'task_end' && e.error === 'ECONNRESET' && e.t < hole.t);
    expect(resetTasks.length).toBeGreaterThan(0);
    expect(resetTasks.length).toBeLessThanOrEqual(reset.counts['client>node-1'].reset);
    for (const e of resetTasks) {
      expect(issued.get(e.task).to).toBe('node-1');
      expect(e.t).toBeGreaterThanOrEqual(reset.t);
      expect(issued.get(e.task).t).toBeLessThan(resetEnd.t);
    }
    // the blackhole swallowed connections both into and out of node-2, and its peers noticed by silence
    expect(Object.keys(hole.counts).some((l) => l.startsWith('node-2>'))).toBe(true);
    expect(Object.keys(hole.counts).some((l) => l.endsWith('>node-2'))).toBe(true);
    const end = history.find((e) => e.type === 'fault_end' && e.fault === hole.fault);
    const silent = history.filter((e) => e.type === 'detect' && e.peer === 'node-2' && e.t >= hole.t && e.t < end.t);
    expect(silent.length).toBeGreaterThan(0);
    expect(silent.every((e) => e.evidence === 'silence')).toBe(true);
    expect(cell.metrics.faults[hole.fault].detect_ms).toBeGreaterThan(0);
    // nothing a blackhole held comes out after the heal: tasks sent to node-2 during it never succeed
    const ends = new Map(history.filter((e) => e.type === 'task_end').map((e) => [e.task, e]));
    const held = history.filter(
      (e) => e.type === 'task_issued' && e.to === 'node-2' && e.t >= hole.t + 300 && e.t < end.t - 100,
    );
    expect(held.length).toBeGreaterThan(0);
    expect(held.filter((e) => ends.get(e.task)?.outcome === 'ok')).toEqual([]);
    expect(total(shaped.counts, 'shaped_bytes')).toBeGreaterThan(0);
    // every message the delay held is in the history, and its task took at least the delay
    const held300 = history.filter((e) => e.type === 'message_fault' && e.fault === delay.fault);
    expect(held300.length).toBeGreaterThan(0);
    expect(total(delay.counts, 'delay')).toBe(held300.length);
    for (const e of held300) {
      expect(e).toMatchObject({ action: 'delay', message_type: 'ping', from: 'client' });
      const end = ends.get(e.task);
      if (end?.outcome === 'ok') expect(end.t - issued.get(e.task).t).toBeGreaterThanOrEqual(300);
    }
    expect(cell.metrics.tasks_lost).toBe(0);
    expect(agentsOf(output)).toEqual([]);
  }, 300_000);
});

describe('message faults on every protocol', () => {
  it('drop, duplicate, corrupt: every message hit is in the history, and its task shows it', () => {
    const { cells, histories, output } = run('network/message');
    expect(cells.map((c) => c.protocol)).toEqual(['json', 'a2a', 'acp', 'anp', 'agora']);
    cells.forEach((cell, i) => {
      const history = histories[i];
      const p = cell.protocol;
      // An overloaded machine may starve a fault of traffic (agents suspecting each other send less):
      // then only the agreement between counts and history is checked, not that something was hit.
      const overloaded = expectJudged(cell);
      const ends = new Map(history.filter((e) => e.type === 'task_end').map((e) => [e.task, e]));
      const executions = new Map<string, number>();
      for (const e of history)
        if (e.type === 'exec' && e.by === undefined)
          executions.set(`${e.task}/${e.step}`, (executions.get(`${e.task}/${e.step}`) ?? 0) + 1);
      const hits = (fault: number) => history.filter((e) => e.type === 'message_fault' && e.fault === fault);
      const [drop, dup, corrupt, replyDrop] = cell.faults;
      for (const [f, action] of [
        [drop, 'drop'],
        [dup, 'duplicate'],
        [corrupt, 'corrupt'],
        [replyDrop, 'drop'],
      ] as const) {
        if (!overloaded) expect(f.verified, `${p}: ${f.detail}`).toBe(true);
        if (!overloaded) expect(hits(f.fault).length, p).toBeGreaterThan(0);
        expect(total(f.counts, action), p).toBe(hits(f.fault).length);
        expect(f.verified, `${p}: ${f.detail}`).toBe(hits(f.fault).length > 0);
        expect(
          hits(f.fault).every((e) => e.action === action && e.message && e.task),
          p,
        ).toBe(true);
      }
      // a dropped request: the task waited for an answer that could not come
      for (const e of hits(drop.fault)) {
        expect(e).toMatchObject({ message_type: 'evidence', step: 1 });
        expect(ends.get(e.task)?.outcome, `${p} ${e.task}`).toBe('timeout');
      }
      // a duplicated request was executed twice by its receiver, and the ratio says so
      for (const e of hits(dup.fault))
        expect(executions.get(`${e.task}/0`), `${p} ${e.task}`).toBeGreaterThanOrEqual(2);
      if (hits(dup.fault).length > 0) expect(cell.metrics.duplicate_work_ratio, p).toBeGreaterThan(0);
      // a corrupted request was rejected: never executed, the task failed
      for (const e of hits(corrupt.fault)) {
        expect(executions.get(`${e.task}/0`) ?? 0, `${p} ${e.task}`).toBe(0);
        expect(ends.get(e.task)?.outcome, `${p} ${e.task}`).toBe('fail');
      }
      // a dropped reply: the work was done, the answer never came back
      for (const e of hits(replyDrop.fault)) {
        expect(e).toMatchObject({ message_type: 'answer', reply: true });
        expect(executions.get(`${e.task}/1`), `${p} ${e.task}`).toBeGreaterThanOrEqual(1);
        expect(ends.get(e.task)?.outcome, `${p} ${e.task}`).not.toBe('ok');
      }
      expect(cell.metrics.tasks_lost, p).toBe(0);
    });
    expect(agentsOf(output)).toEqual([]);
  }, 300_000);
});
