/** The acp protocol: storm's ACP client against storm's ACP server, and the REST shapes on the wire. */
import { afterEach, describe, expect, it } from 'vitest';
import { acpProtocol } from '../../../src/protocols/acp/index.js';
import { RunStore } from '../../../src/protocols/acp/runs.js';
import type { AcpRun } from '../../../src/protocols/acp/codec.js';
import type { RunRecord } from '../../../src/protocols/acp/runs.js';
import type { AgentMessage, MessageHandler, PeerConnection, ProtocolServer } from '../../../src/protocols/types.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function serve(
  handler: MessageHandler,
  id = 'worker-1',
  meter?: { add(b: number, m: number): void },
): Promise<ProtocolServer> {
  const server = await acpProtocol.serve({ id, host: '127.0.0.1', port: 0, workspace: '/tmp', handler, meter });
  open.push(server);
  return server;
}

function connect(url: string, id = 'worker-1'): PeerConnection {
  const conn = acpProtocol.connect({ id, url }, { self: 'client' });
  open.push(conn);
  return conn;
}

async function http(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json() };
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

describe('acp storm client and server', () => {
  it('carries every AgentMessage field to the handler', async () => {
    const seen: AgentMessage[] = [];
    const server = await serve(async (m) => (seen.push(m), { ok: true, content: 'fine' }));
    expect(await connect(server.url).send(msg, 5000)).toEqual({ ok: true, content: 'fine' });
    expect(seen).toEqual([msg]);
  });

  it('maps an error reply and a throwing handler to failed runs → ok:false', async () => {
    const server = await serve(async (m) => {
      if (m.content === 'throw') throw new Error('tool crashed');
      return { ok: false, error: 'flaky' };
    });
    const conn = connect(server.url);
    expect(await conn.send(msg, 5000)).toEqual({ ok: false, error: 'flaky' });
    expect(await conn.send({ ...msg, content: 'throw' }, 5000)).toEqual({ ok: false, error: 'tool crashed' });
  });

  it('finds the agent by listing /agents when the peer names it differently', async () => {
    const server = await serve(echo, 'their-echo-agent');
    const conn = connect(server.url, 'mine-0');
    expect(await conn.send(msg, 5000)).toEqual({ ok: true, content: 'echo:who?' });
    expect(await conn.send(msg, 5000)).toEqual({ ok: true, content: 'echo:who?' });
  });

  it('pings with GET /ping and rejects with ECONNREFUSED when nobody listens', async () => {
    let requests = 0;
    const server = await serve(echo, 'worker-1', { add: (_b, m) => (requests += m) });
    expect(await connect(server.url).ping(2000)).toBe(true);
    expect(requests).toBe(1);
    await server.close();
    await expect(connect(server.url).ping(2000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('times out a send with ETIMEDOUT', async () => {
    let release: () => void = () => {};
    const server = await serve(() => new Promise((r) => (release = () => r({ ok: true, content: 'late' }))));
    await expect(connect(server.url).send(msg, 300)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    release();
  });

  it('ready() is true for a live agent and false when nothing listens', async () => {
    const server = await serve(echo);
    expect(await acpProtocol.ready(server.url, 2000)).toBe(true);
    await server.close();
    expect(await acpProtocol.ready(server.url, 200)).toBe(false);
  });
});

describe('acp REST shapes', () => {
  it('serves the manifest, keeps runs for GET /runs/{id}, and answers unknown names with not_found', async () => {
    const server = await serve(echo);
    expect((await http(`${server.url}/agents`)).body.agents.map((a: { name: string }) => a.name)).toEqual(['worker-1']);
    expect((await http(`${server.url}/agents/worker-1`)).body).toMatchObject({
      name: 'worker-1',
      input_content_types: expect.any(Array),
    });
    expect(await http(`${server.url}/agents/nobody`)).toEqual({
      status: 404,
      body: { code: 'not_found', message: 'Agent nobody not found' },
    });
    const post = (body: unknown) =>
      http(`${server.url}/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const input = [{ role: 'user', parts: [{ content_type: 'text/plain', content: 'x' }] }];
    const run = (await post({ agent_name: 'worker-1', input, mode: 'sync' })).body as AcpRun;
    expect(run).toMatchObject({ agent_name: 'worker-1', status: 'completed', error: null });
    expect(run.output[0]?.parts[0]).toEqual({
      content_type: 'text/plain',
      content: 'echo:x',
      content_encoding: 'plain',
    });
    expect(run).not.toHaveProperty('session_id');
    expect((await http(`${server.url}/runs/${run.run_id}`)).body).toEqual(run);
    expect((await http(`${server.url}/runs/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await post({ agent_name: 'nobody', input, mode: 'sync' })).body.code).toBe('not_found');
    expect(await post({ agent_name: 'worker-1', input: 'x' })).toMatchObject({
      status: 422,
      body: { code: 'invalid_input' },
    });
    expect(await post({ agent_name: 'worker-1', input, mode: 'later' })).toMatchObject({
      status: 422,
      body: { code: 'invalid_input', message: expect.stringContaining('mode') },
    });
  });

  it('creates an async run at once and completes it later', async () => {
    let release: () => void = () => {};
    const server = await serve((m) => new Promise((r) => (release = () => r({ ok: true, content: m.content }))));
    const input = [{ role: 'user', parts: [{ content: 'later' }] }];
    const created = await http(`${server.url}/runs`, {
      method: 'POST',
      body: JSON.stringify({ agent_name: 'worker-1', input, mode: 'async' }),
    });
    expect(created).toMatchObject({ status: 202, body: { status: 'created' } });
    release();
    let run: AcpRun | undefined;
    for (let i = 0; i < 100 && run?.status !== 'completed'; i++) {
      run = (await http(`${server.url}/runs/${created.body.run_id}`)).body;
      if (run?.status !== 'completed') await new Promise((r) => setTimeout(r, 10));
    }
    expect(run?.output[0]?.parts[0]?.content).toBe('later');
  });

  it('bounds the run store by count and by bytes, forgetting the oldest runs', () => {
    const record = (id: string, bytes: number) => ({ run: { run_id: id }, bytes }) as RunRecord;
    const byCount = new RunStore({ maxRuns: 2, maxBytes: 1e9 });
    for (const id of ['a', 'b', 'c']) byCount.add(record(id, 1));
    expect([byCount.get('a'), byCount.get('b')?.run.run_id, byCount.get('c')?.run.run_id, byCount.size]).toEqual([
      undefined,
      'b',
      'c',
      2,
    ]);
    const byBytes = new RunStore({ maxRuns: 100, maxBytes: 250 });
    for (const id of ['a', 'b', 'c']) byBytes.add(record(id, 100));
    expect([byBytes.get('a'), byBytes.size, byBytes.keptBytes]).toEqual([undefined, 2, 200]);
    const big = record('d', 100);
    byBytes.add(big);
    byBytes.grow(big, 100);
    byBytes.add(record('e', 10));
    // d's output counts: adding e pushes the total to 310, so c (the oldest) goes and d (200 bytes) stays
    expect([byBytes.get('c'), byBytes.get('d')?.bytes, byBytes.size, byBytes.keptBytes]).toEqual([
      undefined,
      200,
      2,
      210,
    ]);
  });
});
