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

  it('wire bytes leave intervalMs after the first, as one report stamped at the last byte', () => {
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime', 'performance'] });
    const batches: AgentEvent[][] = [];
    const outbox = new EventOutbox(async (b) => void batches.push(b), 100);
    outbox.start();
    const t0 = Number(process.hrtime.bigint()) / 1e6;
    outbox.add(10, 1);
    vi.advanceTimersByTime(40);
    outbox.add(15, 1);
    vi.advanceTimersByTime(59);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(1);
    const [wire] = batches[0] as Extract<AgentEvent, { type: 'wire' }>[];
    expect(wire).toMatchObject({ bytes: 25, messages: 2 });
    expect(Math.round(wire.at - t0)).toBe(40);
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
