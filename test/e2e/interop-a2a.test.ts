/**
 * A2A interop with real processes: a stock @a2a-js/sdk client talks to `storm agent --protocol a2a`,
 * and storm's a2a client talks to a user's agent built only with the SDK (test/fixtures/byo-a2a).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClientFactory } from '@a2a-js/sdk/client';
import { Role, type Message } from '@a2a-js/sdk';
import { a2aProtocol } from '../../src/protocols/a2a/index.js';
import { CLI, killAll, startReady } from './interop-process.js';
import { runCli, tempOutput } from './run-cli.js';

afterAll(() => killAll());

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer().once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

describe('a2a interop', () => {
  it('a stock SDK client discovers and messages `storm agent --protocol a2a`', async () => {
    const { url } = await startReady([CLI, 'agent', '--protocol', 'a2a', '--tool', 'echo', '--port', '0', '--id', 'worker-0']);
    const client = await new ClientFactory().createFromUrl(url);
    expect((await client.getAgentCard()).name).toBe('worker-0');
    const result = (await client.sendMessage({
      tenant: '',
      message: { messageId: 'stock-1', contextId: '', taskId: '', role: Role.ROLE_USER, parts: [{ content: { $case: 'text', value: 'ping from a stock client' }, metadata: undefined, filename: '', mediaType: 'text/plain' }], metadata: undefined, extensions: [], referenceTaskIds: [] },
      configuration: undefined,
      metadata: undefined,
    })) as Message;
    expect(result.parts[0]?.content).toEqual({ $case: 'text', value: 'ping from a stock client' });
  });

  it("storm's a2a client messages a user's agent built only with the SDK", async () => {
    const port = await freePort();
    await startReady(['test/fixtures/byo-a2a/my-a2a-agent.mjs'], { STORM_PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    expect(await a2aProtocol.ready(url, 5000)).toBe(true);
    const conn = a2aProtocol.connect({ id: 'mine-0', url }, { self: 'client' });
    try {
      const msg = { id: 'm-1', task_id: 't-1', step: 0, from: 'client', type: 'question', content: 'hello', ttl: 4 };
      expect(await conn.send(msg, 5000)).toEqual({ ok: true, content: 'echo: hello' });
      expect(await conn.ping(2000)).toBe(true);
    } finally {
      conn.close();
    }
  });

  it('`storm test` runs, kills and restarts the user\'s A2A agent as a black box', () => {
    const out = tempOutput();
    const r = runCli(['test', 'test/fixtures/byo-a2a', '-o', out, '-r', 'json'], { timeoutMs: 90_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const cells = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).suites[0].cells as { protocol: string; status: string; metrics: { restarts: number; tasks_ok: number } }[];
    const a2a = cells.find((c) => c.protocol === 'a2a');
    expect(a2a?.status).toBe('passed');
    expect(a2a?.metrics.restarts).toBe(1);
    expect(a2a?.metrics.tasks_ok).toBeGreaterThan(0);
    // The agent speaks one protocol: the scenario's other protocols are skipped, not run.
    expect(cells.filter((c) => c.protocol !== 'a2a').every((c) => c.status === 'skipped')).toBe(true);
  });
});
