/** The json protocol in-process: SPEC §8 wire shape, error codes of failed sends, readiness. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { errorCode, keepAliveAgent, requestJson } from '../../../src/protocols/http-client.js';
import { jsonProtocol } from '../../../src/protocols/json/index.js';
import type { AgentMessage, PeerConnection, ProtocolServer } from '../../../src/protocols/types.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const msg: AgentMessage = { id: 'm1', task_id: 't1', step: 0, from: 'client', type: 'question', content: 'hi', ttl: 4 };

async function serve(handler = async (m: AgentMessage) => ({ ok: true, content: `got ${m.content} from ${m.from}` })) {
  let bytes = 0;
  let messages = 0;
  const server = await jsonProtocol.serve({
    id: 'a-0',
    host: '127.0.0.1',
    port: 0,
    workspace: '/tmp',
    handler,
    meter: { add: (b, n) => ((bytes += b), (messages += n)) },
  });
  cleanup.push(() => server.close());
  return { server, wire: () => ({ bytes, messages }) };
}
function connect(server: ProtocolServer | { url: string }): PeerConnection {
  const c = jsonProtocol.connect({ id: 'a-0', url: server.url }, { self: 'client' });
  cleanup.push(() => c.close());
  return c;
}
async function rawServer(onRequest: http.RequestListener): Promise<string> {
  const s = http.createServer(onRequest);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise((r) => (s.closeAllConnections(), s.close(r))));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('json protocol', () => {
  it('round-trips a message and answers /health with the id', async () => {
    const { server, wire } = await serve();
    const c = connect(server);
    expect(await c.send(msg, 2000)).toEqual({ ok: true, content: 'got hi from client' });
    expect(await c.ping(2000)).toBe(true);
    const agent = keepAliveAgent();
    cleanup.push(() => agent.destroy());
    const health = await requestJson(agent, `${server.url}/health`, { timeoutMs: 2000 });
    expect(health).toMatchObject({ status: 200, body: { ok: true, id: 'a-0' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(wire().messages).toBe(3);
    expect(wire().bytes).toBeGreaterThan(200);
  });

  it('turns a handler error into an error reply, and bad JSON into 400', async () => {
    const { server } = await serve(async () => {
      throw new Error('tool broke');
    });
    expect(await connect(server).send(msg, 2000)).toEqual({ ok: false, error: 'tool broke' });
    const agent = keepAliveAgent();
    cleanup.push(() => agent.destroy());
    const bad = await requestJson(agent, `${server.url}/message`, {
      method: 'POST',
      body: '{not json',
      timeoutMs: 2000,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ ok: false, error: 'body is not JSON' });
    const missing = await requestJson(agent, `${server.url}/message`, {
      method: 'POST',
      body: { id: 'x' },
      timeoutMs: 2000,
    });
    expect(missing.status).toBe(400);
  });

  it('rejects failed sends with the transport code', async () => {
    const { server } = await serve();
    const url = server.url;
    await server.close();
    await expect(connect({ url }).send(msg, 2000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(connect({ url }).ping(2000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const silent = await rawServer(() => {});
    await expect(connect({ url: silent }).ping(100)).rejects.toMatchObject({ code: 'ETIMEDOUT' });

    const failing = await rawServer((_req, res) => res.writeHead(503).end('busy'));
    const err = await connect({ url: failing })
      .send(msg, 2000)
      .catch((e) => e);
    expect(errorCode(err)).toBe('HTTP_503');

    const reset = await rawServer((req) => req.socket.destroy());
    await expect(connect({ url: reset }).send(msg, 2000)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('ready() waits for /health and gives up at the deadline', async () => {
    const { server } = await serve();
    expect(await jsonProtocol.ready(server.url, 2000)).toBe(true);
    const url = server.url;
    await server.close();
    expect(await jsonProtocol.ready(url, 100)).toBe(false);
  });
});
