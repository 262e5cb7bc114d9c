/**
 * The driver against a real in-process json agent: it never issues a task after the end of the run.
 * When its loop is blocked past the end, the tasks it owed are dropped and recorded as skipped, not
 * sent late. No timing is asserted: only where each task lands relative to the run's end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { jsonProtocol } from '../../../src/protocols/json/index.js';
import type { ProtocolServer } from '../../../src/protocols/types.js';
import { monotonicMs } from '../../../src/run/clock.js';
import { Driver } from '../../../src/run/driver.js';
import { WARM_UP_TYPE } from '../../../src/agent/warm-up.js';
import type { HistoryEvent } from '../../../src/model/history.js';
import type { Scenario } from '../../../src/scenario/types.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** Just what the driver reads of a scenario. */
function scenario(workload: Partial<Scenario['workload']>): Scenario {
  return {
    heartbeat: { intervalMs: 200, timeoutMs: 800 },
    workload: {
      taskTimeoutMs: 2000,
      success: 'reply',
      messageFlow: [{ from: 'client', to: 'node', messageType: 'ping' }],
      ...workload,
    },
  } as Scenario;
}

async function drive(workload: Partial<Scenario['workload']>, endMs: number, blockFromTo?: [number, number]) {
  const server: ProtocolServer = await jsonProtocol.serve({
    id: 'node-0',
    host: '127.0.0.1',
    port: 0,
    workspace: '/tmp',
    handler: async (m) => ({ ok: true, content: m.content }),
  });
  cleanup.push(() => server.close());
  const events: HistoryEvent[] = [];
  const driver = new Driver({
    scenario: scenario(workload),
    protocol: jsonProtocol,
    targets: [{ id: 'node-0', url: server.url }],
    record: (e) => events.push(e),
    signal: new AbortController().signal,
  });
  cleanup.push(() => driver.close());
  const t0 = monotonicMs();
  driver.setOrigin(t0);
  if (blockFromTo) {
    // Block the loop from `from` to `to` ms after t0: the driver cannot wake up in between.
    setTimeout(() => {
      while (monotonicMs() < t0 + blockFromTo[1]);
    }, blockFromTo[0]);
  }
  await driver.run(endMs);
  const rel = (t: number) => t - t0;
  return {
    issued: events
      .filter((e) => e.type === 'task_issued')
      .map((e) => ({ t: rel(e.t), scheduled: rel((e as { scheduled: number }).scheduled) })),
    skipped: events
      .filter((e) => e.type === 'task_skipped')
      .map((e) => ({ t: rel(e.t), scheduled: rel((e as { scheduled: number }).scheduled) })),
    ends: events.filter((e) => e.type === 'task_end').length,
  };
}

describe('Driver', () => {
  it('open loop: a loop blocked past the end drops the owed tasks as skipped; none is issued after the end', async () => {
    // 100/s for 300 ms = 30 tasks scheduled at 5, 15, … 295 ms; the loop is blocked from 100 to 400 ms.
    const r = await drive({ ratePerSec: 100 }, 300, [100, 400]);
    expect(r.issued.length + r.skipped.length).toBe(30);
    expect(r.skipped.length).toBeGreaterThan(0);
    expect(r.issued.every((e) => e.t < 300)).toBe(true);
    expect(r.skipped.every((e) => e.t >= 300 && e.scheduled < 300)).toBe(true);
    // Every issued task was issued at or after its schedule (the timer never fires early).
    expect(r.issued.every((e) => e.t >= e.scheduled)).toBe(true);
    expect(r.ends).toBe(r.issued.length);
  });

  it('closed loop: no task is stamped after the end, even when the loop was blocked across it', async () => {
    const r = await drive({ concurrency: 2 }, 300, [250, 400]);
    expect(r.issued.length).toBeGreaterThan(0);
    expect(r.issued.every((e) => e.t < 300)).toBe(true);
    expect(r.skipped).toEqual([]);
    expect(r.ends).toBe(r.issued.length);
  });

  it('warm-up: a few warm-up exchanges with each built-in target, heartbeats only for the others, nothing recorded', async () => {
    const got: Record<string, string[]> = { 'node-0': [], 'node-1': [] };
    const servers = await Promise.all(
      ['node-0', 'node-1'].map((id) =>
        jsonProtocol.serve({
          id,
          host: '127.0.0.1',
          port: 0,
          workspace: '/tmp',
          handler: async (m) => {
            got[id].push(`${m.from} ${m.type}`);
            return { ok: true, content: '' };
          },
        }),
      ),
    );
    for (const s of servers) cleanup.push(() => s.close());
    const events: HistoryEvent[] = [];
    const driver = new Driver({
      scenario: scenario({ ratePerSec: 20 }),
      protocol: jsonProtocol,
      targets: servers.map((s, i) => ({ id: `node-${i}`, url: s.url })),
      record: (e) => events.push(e),
      signal: new AbortController().signal,
    });
    cleanup.push(() => driver.close());
    await driver.warmUp(new Set(['node-0']));
    expect(got['node-0']).toEqual(Array(3).fill(`client ${WARM_UP_TYPE}`));
    expect(got['node-1']).toEqual([]);
    expect(events).toEqual([]);
  });
});
