/**
 * ACP interop: the public `acp-sdk` client (IBM's TypeScript client of the ACP REST API) against
 * storm's ACP server — in-process for the run shapes, and a real `storm agent --protocol acp`.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { acpProtocol } from '../../src/protocols/acp/index.js';
import type { MessageHandler, ProtocolServer } from '../../src/protocols/types.js';
import { CLI, killAll, startReady } from './interop-process.js';

// acp-sdk 1.0.3's ESM build imports its package.json without a JSON import attribute, which Node 20
// refuses; its CommonJS build is the same client and loads fine.
const { Client } = createRequire(import.meta.url)('acp-sdk') as typeof import('acp-sdk');

afterAll(() => killAll());
const servers: ProtocolServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(handler: MessageHandler): Promise<ProtocolServer> {
  const server = await acpProtocol.serve({ id: 'worker-3', host: '127.0.0.1', port: 0, workspace: '/tmp', handler });
  servers.push(server);
  return server;
}

describe('acp interop with the acp-sdk client', () => {
  it('pings, lists and reads the agent, and runs it synchronously', async () => {
    const server = await serve(async (m) => ({ ok: true, content: `answer to ${m.content} (from ${m.from})` }));
    const client = new Client({ baseUrl: server.url });
    await client.ping();
    expect((await client.agents()).map((a) => a.name)).toEqual(['worker-3']);
    expect(await client.agent('worker-3')).toMatchObject({ name: 'worker-3', output_content_types: ['text/plain'] });
    const run = await client.runSync('worker-3', 'what is up');
    expect(run.status).toBe('completed');
    expect(run.output[0]?.parts[0]?.content).toBe('answer to what is up (from acp-client)');
    expect((await client.runStatus(run.run_id)).status).toBe('completed');
  });

  it('sees an error reply as a failed run, and unknown agents/runs as ACP not_found errors', async () => {
    const server = await serve(async () => ({ ok: false, error: 'tool failed' }));
    const client = new Client({ baseUrl: server.url });
    const run = await client.runSync('worker-3', 'x');
    expect(run).toMatchObject({ status: 'failed', error: { code: 'server_error', message: 'tool failed' } });
    await expect(client.agent('nobody')).rejects.toMatchObject({ name: 'ACPError', code: 'not_found' });
    await expect(client.runStatus('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('runs async: the run is created at once and completes', async () => {
    const server = await serve(async (m) => ({ ok: true, content: m.content.toUpperCase() }));
    const client = new Client({ baseUrl: server.url });
    const created = await client.runAsync('worker-3', 'later');
    let run = created;
    for (let i = 0; i < 100 && run.status !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      run = await client.runStatus(created.run_id);
    }
    expect(run.output[0]?.parts[0]?.content).toBe('LATER');
  });

  it('talks to a real `storm agent --protocol acp` process', async () => {
    const { url } = await startReady([CLI, 'agent', '--protocol', 'acp', '--tool', 'echo', '--port', '0', '--id', 'worker-0']);
    const client = new Client({ baseUrl: url });
    await client.ping();
    const run = await client.runSync('worker-0', 'hello over acp');
    expect(run.status).toBe('completed');
    expect(run.output.flatMap((m) => m.parts).map((p) => p.content).join('')).toBe('hello over acp');
  });
});
