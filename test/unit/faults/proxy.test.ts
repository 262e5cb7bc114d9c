/**
 * LinkProxy against a real echo server: plain forwarding, a block that holds bytes and releases them
 * on lift, latency as a lower bound on the round trip (the proxy must never deliver early), a refused
 * target, and close() leaving no listener or socket behind. Only lower bounds on time are asserted.
 */
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkProxy } from '../../../src/faults/proxy.js';
import { dial, echoServer, failure, readBytes } from './echo-server.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ proxy: LinkProxy; echo: Awaited<ReturnType<typeof echoServer>> }> {
  const echo = await echoServer();
  cleanups.push(() => echo.close());
  const proxy = await LinkProxy.listen({ from: 'a', to: 'b', targetPort: echo.port, seed: 7 });
  cleanups.push(() => proxy.close());
  return { proxy, echo };
}

async function client(port: number): Promise<Socket> {
  const s = await dial(port);
  cleanups.push(() => void s.destroy());
  return s;
}

describe('LinkProxy', () => {
  it('forwards both ways without a rule', async () => {
    const { proxy } = await setup();
    const s = await client(proxy.port);
    s.write('hello');
    expect((await readBytes(s, 5, 2000)).toString()).toBe('hello');
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
  });

  it('forwards a large transfer intact and in order (backpressure)', async () => {
    const { proxy } = await setup();
    proxy.setRule({ latencyMs: 1, jitterMs: 1 });
    const s = await client(proxy.port);
    const data = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
    s.write(data);
    const got = await readBytes(s, data.length, 20_000);
    expect(got.length).toBe(data.length);
    expect(got.equals(data)).toBe(true);
  });

  it('a blocked link delivers nothing, then releases held bytes in order on lift', async () => {
    const { proxy, echo } = await setup();
    const before = await client(proxy.port);
    before.write('x');
    expect((await readBytes(before, 1, 2000)).toString()).toBe('x');
    proxy.setRule({ blocked: true });
    before.write('held');
    const fresh = await client(proxy.port);
    fresh.write('new');
    expect((await readBytes(before, 1, 300)).length).toBe(0);
    expect((await readBytes(fresh, 1, 50)).length).toBe(0);
    // the new connection was never forwarded: the target saw only the first one
    expect(echo.sockets.size).toBe(1);
    proxy.setRule(null);
    expect((await readBytes(before, 4, 2000)).toString()).toBe('held');
    expect((await readBytes(fresh, 3, 2000)).toString()).toBe('new');
  });

  it('drops a connection its caller closes during a block, without reaching the target', async () => {
    const { proxy, echo } = await setup();
    proxy.setRule({ blocked: true });
    const s = await client(proxy.port);
    s.write('stale request');
    s.end();
    await failure(s, 2000);
    proxy.setRule(null);
    await new Promise((r) => setTimeout(r, 100));
    expect(echo.sockets.size).toBe(0);
    expect(proxy.openConnections).toBe(0);
  });

  it('latency delays each direction: a round trip takes at least twice the latency', async () => {
    const { proxy } = await setup();
    proxy.setRule({ latencyMs: 80 });
    const s = await client(proxy.port);
    const t = performance.now();
    s.write('ping');
    const got = await readBytes(s, 4, 3000);
    expect(got.toString()).toBe('ping');
    expect(performance.now() - t).toBeGreaterThanOrEqual(160);
  });

  it('jitter never brings a chunk below latency − jitter, and order is kept', async () => {
    const { proxy } = await setup();
    proxy.setRule({ latencyMs: 60, jitterMs: 40 });
    const s = await client(proxy.port);
    const t = performance.now();
    for (let i = 0; i < 20; i++) s.write(String.fromCharCode(97 + i));
    const got = await readBytes(s, 20, 3000);
    expect(got.toString()).toBe('abcdefghijklmnopqrst');
    expect(performance.now() - t).toBeGreaterThanOrEqual(2 * (60 - 40));
  });

  it('mirrors a dead target: the first caller is reset, later callers are refused, until it is back', async () => {
    const echo = await echoServer();
    const port = echo.port;
    await echo.close();
    const proxy = await LinkProxy.listen({ from: 'a', to: 'b', targetPort: port, seed: 1 });
    cleanups.push(() => proxy.close());
    const first = await client(proxy.port);
    first.write('anyone?');
    expect(['ECONNRESET', 'closed']).toContain(await failure(first, 2000));
    await expect(dial(proxy.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(proxy.down).toBe(true);
    // the target comes back on its port (a restart): the link listens again on its own port
    const back = await echoServer(port);
    cleanups.push(() => back.close());
    let s: Socket | undefined;
    for (let i = 0; i < 100 && !s; i++)
      s = await dial(proxy.port).catch(() => new Promise<undefined>((r) => setTimeout(r, 20)));
    cleanups.push(() => void s?.destroy());
    s!.write('again');
    expect((await readBytes(s!, 5, 2000)).toString()).toBe('again');
    expect(proxy.down).toBe(false);
  });

  it('a blocked link holds callers even when its target is dead (a partition hides it)', async () => {
    const echo = await echoServer();
    const port = echo.port;
    await echo.close();
    const proxy = await LinkProxy.listen({ from: 'a', to: 'b', targetPort: port, seed: 1 });
    cleanups.push(() => proxy.close());
    const first = await client(proxy.port);
    await failure(first, 2000);
    proxy.setRule({ blocked: true });
    let s: Socket | undefined;
    for (let i = 0; i < 100 && !s; i++)
      s = await dial(proxy.port).catch(() => new Promise<undefined>((r) => setTimeout(r, 20)));
    cleanups.push(() => void s?.destroy());
    expect(await failure(s!, 300)).toBe('timeout');
  });

  it('close() stops listening and drops every connection; a second close is a no-op', async () => {
    const { proxy, echo } = await setup();
    const s = await client(proxy.port);
    s.write('y');
    await readBytes(s, 1, 2000);
    const port = proxy.port;
    const dropped = failure(s, 2000);
    await proxy.close();
    await proxy.close();
    expect(await dropped).not.toBe('timeout');
    await expect(dial(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await new Promise((r) => setTimeout(r, 50));
    expect(echo.sockets.size).toBe(0);
  });
});
