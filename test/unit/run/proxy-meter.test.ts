/**
 * Metering a user's agent at the transport: a real HTTP agent behind a real link proxy; the bytes
 * the proxy reports equal what the two sockets carried (measured independently at the agent's
 * server), and the requests are counted, keep-alive included.
 */
import { createServer, type Server } from 'node:http';
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkProxy } from '../../../src/faults/proxy.js';
import type { HistoryEvent } from '../../../src/model/history.js';
import { ProxyMeter } from '../../../src/run/proxy-meter.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A JSON agent whose server counts the bytes of its own sockets (the ground truth). */
async function agentServer(): Promise<{ port: number; bytes: () => number }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => res.end(JSON.stringify({ ok: true, content: body.length })));
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(
    () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  );
  return {
    port: (server.address() as { port: number }).port,
    bytes: () => [...sockets].reduce((n, s) => n + s.bytesRead + s.bytesWritten, 0),
  };
}

function post(port: number, agent: Agent, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/message', method: 'POST', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('ProxyMeter', () => {
  it('reports every byte and request that passed the links into a user agent', async () => {
    const target = await agentServer();
    const link = await LinkProxy.listen({ from: 'client', to: 'mine-0', targetPort: target.port, seed: 1 });
    cleanup.push(() => link.close());
    const events: HistoryEvent[] = [];
    const meter = new ProxyMeter([link], new Set(['mine-0']), (e) => events.push(e));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanup.push(() => agent.destroy());
    for (let i = 0; i < 5; i++)
      await post(link.port, agent, JSON.stringify({ id: `m${i}`, content: 'x'.repeat(100 * i) }));
    await post(link.port, new Agent(), '{}'); // a second connection
    meter.stop();
    const wire = events.filter((e): e is Extract<HistoryEvent, { type: 'wire' }> => e.type === 'wire');
    expect(wire.every((w) => w.agent === 'mine-0' && w.by === 'proxy')).toBe(true);
    expect(wire.reduce((n, w) => n + w.messages, 0)).toBe(6);
    expect(wire.reduce((n, w) => n + w.bytes, 0)).toBe(target.bytes());
    expect(target.bytes()).toBeGreaterThan(1000);
  });

  it('says nothing about agents it does not meter (built-ins count their own)', async () => {
    const target = await agentServer();
    const link = await LinkProxy.listen({ from: 'client', to: 'builtin-0', targetPort: target.port, seed: 1 });
    cleanup.push(() => link.close());
    const events: HistoryEvent[] = [];
    const meter = new ProxyMeter([link], new Set(['mine-0']), (e) => events.push(e));
    await post(link.port, new Agent(), '{}');
    meter.stop();
    expect(events).toEqual([]);
  });

  it('names an agent that answered tasks none of which passed its links (callers went around the proxy)', async () => {
    const target = await agentServer();
    const link = await LinkProxy.listen({ from: 'client', to: 'mine-0', targetPort: target.port, seed: 1 });
    cleanup.push(() => link.close());
    const meter = new ProxyMeter([link], new Set(['mine-0']), () => undefined);
    const health = () =>
      new Promise<void>((resolve, reject) => {
        request({ host: '127.0.0.1', port: link.port, path: '/health' }, (res) =>
          res.resume().on('end', () => resolve()),
        )
          .on('error', reject)
          .end();
      });
    await health(); // heartbeats alone pass through
    expect(meter.wentAround(new Map([['mine-0', 3]]))).toEqual(['mine-0']);
    expect(meter.wentAround(new Map())).toEqual([]);
    await post(link.port, new Agent(), '{}'); // a task through the link
    expect(meter.wentAround(new Map([['mine-0', 3]]))).toEqual([]);
  });
});
