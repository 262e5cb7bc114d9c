/** The ACP server's bounds: every wait ends (tool deadline, await deadline), and the session store forgets. */
import { afterEach, describe, expect, it } from 'vitest';
import { serveAcp } from '../../../../src/protocols/acp/server.js';
import { SessionStore } from '../../../../src/protocols/acp/sessions.js';
import { RunStore, type RunRecord } from '../../../../src/protocols/acp/runs.js';
import { AWAIT_PART_TYPE } from '../../../../src/protocols/acp/codec.js';
import type { ProtocolServer } from '../../../../src/protocols/types.js';
import { call, input } from './http.js';

const open: ProtocolServer[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function serve(limits: { runTimeoutMs?: number; awaitTimeoutMs?: number }): Promise<ProtocolServer> {
  // a tool that never answers: only the server's own deadlines can end its runs
  const server = await serveAcp(
    { id: 'echo', host: '127.0.0.1', port: 0, workspace: '/tmp', handler: () => new Promise(() => {}) },
    limits,
  );
  open.push(server);
  return server;
}

describe('acp server deadlines', () => {
  it('fails a run whose tool does not answer in time, ending the sync request and the stream', async () => {
    const server = await serve({ runTimeoutMs: 100 });
    const sync = await call(server.url, 'POST', '/runs', { agent_name: 'echo', input: input('x') });
    expect(sync.json).toMatchObject({
      status: 'failed',
      error: { code: 'server_error', message: 'no answer from the agent within 100 ms' },
    });
    const stream = await call(server.url, 'POST', '/runs', { agent_name: 'echo', input: input('x'), mode: 'stream' });
    expect(stream.events!.map((e) => e.type)).toEqual(['run.created', 'run.in-progress', 'run.failed']);
  });

  it('fails an awaiting run nobody resumes in time', async () => {
    const server = await serve({ awaitTimeoutMs: 100 });
    const asked = await call(server.url, 'POST', '/runs', {
      agent_name: 'echo',
      input: input('x', { content_type: AWAIT_PART_TYPE }),
    });
    expect(asked.json.status).toBe('awaiting');
    await new Promise((r) => setTimeout(r, 250));
    const run = await call(server.url, 'GET', `/runs/${asked.runId}`);
    expect(run.json).toMatchObject({
      status: 'failed',
      await_request: null,
      error: { message: 'no resume within 100 ms' },
    });
  });
});

describe('acp session store', () => {
  it('keeps the most recent sessions and runs per session; history skips runs the run store forgot', () => {
    const runs = new RunStore({ maxRuns: 2, maxBytes: 1e9 });
    const sessions = new SessionStore({ maxSessions: 2, maxRunsPerSession: 2 });
    const add = (session: string, id: string) => {
      runs.add({ run: { run_id: id, output: [{}] }, input: [{}], bytes: 1 } as unknown as RunRecord);
      sessions.addRun(session, id);
    };
    add('s1', 'a');
    add('s1', 'b');
    add('s1', 'c');
    expect(sessions.get('s1', runs, 'http://h')?.history).toEqual([
      'http://h/resources/b-in-0',
      'http://h/resources/b-out-0',
      'http://h/resources/c-in-0',
      'http://h/resources/c-out-0',
    ]);
    add('s2', 'd');
    expect(sessions.get('s1', runs, '')?.history).toEqual(['/resources/c-in-0', '/resources/c-out-0']);
    add('s3', 'e');
    expect([sessions.get('s1', runs, ''), sessions.size]).toEqual([undefined, 2]);
  });
});
