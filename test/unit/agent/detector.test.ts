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

function setup(modes: Record<string, Mode>, timeoutMs = 150) {
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
  detector.start();
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
});
