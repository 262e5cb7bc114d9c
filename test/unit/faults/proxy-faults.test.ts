/**
 * The fault proxy's reset, blackhole, bandwidth and message rules against a real HTTP server and real
 * HTTP clients: what the caller sees, what the target receives, and what the link counts. Time is
 * only asserted as a lower bound (a rule must never deliver early) or as silence within a window.
 */
import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageRule } from '../../../src/faults/link-rule.js';
import { LinkProxy, type MessageHit } from '../../../src/faults/proxy.js';
import { dial, failure } from './echo-server.js';
import { httpTarget, post, stormMessage, type HttpTarget } from './http-target.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(seed = 7): Promise<{ proxy: LinkProxy; target: HttpTarget; hits: MessageHit[]; agent: Agent }> {
  const target = await httpTarget();
  cleanups.push(() => target.close());
  const proxy = await LinkProxy.listen({ from: 'client', to: 'w-0', targetPort: target.port, seed });
  cleanups.push(() => proxy.close());
  const hits: MessageHit[] = [];
  proxy.onMessage = (h) => hits.push(h);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  cleanups.push(() => agent.destroy());
  return { proxy, target, hits, agent };
}

const rule = (r: Partial<MessageRule>): MessageRule => ({
  fault: 0,
  messageType: 'question',
  action: 'drop',
  share: 1,
  requests: ['question'],
  replies: [],
  ...r,
});
const until = async (cond: () => boolean, ms: number): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

describe('reset', () => {
  it('resets open connections and new ones, counts them, and stops at the lift', async () => {
    const { proxy, agent } = await setup();
    const open = await dial(proxy.port);
    cleanups.push(() => void open.destroy());
    await until(() => proxy.openConnections === 1, 1000);
    const seen = failure(open, 2000);
    proxy.setRule({ reset: 1 });
    expect(await seen).toBe('ECONNRESET');
    expect(await post(proxy.port, stormMessage('question', 1), 2000, agent)).toEqual({ error: 'ECONNRESET' });
    expect(proxy.counts.reset).toBe(2);
    proxy.setRule(null);
    expect(await post(proxy.port, stormMessage('question', 2), 2000, agent)).toMatchObject({ status: 200 });
  });

  it('resets a seeded share of new connections', async () => {
    const { proxy } = await setup(11);
    proxy.setRule({ reset: 0.5 });
    const outcomes = [];
    for (let i = 0; i < 40; i++)
      outcomes.push(await post(proxy.port, stormMessage('q', i), 2000, new Agent({ keepAlive: false })));
    const resets = outcomes.filter((o) => 'error' in o).length;
    expect(resets).toBe(proxy.counts.reset);
    expect(resets).toBeGreaterThan(5);
    expect(resets).toBeLessThan(35);
  });
});

describe('blackhole', () => {
  it('accepts and never answers, neither refusing nor closing; what crossed never arrives', async () => {
    const { proxy, target, agent } = await setup();
    expect(await post(proxy.port, stormMessage('question', 0), 2000, agent)).toMatchObject({ status: 200 });
    proxy.setRule({ blackhole: true });
    expect(await post(proxy.port, stormMessage('question', 1), 500, agent)).toEqual({ error: 'timeout' });
    const raw = await dial(proxy.port);
    cleanups.push(() => void raw.destroy());
    raw.write('POST /message HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}');
    expect(await failure(raw, 400)).toBe('timeout');
    const healed = failure(raw, 1000);
    proxy.setRule(null);
    // the heal closes what the blackhole swallowed; nothing it held is delivered
    expect(await healed).toBe('closed');
    await new Promise((r) => setTimeout(r, 100));
    expect(target.bodies).toHaveLength(1);
    expect(proxy.counts.blackholed).toBeGreaterThanOrEqual(2);
    expect(proxy.counts.swallowed_bytes).toBeGreaterThan(0);
    expect(await post(proxy.port, stormMessage('question', 2), 2000, new Agent())).toMatchObject({ status: 200 });
  });
});

describe('bandwidth', () => {
  it('takes at least size / rate each way, and counts the shaped bytes', async () => {
    const { proxy, agent } = await setup();
    proxy.setRule({ bytesPerSec: 50_000 });
    const big = { ...stormMessage('question', 1), content: 'x'.repeat(20_000) };
    const start = performance.now();
    const r = await post(proxy.port, big, 10_000, agent);
    const took = performance.now() - start;
    expect(r).toMatchObject({ status: 200 });
    // 20 kB out and 20 kB back at 50 kB/s: at least 0.8 s (minus timer rounding)
    expect(took).toBeGreaterThanOrEqual(780);
    expect(proxy.counts.shaped_bytes).toBeGreaterThanOrEqual(40_000);
  });
});

describe('message faults', () => {
  it('drop: the request never arrives and the sender hears nothing; other types flow', async () => {
    const { proxy, target, hits, agent } = await setup();
    proxy.setRule({ messages: [rule({ action: 'drop' })] });
    expect(await post(proxy.port, stormMessage('question', 1), 500, agent)).toEqual({ error: 'timeout' });
    expect(await post(proxy.port, stormMessage('lookup', 2), 2000, new Agent())).toMatchObject({ status: 200 });
    expect(target.bodies.map((b) => JSON.parse(b.toString()).type)).toEqual(['lookup']);
    expect(hits.map((h) => [h.rule.action, h.fields.id, h.fields.task, h.reply])).toEqual([
      ['drop', 'm-1', 't-1', false],
    ]);
    expect(proxy.counts.drop).toBe(1);
  });

  it('duplicate: the receiver gets the request twice, the sender one reply', async () => {
    const { proxy, target, agent } = await setup();
    proxy.setRule({ messages: [rule({ action: 'duplicate' })] });
    expect(await post(proxy.port, stormMessage('question', 1), 2000, agent)).toMatchObject({ status: 200 });
    expect(await post(proxy.port, stormMessage('question', 2), 2000, agent)).toMatchObject({ status: 200 });
    await until(() => target.bodies.length >= 4, 2000);
    expect(target.bodies.map((b) => JSON.parse(b.toString()).id).sort()).toEqual(['m-1', 'm-1', 'm-2', 'm-2']);
    expect(proxy.counts.duplicate).toBe(2);
  });

  it('corrupt: the receiver gets a payload that is no longer JSON and rejects it', async () => {
    const { proxy, target, agent } = await setup();
    proxy.setRule({ messages: [rule({ action: 'corrupt' })] });
    expect(await post(proxy.port, stormMessage('question', 1), 2000, agent)).toMatchObject({ status: 400 });
    expect(target.bodies[0][0]).toBe(0);
  });

  it('delay: the message is held at least the delay', async () => {
    const { proxy, agent } = await setup();
    proxy.setRule({ messages: [rule({ action: 'delay', delayMs: 300 })] });
    const start = performance.now();
    expect(await post(proxy.port, stormMessage('question', 1), 3000, agent)).toMatchObject({ status: 200 });
    expect(performance.now() - start).toBeGreaterThanOrEqual(299);
  });

  it('a reply type: the reply to the matching request is dropped or corrupted, after the receiver did the work', async () => {
    const { proxy, target, hits, agent } = await setup();
    proxy.setRule({
      messages: [rule({ messageType: 'answer', action: 'corrupt', requests: [], replies: ['question'] })],
    });
    const r = await post(proxy.port, stormMessage('question', 1), 2000, agent);
    expect(r).toMatchObject({ status: 200 });
    expect((r as { body: string }).body.charCodeAt(0)).toBe(0);
    proxy.setRule({ messages: [rule({ messageType: 'answer', action: 'drop', requests: [], replies: ['question'] })] });
    expect(await post(proxy.port, stormMessage('question', 2), 500, agent)).toEqual({ error: 'timeout' });
    expect(target.bodies).toHaveLength(2);
    expect(hits.map((h) => [h.rule.action, h.fields.id, h.reply])).toEqual([
      ['corrupt', 'm-1', true],
      ['drop', 'm-2', true],
    ]);
  });

  it('draws a seeded share, the same for the same seed', async () => {
    const run = async (): Promise<string[]> => {
      const { proxy, hits, agent } = await setup(99);
      proxy.setRule({ messages: [rule({ action: 'corrupt', share: 0.3 })] });
      for (let i = 0; i < 30; i++) await post(proxy.port, stormMessage('question', i), 2000, agent);
      return hits.map((h) => h.fields.id);
    };
    const a = await run();
    expect(a.length).toBeGreaterThan(2);
    expect(a.length).toBeLessThan(20);
    expect(await run()).toEqual(a);
  });
});

describe('message faults on a streamed reply (SSE)', () => {
  async function sseTarget(): Promise<number> {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        let n = 0;
        const tick = setInterval(() => {
          res.write(`data: {"n":${n}}\n\n`);
          if (++n === 3) {
            clearInterval(tick);
            res.end();
          }
        }, 5);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    return (server.address() as { port: number }).port;
  }

  async function streamThrough(r: Partial<MessageRule>): Promise<{ body: string; hits: MessageHit[] }> {
    const port = await sseTarget();
    const proxy = await LinkProxy.listen({ from: 'client', to: 'w-0', targetPort: port, seed: 3 });
    cleanups.push(() => proxy.close());
    const hits: MessageHit[] = [];
    proxy.onMessage = (h) => hits.push(h);
    proxy.setRule({ messages: [rule({ messageType: 'answer', requests: [], replies: ['question'], ...r })] });
    const res = await post(proxy.port, stormMessage('question', 1), 3000, new Agent());
    expect(res).toMatchObject({ status: 200 });
    return { body: (res as { body: string }).body, hits };
  }

  it('drop leaves events out and the stream still ends', async () => {
    const { body, hits } = await streamThrough({ action: 'drop' });
    expect(body).toBe('');
    expect(hits.map((h) => [h.fields.id, h.reply])).toEqual([
      ['m-1', true],
      ['m-1', true],
      ['m-1', true],
    ]);
  });

  it("corrupt makes each event's data unreadable, the stream intact", async () => {
    const { body, hits } = await streamThrough({ action: 'corrupt' });
    expect(body).toBe('data: \u0000"n":0}\n\ndata: \u0000"n":1}\n\ndata: \u0000"n":2}\n\n');
    expect(hits).toHaveLength(3);
  });
});
