/**
 * The a2a protocol against the real @a2a-js/sdk: a stock SDK client talks to a storm server, and
 * storm's client keeps every AgentMessage field, honours task states and re-reads the card after
 * a transport failure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { ClientFactory, ClientFactoryOptions } from '@a2a-js/sdk/client';
import { Role, TaskState, type Message, type Task } from '@a2a-js/sdk';
import { a2aProtocol } from '../../../src/protocols/a2a/index.js';
import type { A2APeerConnection } from '../../../src/protocols/a2a/client.js';
import type { AgentMessage, MessageHandler, PeerConnection, ProtocolServer } from '../../../src/protocols/types.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function serve(
  handler: MessageHandler,
  port = 0,
  meter?: { add(b: number, m: number): void },
): Promise<ProtocolServer> {
  const server = await a2aProtocol.serve({
    id: 'worker-1',
    host: '127.0.0.1',
    port,
    workspace: '/tmp',
    handler,
    meter,
  });
  open.push(server);
  return server;
}

function connect(url: string): PeerConnection {
  const conn = a2aProtocol.connect({ id: 'worker-1', url }, { self: 'client' });
  open.push(conn);
  return conn;
}

const echo: MessageHandler = async (m) => ({ ok: true, content: `echo:${m.content}` });
const msg: AgentMessage = {
  id: 'm-1',
  task_id: 't-7',
  step: 2,
  from: 'worker-0',
  type: 'lookup',
  content: 'who?',
  ttl: 3,
};

describe('a2a server with a stock @a2a-js/sdk client', () => {
  it('serves a card with absolute interface URLs and answers SendMessage with a Message', async () => {
    const server = await serve(echo);
    const client = await new ClientFactory().createFromUrl(server.url);
    const card = await client.getAgentCard();
    expect(card.name).toBe('worker-1');
    // v1.0 JSON-RPC first (what a v1.0 client picks), then REST, then the same JSON-RPC endpoint as v0.3.
    expect(card.supportedInterfaces.map((i) => [i.url, i.protocolBinding, i.protocolVersion])).toEqual([
      [`${server.url}/a2a/jsonrpc`, 'JSONRPC', '1.0'],
      [`${server.url}/a2a/rest`, 'HTTP+JSON', '1.0'],
      [`${server.url}/a2a/jsonrpc`, 'JSONRPC', '0.3'],
    ]);
    expect(card.capabilities?.streaming).toBe(true);
    const result = await client.sendMessage({
      tenant: '',
      message: {
        messageId: 'stock-1',
        contextId: '',
        taskId: '',
        role: Role.ROLE_USER,
        parts: [
          { content: { $case: 'text', value: 'hi' }, metadata: undefined, filename: '', mediaType: 'text/plain' },
        ],
        metadata: undefined,
        extensions: [],
        referenceTaskIds: [],
      },
      configuration: undefined,
      metadata: undefined,
    });
    const reply = result as Message;
    expect(reply.role).toBe(Role.ROLE_AGENT);
    expect(reply.parts[0]?.content).toEqual({ $case: 'text', value: 'echo:hi' });
  });

  it('also answers over the HTTP+JSON (REST) binding', async () => {
    const server = await serve(echo);
    const factory = new ClientFactory(
      ClientFactoryOptions.createFrom(ClientFactoryOptions.default, { preferredTransports: ['HTTP+JSON'] }),
    );
    const client = await factory.createFromUrl(server.url);
    expect(client.transport.protocolName).toBe('HTTP+JSON');
    const result = (await client.sendMessage({
      tenant: '',
      message: {
        messageId: 'stock-rest',
        contextId: '',
        taskId: '',
        role: Role.ROLE_USER,
        parts: [
          { content: { $case: 'text', value: 'rest' }, metadata: undefined, filename: '', mediaType: 'text/plain' },
        ],
        metadata: undefined,
        extensions: [],
        referenceTaskIds: [],
      },
      configuration: undefined,
      metadata: undefined,
    })) as Message;
    expect(result.parts[0]?.content).toEqual({ $case: 'text', value: 'echo:rest' });
  });

  it('answers an error reply with a Task in the failed state', async () => {
    const server = await serve(async () => ({ ok: false, error: 'no shard holds it' }));
    const client = await new ClientFactory().createFromUrl(server.url);
    const result = (await client.sendMessage({
      tenant: '',
      message: {
        messageId: 'stock-2',
        contextId: '',
        taskId: '',
        role: Role.ROLE_USER,
        parts: [{ content: { $case: 'text', value: 'x' }, metadata: undefined, filename: '', mediaType: 'text/plain' }],
        metadata: undefined,
        extensions: [],
        referenceTaskIds: [],
      },
      configuration: undefined,
      metadata: undefined,
    })) as Task;
    expect(result.status?.state).toBe(TaskState.TASK_STATE_FAILED);
    expect(result.status?.message?.parts[0]?.content).toEqual({ $case: 'text', value: 'no shard holds it' });
  });
});

describe('a2a storm client', () => {
  it('carries every AgentMessage field to the handler', async () => {
    const seen: AgentMessage[] = [];
    const server = await serve(async (m) => (seen.push(m), { ok: true, content: 'fine' }));
    expect(await connect(server.url).send(msg, 5000)).toEqual({ ok: true, content: 'fine' });
    expect(seen).toEqual([msg]);
  });

  it('maps a failed task and a throwing handler to ok:false', async () => {
    const server = await serve(async (m) => {
      if (m.content === 'throw') throw new Error('tool crashed');
      return { ok: false, error: 'flaky' };
    });
    const conn = connect(server.url);
    expect(await conn.send(msg, 5000)).toEqual({ ok: false, error: 'flaky' });
    expect(await conn.send({ ...msg, id: 'm-2', content: 'throw' }, 5000)).toEqual({
      ok: false,
      error: 'tool crashed',
    });
  });

  it('meters card discovery and messages at the transport', async () => {
    let bytes = 0;
    let requests = 0;
    const server = await serve(echo, 0, { add: (b, m) => ((bytes += b), (requests += m)) });
    const conn = connect(server.url);
    await conn.send(msg, 5000);
    // One card GET (discovery) plus one JSON-RPC POST.
    expect(requests).toBe(2);
    expect(bytes).toBeGreaterThan(500);
    expect(await conn.ping(2000)).toBe(true);
    expect(requests).toBe(3);
  });

  it('pings with the card (304 once the ETag is known) and rejects with ECONNREFUSED when nobody listens', async () => {
    let bytes = 0;
    const server = await serve(echo, 0, { add: (b) => (bytes += b) });
    const conn = connect(server.url);
    expect(await conn.ping(2000)).toBe(true);
    const full = bytes;
    expect(await conn.ping(2000)).toBe(true);
    const conditional = bytes - full;
    // The second answer is a 304 without the card body.
    expect(conditional).toBeLessThan(full / 2);
    await server.close();
    const fresh = connect(server.url);
    await expect(fresh.ping(2000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('times out a send with ETIMEDOUT', async () => {
    let release: () => void = () => {};
    const server = await serve(() => new Promise((r) => (release = () => r({ ok: true, content: 'late' }))));
    await expect(connect(server.url).send(msg, 300)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    release();
  });

  it('re-reads the agent card after a transport failure (a restarted peer)', async () => {
    const first = await serve(echo);
    const conn = connect(first.url) as A2APeerConnection;
    await conn.send(msg, 5000);
    expect(conn.discoveries).toBe(1);
    await first.close();
    await expect(conn.send(msg, 2000)).rejects.toHaveProperty('code');
    await serve(async (m) => ({ ok: true, content: `again:${m.content}` }), first.port);
    // The dropped client is rebuilt from the card on the next send (a stale socket may fail once).
    let reply: Awaited<ReturnType<typeof conn.send>> | undefined;
    for (let i = 0; i < 3 && !reply; i++) reply = await conn.send(msg, 5000).catch(() => undefined);
    expect(reply).toEqual({ ok: true, content: 'again:who?' });
    expect(conn.discoveries).toBeGreaterThanOrEqual(2);
  });

  it('reset() (peer declared dead) makes the next send read the card again', async () => {
    const server = await serve(echo);
    const conn = connect(server.url) as A2APeerConnection;
    await conn.send(msg, 5000);
    await conn.send(msg, 5000);
    expect(conn.discoveries).toBe(1);
    conn.reset();
    await conn.send(msg, 5000);
    expect(conn.discoveries).toBe(2);
  });

  it('advertises the origin the card was fetched from, so traffic keeps going through a proxy', async () => {
    const server = await serve(echo);
    let proxied = 0;
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((c) => {
      const s = net.connect(server.port, '127.0.0.1');
      sockets.add(c).add(s);
      c.on('data', (d) => ((proxied += d.length), s.write(d)));
      s.on('data', (d) => c.write(d));
      c.on('close', () => s.destroy());
      s.on('close', () => c.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    open.push({ close: () => new Promise((r) => (proxy.close(r), sockets.forEach((x) => x.destroy()))) });
    const via = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    const card = await (await fetch(`${via}/.well-known/agent-card.json`)).json();
    expect(card.supportedInterfaces[0].url).toBe(`${via}/a2a/jsonrpc`);
    const before = proxied;
    expect(await connect(via).send(msg, 5000)).toEqual({ ok: true, content: 'echo:who?' });
    // Both the discovery GET and the SendMessage POST went through the proxy.
    expect(proxied - before).toBeGreaterThan(JSON.stringify(msg).length + 200);
  });

  it('ready() is true for a live agent and false when nothing listens', async () => {
    const server = await serve(echo);
    expect(await a2aProtocol.ready(server.url, 2000)).toBe(true);
    await server.close();
    expect(await a2aProtocol.ready(server.url, 200)).toBe(false);
  });
});
