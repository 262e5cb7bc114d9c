/**
 * The event outbox flushes a batch at most `intervalMs` after its first event, and arms no timer while
 * there is nothing to send: an idle agent must not wake up (hundreds of them share two cores).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentEvent } from '../../../src/agent/contract.js';
import { EventOutbox } from '../../../src/agent/events.js';

const detect = (peer: string): AgentEvent => ({ type: 'detect', at: 1, peer });

describe('EventOutbox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('arms no timer while idle, before or after start', () => {
    const outbox = new EventOutbox(async () => undefined, 100);
    expect(vi.getTimerCount()).toBe(0);
    outbox.start();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends what arrived in one batch, intervalMs after the first event, then goes quiet again', async () => {
    const batches: AgentEvent[][] = [];
    const outbox = new EventOutbox(async (b) => void batches.push(b), 100);
    outbox.start();
    outbox.emit(detect('a'));
    vi.advanceTimersByTime(60);
    outbox.emit(detect('b'));
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(40);
    expect(batches.map((b) => b.map((e) => (e as { peer: string }).peer))).toEqual([['a', 'b']]);
    expect(vi.getTimerCount()).toBe(0);
    outbox.emit(detect('c'));
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(2);
  });

  it('holds events until start, then flushes them; wire counts become one wire event', () => {
    const batches: AgentEvent[][] = [];
    const outbox = new EventOutbox(async (b) => void batches.push(b), 100);
    outbox.emit(detect('early'));
    outbox.add(300, 2);
    vi.advanceTimersByTime(500);
    expect(batches).toHaveLength(0);
    outbox.start();
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(1);
    expect(batches[0].map((e) => e.type)).toEqual(['detect', 'wire']);
    expect(batches[0][1]).toMatchObject({ bytes: 300, messages: 2 });
  });

  it('wire bytes alone leave once per wireIntervalMs, cut into windows of intervalMs stamped at their last byte', () => {
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime', 'performance'] });
    const batches: AgentEvent[][] = [];
    const outbox = new EventOutbox(async (b) => void batches.push(b), 100, 1000);
    outbox.start();
    const t0 = Number(process.hrtime.bigint()) / 1e6;
    for (let i = 0; i < 9; i++) {
      outbox.add(10, 1); // at t0 + 0, 110, 220, …: each in a window of its own
      vi.advanceTimersByTime(110);
    }
    expect(batches).toHaveLength(0); // 990 ms: not yet
    vi.advanceTimersByTime(10);
    expect(batches).toHaveLength(1);
    const wire = batches[0] as Extract<AgentEvent, { type: 'wire' }>[];
    expect(wire).toHaveLength(9);
    expect(wire.map((w) => Math.round(w.at - t0))).toEqual([0, 110, 220, 330, 440, 550, 660, 770, 880]);
    expect(wire.reduce((s, w) => s + w.bytes, 0)).toBe(90);
  });

  it('an event brings a pending wire-only flush forward to intervalMs', () => {
    const batches: AgentEvent[][] = [];
    const outbox = new EventOutbox(async (b) => void batches.push(b), 100, 1000);
    outbox.start();
    outbox.add(10, 1);
    vi.advanceTimersByTime(50);
    outbox.emit(detect('x'));
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(1);
    expect(batches[0].map((e) => e.type)).toEqual(['detect', 'wire']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() flushes what is left at once and cancels the timer', async () => {
    const batches: AgentEvent[][] = [];
    const outbox = new EventOutbox(async (b) => void batches.push(b), 100);
    outbox.start();
    outbox.emit(detect('last'));
    await outbox.stop();
    expect(batches).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
