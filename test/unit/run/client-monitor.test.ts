/** The driver's monitor pings every peer once per interval, spread over the interval instead of all at once. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PeerConnection } from '../../../src/protocols/types.js';
import { ClientMonitor, heartbeatSlots } from '../../../src/run/client-monitor.js';

function peer(pings: number[], id: number): PeerConnection {
  return {
    send: async () => ({ ok: true, content: '' }),
    ping: async () => {
      pings.push(id);
      return true;
    },
    close: () => undefined,
  } as unknown as PeerConnection;
}

describe('ClientMonitor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings each of 100 peers once per interval, a slot at a time', async () => {
    const pings: number[] = [];
    const monitor = new ClientMonitor(2000, 8000);
    for (let i = 0; i < 100; i++) monitor.watch(`n-${i}`, peer(pings, i));
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(pings).toEqual([0]); // slot 0 only: not the whole set at t = 0
    await vi.advanceTimersByTimeAsync(1999);
    expect([...pings].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    await vi.advanceTimersByTimeAsync(2000);
    expect(pings).toHaveLength(200);
    for (let i = 0; i < 100; i++) expect(pings.filter((p) => p === i)).toHaveLength(2);
    monitor.stop();
  });

  it('never puts two slots closer than 20 ms; a few peers get a slot each', () => {
    expect(heartbeatSlots(500, 2000)).toBe(100);
    expect(heartbeatSlots(8, 250)).toBe(8);
    expect(heartbeatSlots(8, 100)).toBe(5);
    expect(heartbeatSlots(0, 100)).toBe(1);
  });

  it('a peer that refuses is dead at once; one silent past the timeout is dead then', async () => {
    const monitor = new ClientMonitor(100, 300);
    const refusing = {
      ping: async () => {
        throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
      },
    } as unknown as PeerConnection;
    const silent = { ping: () => new Promise<boolean>(() => undefined) } as unknown as PeerConnection;
    monitor.watch('r', refusing);
    monitor.watch('s', silent);
    monitor.start();
    await vi.advanceTimersByTimeAsync(60);
    expect(monitor.isAlive('r')).toBe(false);
    expect(monitor.isAlive('s')).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(monitor.isAlive('s')).toBe(false);
    monitor.stop();
  });
});
