/**
 * storm's A2A client and readiness against both versions: a storm agent (which speaks both) through a
 * recording proxy shows which version the client really spoke, unpinned and pinned; a real v0.3
 * agent on @a2a-js/sdk 0.3 (test/fixtures/byo-a2a-v03) becomes ready, answers, and after a kill and
 * restart is discovered afresh (its card read again — A2A's reconnect cost).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { a2aProtocol } from '../../../../src/protocols/a2a/index.js';
import type { A2APeerConnection } from '../../../../src/protocols/a2a/client.js';
import type { AgentMessage, PeerConnection, ProtocolServer } from '../../../../src/protocols/types.js';
import { killAll, startReady } from '../../../e2e/interop-process.js';
import { recordingProxy, type RecordingProxy } from './recording-proxy.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});
afterAll(() => killAll());

const msg: AgentMessage = {
  id: 'm-1',
  task_id: 't-1',
  step: 0,
  from: 'client',
  type: 'question',
  content: 'hello',
  ttl: 2,
};
const V03_AGENT = 'test/fixtures/byo-a2a-v03/my-v03-agent.mjs';

async function stormAgentBehindProxy(): Promise<RecordingProxy> {
  const server: ProtocolServer = await a2aProtocol.serve({
    id: 'w',
    host: '127.0.0.1',
    port: 0,
    workspace: '/tmp',
    handler: async (m) => ({ ok: true, content: `echo:${m.content}` }),
  });
  open.push(server);
  const proxy = await recordingProxy(server.url);
  open.push(proxy);
  return proxy;
}

function connect(url: string, protocolVersion?: string): PeerConnection {
  const conn = a2aProtocol.connect({ id: 'w', url, protocolVersion }, { self: 'client' });
  open.push(conn);
  return conn;
}

/** What the client sent to the JSON-RPC endpoint and with the heartbeat, as `<rpc method> <A2A-Version>`. */
const spoken = (p: RecordingProxy) =>
  p.seen.filter((r) => r.method === 'POST').map((r) => `${r.rpcMethod} ${r.version ?? '-'}`);
const pings = (p: RecordingProxy) => p.seen.filter((r) => r.method === 'GET').map((r) => r.version ?? '-');

describe("storm's a2a client against a storm agent (both versions on offer)", () => {
  it('unpinned: reads the card and speaks v1.0 (SendMessage, A2A-Version: 1.0)', async () => {
    const proxy = await stormAgentBehindProxy();
    const conn = connect(proxy.url);
    expect(await conn.send(msg, 3000)).toEqual({ ok: true, content: 'echo:hello' });
    expect(await conn.ping(2000)).toBe(true);
    expect(spoken(proxy)).toEqual(['SendMessage 1.0']);
    expect(pings(proxy)).toEqual(['1.0', '1.0']); // discovery, heartbeat
  });

  it('pinned to 0.3: speaks v0.3 (message/send, A2A-Version: 0.3), and pings as a v0.3 client would (no header)', async () => {
    const proxy = await stormAgentBehindProxy();
    const conn = connect(proxy.url, '0.3');
    expect(await conn.send(msg, 3000)).toEqual({ ok: true, content: 'echo:hello' });
    expect(await conn.send({ ...msg, id: 'm-2' }, 3000)).toEqual({ ok: true, content: 'echo:hello' });
    expect(await conn.ping(2000)).toBe(true);
    // The SDK's v0.3 transport names the version; a server speaking both routes on either form.
    expect(spoken(proxy)).toEqual(['message/send 0.3', 'message/send 0.3']);
    expect(pings(proxy).at(-1)).toBe('-');
  });

  it('pinned to 1.0: speaks v1.0', async () => {
    const proxy = await stormAgentBehindProxy();
    const conn = connect(proxy.url, '1.0');
    expect(await conn.send(msg, 3000)).toEqual({ ok: true, content: 'echo:hello' });
    expect(spoken(proxy)).toEqual(['SendMessage 1.0']);
  });
});

describe("storm's a2a client and readiness against a v0.3 agent on @a2a-js/sdk 0.3", () => {
  it('is ready unpinned and pinned to 0.3, not when pinned to 1.0', async () => {
    const { url } = await startReady([V03_AGENT]);
    expect(await a2aProtocol.ready(url, 5000)).toBe(true);
    expect(await a2aProtocol.ready(url, 5000, '0.3')).toBe(true);
    expect(await a2aProtocol.ready(url, 300, '1.0')).toBe(false);
  });

  it('talks v0.3 to it (the answer is a completed task), and a 1.0 pin fails with the reason', async () => {
    const { url } = await startReady([V03_AGENT]);
    expect(await connect(url).send(msg, 5000)).toEqual({ ok: true, content: 'v0.3 echo: hello' });
    expect(await connect(url).ping(2000)).toBe(true);
    await expect(connect(url, '1.0').send(msg, 5000)).rejects.toThrow(/offers no A2A 1\.0 interface/);
  });

  it('after a kill and restart the first send fails, then the card is read again and sends work', async () => {
    const first = await startReady([V03_AGENT]);
    const port = new URL(first.url).port;
    const conn = connect(first.url) as A2APeerConnection;
    expect(await conn.send(msg, 5000)).toEqual({ ok: true, content: 'v0.3 echo: hello' });
    expect(conn.discoveries).toBe(1);
    process.kill(-first.child.pid!, 'SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    await expect(conn.send(msg, 2000)).rejects.toMatchObject({
      code: expect.stringMatching(/^(ECONNREFUSED|ECONNRESET)$/),
    });
    await startReady([V03_AGENT], { STORM_PORT: port });
    expect(await conn.send(msg, 5000)).toEqual({ ok: true, content: 'v0.3 echo: hello' });
    expect(conn.discoveries).toBe(2);
  });
});

describe('a2a readiness', () => {
  it('is false for a card that names no endpoint (neither supportedInterfaces nor a v0.3 url)', async () => {
    const server = createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ name: 'x', protocolVersion: '0.3.0' })),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    open.push({ close: () => new Promise<void>((done) => server.close(() => done())) });
    expect(await a2aProtocol.ready(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 300)).toBe(false);
  });
});
