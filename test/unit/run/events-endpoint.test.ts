/**
 * STORM_EVENTS_URL over real HTTP: well-formed events reach the history with their own times mapped
 * onto the monotonic clock; everything malformed gets a 4xx with the reason and becomes a warning,
 * and the endpoint keeps serving.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/agent/contract.js';
import { monotonicMs } from '../../../src/run/clock.js';
import { EventsEndpoint, MAX_BODY_BYTES } from '../../../src/run/events-endpoint.js';
import { parseUserEvents } from '../../../src/run/user-events.js';

let endpoint: EventsEndpoint | undefined;
afterEach(async () => endpoint?.close());

async function open() {
  const got: { agent: string; events: AgentEvent[] }[] = [];
  endpoint = await EventsEndpoint.open({
    agentIds: ['w-0', 'w-1', 'w-2'],
    notBeforeMono: monotonicMs() - 60_000,
    onEvents: (agent, events) => got.push({ agent, events }),
  });
  return { ep: endpoint, got };
}

const postTo = (url: string, body: string, method = 'POST') =>
  fetch(url, { method, body: method === 'GET' ? undefined : body });

describe('parseUserEvents', () => {
  const clocks = { wallMs: 1_700_000_000_000, monoMs: 50_000 };
  const ctx = { self: 'w-0', agents: new Set(['w-0', 'w-1']), clocks, notBeforeMono: 10_000 };

  it('maps wall time onto the monotonic clock by the distance from now', () => {
    const r = parseUserEvents(
      [
        { type: 'detect', peer: 'w-1', t_wall_ms: clocks.wallMs - 250, evidence: 'refused' },
        { type: 'rejoin', peer: 'w-1', t_mono_ms: 49_900 },
        { type: 'exec', task_id: 't-7', step: 1, t_wall_ms: clocks.wallMs, note: 'extra fields are ignored' },
      ],
      ctx,
    );
    expect(r.errors).toEqual([]);
    expect(r.events).toEqual([
      { type: 'detect', at: 49_750, peer: 'w-1', evidence: 'refused' },
      { type: 'rejoin', at: 49_900, peer: 'w-1' },
      { type: 'exec', at: 50_000, task: 't-7', step: 1 },
    ]);
  });

  it('says what is wrong with each malformed event and keeps the good ones', () => {
    const r = parseUserEvents(
      [
        { type: 'detect', peer: 'w-9', t_wall_ms: clocks.wallMs },
        { type: 'detect', peer: 'w-0', t_wall_ms: clocks.wallMs },
        { type: 'detect', peer: 'w-1' },
        { type: 'exec', step: 0, t_wall_ms: clocks.wallMs },
        { type: 'exec', task_id: 't', step: -1, t_wall_ms: clocks.wallMs },
        { type: 'crash', t_wall_ms: clocks.wallMs },
        { type: 'detect', peer: 'w-1', t_wall_ms: clocks.wallMs + 60_000 },
        { type: 'detect', peer: 'w-1', t_wall_ms: '12' },
        { type: 'detect', peer: 'w-1', t_mono_ms: 5_000 },
        42,
        { type: 'detect', peer: 'w-1', t_wall_ms: clocks.wallMs },
      ],
      ctx,
    );
    expect(r.events).toHaveLength(1);
    expect(r.errors).toEqual([
      'event 0: "peer" "w-9" is not an agent of this run (STORM_PEERS lists them)',
      'event 1: "peer" is the reporting agent itself',
      'event 2: needs "t_wall_ms" (Date.now() when it happened) or "t_mono_ms"',
      expect.stringMatching(/^event 3: "exec" needs "task_id"/),
      'event 4: "step" must be an integer 0..10000',
      'event 5: "type" must be "detect", "rejoin" or "exec", got "crash"',
      'event 6: "t_wall_ms" is 60000 ms in the future',
      'event 7: "t_wall_ms" must be a number (Date.now() when it happened)',
      'event 8: "t_mono_ms" is before this run\'s agents started (5000 ms earlier)',
      'event 9: an event must be a JSON object',
    ]);
  });
});

describe('EventsEndpoint', () => {
  it('records well-formed events of the agent whose URL they were posted to', async () => {
    const { ep, got } = await open();
    const before = monotonicMs();
    const res = await postTo(
      ep.urlFor('w-1'),
      JSON.stringify({ type: 'detect', peer: 'w-2', t_wall_ms: Date.now() - 100 }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, accepted: 1 });
    expect(got).toHaveLength(1);
    expect(got[0].agent).toBe('w-1');
    const at = got[0].events[0].at;
    // 100 ms before the post, give or take the time the request took (generous: a loaded machine)
    expect(at).toBeLessThan(before);
    expect(at).toBeGreaterThan(before - 5000);
    expect(ep.warnings()).toEqual([]);
  });

  it('answers malformed input with 4xx and the reason, warns, and keeps serving', async () => {
    const { ep, got } = await open();
    const bad = await postTo(ep.urlFor('w-0'), '{"type": "detect", "peer": ');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^not JSON/);
    const mixed = await postTo(
      ep.urlFor('w-0'),
      JSON.stringify([{ type: 'rejoin', peer: 'w-1', t_wall_ms: Date.now() }, { type: 'detect' }]),
    );
    expect(mixed.status).toBe(400);
    expect(await mixed.json()).toMatchObject({ ok: false, accepted: 1 });
    const huge = await postTo(ep.urlFor('w-0'), JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(huge.status).toBe(413);
    expect((await postTo(ep.urlFor('nobody'), '{}')).status).toBe(404);
    expect((await postTo(ep.urlFor('w-0').replace(/events\/\w+/, 'events/guess'), '{}')).status).toBe(404);
    expect((await postTo(ep.urlFor('w-0'), '', 'GET')).status).toBe(405);
    expect(got.map((g) => g.events.length)).toEqual([1]);
    const warnings = ep.warnings();
    expect(warnings.length).toBe(5);
    expect(warnings[0]).toMatch(/^STORM_EVENTS_URL: w-0: 400 not JSON/);
    expect(warnings.at(-1)).toMatch(/\(6 rejected in all\)$/);
    const ok = await postTo(ep.urlFor('w-0'), JSON.stringify({ type: 'exec', task_id: 't-1', t_wall_ms: Date.now() }));
    expect(ok.status).toBe(200);
  });
});
