/** The failure detector against scripted peers (no network): events and their order. */
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent, AgentPeer } from '../../../src/agent/contract.js';
import { FailureDetector } from '../../../src/agent/detector.js';
import { now } from '../../../src/agent/events.js';
import { transportError } from '../../../src/protocols/http-client.js';

type Mode = 'ok' | 'refused' | 'silent' | 'reset-then-refused';
const peers: AgentPeer[] = [
  { id: 'a-1', url: 'http://x', group: 'a' },
  { id: 'b-1', url: 'http://y', group: 'b' },
];
let detector: FailureDetector | undefined;
afterEach(() => detector?.stop());

function setup(modes: Record<string, Mode>, timeoutMs = 150, { warm = false, warmMs = 40 } = {}) {
  const events: AgentEvent[] = [];
  const inFlight: Record<string, number> = {};
  let maxInFlight = 0;
  const calls: Record<string, number> = {};
  detector = new FailureDetector({
    peers,
    intervalMs: 20,
    timeoutMs,
    emit: (e) => events.push(e),
    ping: async (peer, timeoutMs) => {
      calls[peer.id] = (calls[peer.id] ?? 0) + 1;
      inFlight[peer.id] = (inFlight[peer.id] ?? 0) + 1;
      maxInFlight = Math.max(maxInFlight, inFlight[peer.id]);
      try {
        const mode = modes[peer.id];
        if (mode === 'ok') return true;
        if (mode === 'refused') throw transportError('ECONNREFUSED', 'refused');
        if (mode === 'reset-then-refused') {
          modes[peer.id] = 'refused';
          throw transportError('ECONNRESET', 'reset');
        }
        await new Promise((r) => setTimeout(r, timeoutMs));
        throw transportError('ETIMEDOUT', 'timeout');
      } finally {
        inFlight[peer.id]--;
      }
    },
  });
  if (warm) detector.keepWarm(warmMs);
  else detector.start();
  return { events, calls, maxInFlight: () => maxInFlight, d: detector };
}

const waitFor = async (pred: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('FailureDetector', () => {
  it('treats peers as alive at start and groups them', () => {
    const { d } = setup({ 'a-1': 'ok', 'b-1': 'ok' });
    expect(d.alive('a').map((p) => p.id)).toEqual(['a-1']);
    expect(d.isAlive('b-1')).toBe(true);
    expect(d.isAlive('nobody')).toBe(false);
  });

  it('declares a refusing peer dead right away once it had answered, and only once', async () => {
    const modes: Record<string, Mode> = { 'a-1': 'ok', 'b-1': 'ok' };
    // A one-minute silence deadline: a detection within the test can only come from the refusal.
    const { events, calls, d } = setup(modes, 60_000);
    await waitFor(() => (calls['a-1'] ?? 0) >= 2);
    modes['a-1'] = 'refused';
    await waitFor(() => events.some((e) => e.type === 'detect'));
    await new Promise((r) => setTimeout(r, 100));
    expect(events.filter((e) => e.type === 'detect')).toEqual([
      { type: 'detect', at: expect.any(Number), peer: 'a-1', evidence: 'refused' },
    ]);
    expect(d.alive('a')).toEqual([]);
    expect(d.isAlive('b-1')).toBe(true);
  });

  it('retries a reset at once on a fresh connection and sees the refusal', async () => {
    const modes: Record<string, Mode> = { 'a-1': 'ok', 'b-1': 'ok' };
    const { events, calls } = setup(modes, 60_000);
    await waitFor(() => (calls['a-1'] ?? 0) >= 2);
    modes['a-1'] = 'reset-then-refused';
    await waitFor(() => events.some((e) => e.type === 'detect' && e.peer === 'a-1'));
  });

  it('declares a silent peer dead at its deadline, never overlapping pings, then sees it rejoin', async () => {
    const modes: Record<string, Mode> = { 'a-1': 'ok', 'b-1': 'ok' };
    const { events, maxInFlight, d } = setup(modes);
    await new Promise((r) => setTimeout(r, 60));
    modes['b-1'] = 'silent';
    await waitFor(() => events.some((e) => e.type === 'detect' && e.peer === 'b-1'));
    expect(d.isAlive('b-1')).toBe(false);
    expect(maxInFlight()).toBe(1);
    modes['b-1'] = 'ok';
    await waitFor(() => events.some((e) => e.type === 'reconnect'));
    const kinds = events.filter((e) => 'peer' in e && e.peer === 'b-1').map((e) => e.type);
    expect(kinds).toEqual(['detect', 'rejoin', 'reconnect']);
    expect(d.isAlive('b-1')).toBe(true);
  });

  it('does not take a refusal from a peer never seen as death; the deadline decides', async () => {
    const before = now();
    const { events } = setup({ 'a-1': 'refused', 'b-1': 'ok' });
    await waitFor(() => events.some((e) => e.type === 'detect' && e.peer === 'a-1'));
    expect(events[0].at - before).toBeGreaterThanOrEqual(150);
  });

  it('counts successful sends as evidence of life', async () => {
    const { events, d } = setup({ 'a-1': 'silent', 'b-1': 'ok' });
    // Keep a-1 alive purely through send successes.
    let last = 0;
    const keep = setInterval(() => {
      last = now();
      d.recordSuccess('a-1');
    }, 20);
    await new Promise((r) => setTimeout(r, 400));
    clearInterval(keep);
    await waitFor(() => events.some((e) => e.type === 'detect' && e.peer === 'a-1'));
    // The deadline counts from the last successful send, not from the last (failed) ping.
    expect(events.find((e) => e.type === 'detect')!.at - last).toBeGreaterThanOrEqual(150);
  });

  it('keeping warm before the workload pings peers but declares nothing, whatever they do', async () => {
    const modes: Record<string, Mode> = { 'a-1': 'ok', 'b-1': 'silent' };
    const { events, calls, d } = setup(modes, 60, { warm: true });
    await waitFor(() => (calls['a-1'] ?? 0) >= 3); // pinged now and every 40 ms
    modes['a-1'] = 'refused'; // answered once, then refuses: would be a death while watching
    await new Promise((r) => setTimeout(r, 200)); // b-1 silent far past its 60 ms timeout
    expect(events).toEqual([]);
    expect(d.isAlive('a-1')).toBe(true);
    expect(d.isAlive('b-1')).toBe(true);
  });

  it('start() after keeping warm watches from then on: deadlines count from the start, a seen peer refusing is dead', async () => {
    const modes: Record<string, Mode> = { 'a-1': 'ok', 'b-1': 'silent' };
    const { events, calls, d } = setup(modes, 100, { warm: true });
    await waitFor(() => (calls['a-1'] ?? 0) >= 1);
    await new Promise((r) => setTimeout(r, 150)); // silent b-1 is past its timeout, but not watched yet
    modes['a-1'] = 'refused';
    const startedAt = now();
    d.start();
    await waitFor(() => events.filter((e) => e.type === 'detect').length === 2);
    const byPeer = Object.fromEntries(
      events
        .filter((e) => e.type === 'detect')
        .map((e) => [(e as { peer: string }).peer, e as AgentEvent & { at: number; evidence?: string }]),
    );
    expect(byPeer['a-1'].evidence).toBe('refused'); // seen while warm, so a refusal is proof
    expect(byPeer['b-1'].evidence).toBe('silence');
    expect(byPeer['b-1'].at - startedAt).toBeGreaterThanOrEqual(99); // its deadline counts from start()
  });

  it('keeping warm retries a peer not up yet every interval, and one that answered only every warm period', async () => {
    const modes: Record<string, Mode> = { 'a-1': 'ok', 'b-1': 'refused' };
    const { calls } = setup(modes, 150, { warm: true, warmMs: 10_000 });
    await new Promise((r) => setTimeout(r, 200)); // ten intervals of 20 ms
    expect(calls['a-1']).toBe(1); // answered at once: left alone for the warm period
    expect(calls['b-1']).toBeGreaterThanOrEqual(4); // still booting: tried again and again
    modes['b-1'] = 'ok';
    const before = calls['b-1'];
    await new Promise((r) => setTimeout(r, 200));
    expect(calls['b-1']).toBe(before + 1); // up now: one more ping, then quiet
  });

  it('the first tick after start() can be put off by an offset', async () => {
    const { calls, d } = setup({ 'a-1': 'ok', 'b-1': 'ok' }, 150, { warm: true });
    await waitFor(() => (calls['a-1'] ?? 0) >= 1);
    const before = calls['a-1'];
    d.start(80);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls['a-1']).toBe(before); // no tick yet (the warm pace is 40 ms, but warming stopped)
    await waitFor(() => calls['a-1'] > before);
  });
});

describe('firstTickOffset', () => {
  it('is within one interval, the same for an id every time, and spreads ids over the interval', async () => {
    const { firstTickOffset } = await import('../../../src/agent/runtime.js');
    const offsets = Array.from({ length: 500 }, (_, i) => firstTickOffset(`node-${i}`, 500));
    for (const o of offsets) expect(o).toBeGreaterThanOrEqual(0);
    for (const o of offsets) expect(o).toBeLessThan(500);
    expect(firstTickOffset('node-7', 500)).toBe(offsets[7]);
    // every fifth of the interval gets a fair share (≥ 60 of 500 where 100 is even)
    const fifths = [0, 1, 2, 3, 4].map((k) => offsets.filter((o) => Math.floor(o / 100) === k).length);
    for (const n of fifths) expect(n).toBeGreaterThanOrEqual(60);
  });
});
