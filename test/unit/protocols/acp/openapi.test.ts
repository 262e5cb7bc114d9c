/**
 * Every route of storm's ACP server answers as the ACP OpenAPI document says: for each operation in the
 * document, its success and error answers (status, content type, JSON body or each SSE event) validate
 * against the schema the document declares for that status. The document is read at run time from
 * ../shared/interop/acp/openapi.yaml; the test is skipped only when that folder is absent.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAcp } from '../../../../src/protocols/acp/server.js';
import type { MessageHandler, ProtocolServer } from '../../../../src/protocols/types.js';
import { AWAIT_PART_TYPE } from '../../../../src/protocols/acp/codec.js';
import { call, input, type Answer } from './http.js';
import { haveAcpInterop, openapi, responseSchema, schemaErrors } from './openapi.js';

const SESSION = '9e2d5a71-3c4b-4f8a-8b6e-1d0c2f3a4b5c';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe.skipIf(!haveAcpInterop)('acp server against the ACP OpenAPI', () => {
  let server: ProtocolServer;
  let release: () => void = () => {};
  const covered = new Set<string>();

  const handler: MessageHandler = async (m) => {
    if (m.content === 'fail') return { ok: false, error: 'tool failed' };
    if (m.content === 'hold') return new Promise((r) => (release = () => r({ ok: true, content: 'late' })));
    return { ok: true, content: m.content };
  };
  beforeAll(async () => {
    server = await serveAcp({ id: 'echo', host: '127.0.0.1', port: 0, workspace: '/tmp', handler });
  });
  afterAll(async () => {
    release();
    await server.close();
  });

  /** Call `path`, and check the answer against what the document declares for `route` and its status. */
  async function conforms(
    method: string,
    route: string,
    path: string,
    status: number,
    body?: unknown,
  ): Promise<Answer> {
    const answer = await call(server.url, method, path, body);
    expect(answer.status, answer.text).toBe(status);
    covered.add(`${method} ${route}`);
    const sse = answer.events !== undefined;
    const name = responseSchema(method, route, status, sse);
    if (sse) {
      expect(answer.contentType).toBe('text/event-stream');
      expect(answer.events!.length).toBeGreaterThan(0);
      for (const event of answer.events!) expect(schemaErrors(name, event), JSON.stringify(event)).toBe('');
    } else {
      expect(answer.contentType).toBe('application/json');
      if (name === '__inline__') expect(typeof answer.json).toBe('object');
      else expect(schemaErrors(name, answer.json), answer.text).toBe('');
    }
    return answer;
  }

  const run = (text: string, mode: string, extra: Record<string, unknown> = {}) => ({
    agent_name: 'echo',
    input: input(text),
    mode,
    ...extra,
  });
  const awaiting = async (): Promise<string> => {
    const a = await conforms('POST', '/runs', '/runs', 200, {
      agent_name: 'echo',
      input: input('go', { content_type: AWAIT_PART_TYPE, content: 'sure?' }),
      mode: 'stream',
    });
    expect(a.events!.at(-1).type).toBe('run.awaiting');
    return a.events![0].run.run_id;
  };
  const yes = { type: 'message', message: { role: 'user', parts: [{ content_type: 'text/plain', content: 'yes' }] } };

  it('discovery: ping, agents (with paging), one agent, unknown agent', async () => {
    await conforms('GET', '/ping', '/ping', 200);
    expect((await conforms('GET', '/agents', '/agents', 200)).json.agents).toHaveLength(1);
    expect((await conforms('GET', '/agents', '/agents?offset=1', 200)).json.agents).toEqual([]);
    await conforms('GET', '/agents', '/agents?limit=0', 422);
    await conforms('GET', '/agents/{name}', '/agents/echo', 200);
    await conforms('GET', '/agents/{name}', '/agents/nobody', 404);
  });

  it('POST /runs in every mode, and its errors', async () => {
    const sync = await conforms('POST', '/runs', '/runs', 200, run('hi', 'sync'));
    expect([sync.json.status, sync.runId]).toEqual(['completed', sync.json.run_id]);
    expect((await conforms('POST', '/runs', '/runs', 200, run('fail', 'sync'))).json.status).toBe('failed');
    expect(
      (await conforms('POST', '/runs', '/runs', 200, run('hi', 'sync', { session_id: SESSION }))).json.session_id,
    ).toBe(SESSION);
    expect((await conforms('POST', '/runs', '/runs', 202, run('hi', 'async'))).json.status).toBe('created');
    const stream = await conforms('POST', '/runs', '/runs', 200, run('hi', 'stream'));
    expect(stream.events!.map((e) => e.type)).toEqual([
      'run.created',
      'run.in-progress',
      'message.created',
      'message.part',
      'message.completed',
      'run.completed',
    ]);
    expect(stream.runId).toBe(stream.events![0].run.run_id);
    expect((await conforms('POST', '/runs', '/runs', 200, run('fail', 'stream'))).events!.at(-1).type).toBe(
      'run.failed',
    );
    await conforms('POST', '/runs', '/runs', 404, run('hi', 'sync', { agent_name: 'nobody' }));
    await conforms('POST', '/runs', '/runs', 422, run('hi', 'sideways'));
    await conforms('POST', '/runs', '/runs', 422, { agent_name: 'echo', input: [] });
    await conforms('POST', '/runs', '/runs', 422, {
      agent_name: 'echo',
      input: [{ role: 'user', parts: [{ content: 1 }] }],
    });
    await conforms('POST', '/runs', '/runs', 422, run('hi', 'sync', { session_id: 'not-a-uuid' }));
    await conforms('POST', '/runs', '/runs', 422, '{"agent_name": ');
    await conforms('POST', '/runs', '/runs', 422, '[1, 2]');
    const mismatch = await conforms(
      'POST',
      '/runs',
      '/runs',
      400,
      run('hi', 'sync', { session_id: SESSION, session: { id: UNKNOWN, history: [] } }),
    );
    expect(mismatch.json).toEqual({ code: 'invalid_input', message: 'Session ID mismatch' });
  });

  it('GET /runs/{id} and its events, for every mode and for unknown runs', async () => {
    for (const mode of ['sync', 'async', 'stream']) {
      const created = await call(server.url, 'POST', '/runs', run('hi', mode));
      const id = created.runId!;
      await new Promise((r) => setTimeout(r, 20));
      expect((await conforms('GET', '/runs/{run_id}', `/runs/${id}`, 200)).json.status).toBe('completed');
      const events = await conforms('GET', '/runs/{run_id}/events', `/runs/${id}/events`, 200);
      expect(events.json.events.map((e: { type: string }) => e.type).at(-1)).toBe('run.completed');
    }
    await conforms('GET', '/runs/{run_id}', `/runs/${UNKNOWN}`, 404);
    await conforms('GET', '/runs/{run_id}/events', `/runs/${UNKNOWN}/events`, 404);
  });

  it('cancel: an in-progress run, a finished run, an unknown run', async () => {
    const held = await call(server.url, 'POST', '/runs', run('hold', 'async'));
    const cancelling = await conforms('POST', '/runs/{run_id}/cancel', `/runs/${held.runId}/cancel`, 202);
    expect(cancelling.json.status).toBe('cancelling');
    expect((await conforms('GET', '/runs/{run_id}', `/runs/${held.runId}`, 200)).json.status).toBe('cancelled');
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect((await call(server.url, 'GET', `/runs/${held.runId}`)).json.status).toBe('cancelled');
    const done = await call(server.url, 'POST', '/runs', run('hi', 'sync'));
    await conforms('POST', '/runs/{run_id}/cancel', `/runs/${done.runId}/cancel`, 403);
    await conforms('POST', '/runs/{run_id}/cancel', `/runs/${UNKNOWN}/cancel`, 404);
  });

  it('resume: stream, sync and async resumes of awaiting runs; errors', async () => {
    const a = await awaiting();
    expect((await conforms('GET', '/runs/{run_id}', `/runs/${a}`, 200)).json.await_request).toMatchObject({
      type: 'message',
    });
    const streamed = await conforms('POST', '/runs/{run_id}', `/runs/${a}`, 200, { await_resume: yes, mode: 'stream' });
    expect(streamed.events!.map((e) => e.type)).toEqual([
      'run.in-progress',
      'message.created',
      'message.part',
      'message.completed',
      'run.completed',
    ]);
    expect(
      (await conforms('POST', '/runs/{run_id}', `/runs/${await awaiting()}`, 200, { await_resume: yes, mode: 'sync' }))
        .json.status,
    ).toBe('completed');
    const b = await awaiting();
    expect(
      (await conforms('POST', '/runs/{run_id}', `/runs/${b}`, 202, { run_id: b, await_resume: yes, mode: 'async' }))
        .json.status,
    ).toBe('in-progress');
    await conforms('POST', '/runs/{run_id}', `/runs/${a}`, 403, { await_resume: yes, mode: 'sync' });
    await conforms('POST', '/runs/{run_id}', `/runs/${await awaiting()}`, 403, {
      await_resume: { type: 'form' },
      mode: 'sync',
    });
    await conforms('POST', '/runs/{run_id}', `/runs/${await awaiting()}`, 422, { await_resume: 'yes', mode: 'sync' });
    await conforms('POST', '/runs/{run_id}', `/runs/${a}`, 400, { run_id: UNKNOWN, await_resume: yes, mode: 'sync' });
    await conforms('POST', '/runs/{run_id}', `/runs/${UNKNOWN}`, 404, { await_resume: yes, mode: 'sync' });
  });

  it('sessions, at the OpenAPI path and the reference server path', async () => {
    const id = randomUUID();
    await call(server.url, 'POST', '/runs', run('one', 'sync', { session_id: id }));
    const session = await conforms('GET', '/session/{session_id}', `/session/${id}`, 200);
    expect([session.json.id, session.json.history.length]).toEqual([id, 2]);
    const plural = await call(server.url, 'GET', `/sessions/${id}`);
    expect([plural.status, schemaErrors('Session', plural.json), plural.json]).toEqual([200, '', session.json]);
    for (const [i, url] of session.json.history.entries()) {
      const message = await call(server.url, 'GET', new URL(url).pathname);
      expect([
        message.status,
        schemaErrors('Message', message.json),
        message.json.role,
        message.json.parts[0].content,
      ]).toEqual([200, '', i === 0 ? 'user' : 'agent/echo', 'one']);
    }
    await conforms('GET', '/session/{session_id}', `/session/${UNKNOWN}`, 404);
  });

  it('answers an unknown route with the ACP Error shape', async () => {
    const answer = await call(server.url, 'DELETE', '/runs');
    expect([answer.status, schemaErrors('Error', answer.json)]).toEqual([404, '']);
    expect((await call(server.url, 'GET', '/agents/%E0%A4%A')).status).toBe(400);
  });

  it('covered every operation of the document', () => {
    const operations = Object.entries(openapi().paths as Record<string, Record<string, unknown>>).flatMap(
      ([route, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${route}`),
    );
    expect([...covered].sort()).toEqual(operations.sort());
  });
});
