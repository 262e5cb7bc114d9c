/**
 * ACP interop: the public `acp-sdk` client (IBM's TypeScript client of the ACP REST API) against storm's
 * ACP server — in-process for the run shapes, and a real `storm agent --protocol acp` process for every
 * run mode, cancel, await/resume and sessions; and the exchanges of ../shared/interop/acp/examples replayed
 * against a real agent process, byte for byte up to ids and timestamps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { acpProtocol } from '../../src/protocols/acp/index.js';
import { serveAcp } from '../../src/protocols/acp/server.js';
import { AWAIT_PART_TYPE, STORM_PART_TYPE } from '../../src/protocols/acp/codec.js';
import type { MessageHandler, ProtocolServer } from '../../src/protocols/types.js';
import { CLI, killAll, startReady } from './interop-process.js';
import { call } from '../unit/protocols/acp/http.js';
import { haveAcpInterop } from '../unit/protocols/acp/openapi.js';
import { loadExchanges, Replayer, type Adjust, type Exchange } from '../unit/protocols/acp/exchanges.js';

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

/** An input message asking storm's agent to await with `question` before it works. */
const awaitingInput = (text: string, question: string) => ({
  role: 'user',
  parts: [
    { content_type: 'text/plain', content: text },
    { content_type: AWAIT_PART_TYPE, content: question },
  ],
});
const answer = (text: string) => ({
  type: 'message',
  message: { role: 'user', parts: [{ content_type: 'text/plain', content: text }] },
});

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of events) out.push(e);
  return out;
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
    await expect(collect(client.runStream('nobody', 'x'))).rejects.toMatchObject({
      name: 'ACPError',
      code: 'not_found',
    });
  });
});

describe('acp-sdk against a real `storm agent --protocol acp` process', () => {
  let client: InstanceType<typeof Client>;
  let url: string;
  beforeAll(async () => {
    ({ url } = await startReady([
      CLI,
      'agent',
      '--protocol',
      'acp',
      '--tool',
      'echo',
      '--port',
      '0',
      '--id',
      'worker-0',
    ]));
    client = new Client({ baseUrl: url });
  });

  it('runSync and runAsync', async () => {
    await client.ping();
    const run = await client.runSync('worker-0', 'hello over acp');
    expect(run.status).toBe('completed');
    expect(
      run.output
        .flatMap((m) => m.parts)
        .map((p) => p.content)
        .join(''),
    ).toBe('hello over acp');
    const created = await client.runAsync('worker-0', 'later');
    expect(created.status).toBe('created');
    let status = created;
    for (let i = 0; i < 200 && status.status !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = await client.runStatus(created.run_id);
    }
    expect(status.output[0]?.parts[0]?.content).toBe('later');
  });

  it('runStream yields the run lifecycle and the answer, and runEvents returns the same events', async () => {
    const events = await collect(client.runStream('worker-0', 'streamed'));
    expect(events.map((e) => e.type)).toEqual([
      'run.created',
      'run.in-progress',
      'message.created',
      'message.part',
      'message.completed',
      'run.completed',
    ]);
    const last = events.at(-1) as { run: { run_id: string; output: { parts: { content?: string | null }[] }[] } };
    expect(last.run.output[0]?.parts[0]?.content).toBe('streamed');
    expect((await client.runEvents(last.run.run_id)).map((e) => e.type)).toEqual(events.map((e) => e.type));
  });

  it('await and resume: runResumeStream and runResumeSync; runCancel of an awaiting run', async () => {
    const asked = await collect(client.runStream('worker-0', [awaitingInput('password?', 'Shall I?')]));
    const awaiting = asked.at(-1) as { type: string; run: { run_id: string; await_request: any } };
    expect([awaiting.type, awaiting.run.await_request.message.parts[0].content]).toEqual(['run.awaiting', 'Shall I?']);
    const resumed = await collect(client.runResumeStream(awaiting.run.run_id, answer(' yes') as any));
    expect(resumed.map((e) => e.type)).toEqual([
      'run.in-progress',
      'message.created',
      'message.part',
      'message.completed',
      'run.completed',
    ]);
    expect((resumed.at(-1) as any).run.output[0].parts[0].content).toBe('password? yes');

    const again = (await collect(client.runStream('worker-0', [awaitingInput('a', 'b?')]))).at(-1) as {
      run: { run_id: string };
    };
    expect(await client.runResumeSync(again.run.run_id, answer('!') as any)).toMatchObject({
      status: 'completed',
      output: [{ parts: [{ content: 'a!' }] }],
    });
    await expect(client.runResumeSync(again.run.run_id, answer('!') as any)).rejects.toMatchObject({
      name: 'ACPError',
      code: 'server_error',
    });

    const toCancel = (await collect(client.runStream('worker-0', [awaitingInput('c', 'd?')]))).at(-1) as {
      run: { run_id: string };
    };
    expect((await client.runCancel(toCancel.run.run_id)).status).toBe('cancelling');
    expect((await client.runStatus(toCancel.run.run_id)).status).toBe('cancelled');
    expect((await client.runEvents(toCancel.run.run_id)).map((e) => e.type)).toEqual([
      'run.created',
      'run.in-progress',
      'run.awaiting',
      'run.cancelled',
    ]);
  });

  it('withSession: every run carries the session id, and GET /session lists their messages', async () => {
    const runs = await client.withSession(async (session) => [
      await session.runSync('worker-0', 'one'),
      await session.runSync('worker-0', 'two'),
    ]);
    const sessionId = runs[0]!.session_id!;
    expect(runs.map((r) => r.session_id)).toEqual([sessionId, sessionId]);
    const session = await call(url, 'GET', `/session/${sessionId}`);
    expect([session.status, session.json.history.length]).toEqual([200, 4]);
  });
});

/** Inputs that make storm's echo agent do what the example's agent does, and where its words differ. */
const LOOKUP_PART = { content_type: STORM_PART_TYPE, content: JSON.stringify({ task_id: 't-1', type: 'lookup' }) };
const FAILS = (json: any) => (json.input[0].parts.push(LOOKUP_PART), json);
const FAILURE_TEXT = (t: string) => t.replace('tool failed: upstream timeout', 'unsupported message type \\"lookup\\"');

function askToAwait(x: Exchange): (json: any) => any {
  const question = x.response.events!.at(-1).run.await_request.message.parts[0].content;
  return (json) => (json.input[0].parts.push({ content_type: AWAIT_PART_TYPE, content: question }), json);
}

/** A finished run for an example id the file itself never creates (it stands for "a completed run"). */
const completedRun = (exampleId: string) => async (r: Replayer) => {
  const done = await call(r.base, 'POST', '/runs', {
    agent_name: 'echo',
    input: [{ role: 'user', parts: [{ content: 'done' }] }],
  });
  r.ids.set(exampleId, done.json.run_id);
};
const C001 = '2b4c8f0e-6a1d-4c53-9d2e-7f10a3b5c001';

async function replayAll(base: string, file: string, adjust: Record<string, Adjust>): Promise<void> {
  const exchanges = loadExchanges(file);
  expect(Object.keys(adjust).filter((k) => !exchanges.some((x) => x.case === k))).toEqual([]);
  const replayer = new Replayer(base);
  for (const x of exchanges) await replayer.replay(x, adjust[x.case]);
}

describe.skipIf(!haveAcpInterop)('the ACP interop examples, replayed against storm', () => {
  let base: string;
  beforeAll(async () => {
    ({ url: base } = await startReady([
      CLI,
      'agent',
      '--protocol',
      'acp',
      '--tool',
      'echo',
      '--port',
      '0',
      '--id',
      'echo',
    ]));
  });

  it('stream.json: stream run (completed and failed), its events, the run', async () => {
    await replayAll(base, 'stream', { 'stream-run-failed': { request: FAILS, expected: FAILURE_TEXT } });
  });

  it('resume.json: stream until awaiting, resume by stream and by sync, resume of a run not awaiting', async () => {
    const exchanges = loadExchanges('resume');
    const awaitingCase = exchanges.find((x) => x.case === 'stream-until-awaiting')!;
    const ask = askToAwait(awaitingCase);
    // storm's echo agent answers the input and the resume message, not the example agent's password
    const echoed = (t: string) =>
      t.replaceAll('Your password is: xkcdCorrectHorse', 'Can you generate a password for me?yes');
    await replayAll(base, 'resume', {
      'stream-until-awaiting': { request: ask },
      'resume-stream': { expected: echoed },
      // the example resumes the same run again by sync: storm's run has finished, so a fresh awaiting run stands in
      'resume-sync': { expected: echoed, before: async (r) => void (await r.send(awaitingCase, { request: ask })) },
      'resume-not-awaiting': { before: completedRun(C001) },
    });
  });

  it('sessions.json: runs in a session, the session, a session id mismatch', async () => {
    await replayAll(base, 'sessions', {});
  });

  it('cancel.json: async run cancelled while the agent works; cancel of a finished and of an unknown run', async () => {
    // storm's tools never hang on request, so this one file runs on an in-process agent whose tool holds
    let release = () => {};
    const server = await serveAcp({
      id: 'echo',
      host: '127.0.0.1',
      port: 0,
      workspace: '/tmp',
      handler: async (m) => {
        if (m.content === 'done') return { ok: true, content: m.content };
        return new Promise((r) => (release = () => r({ ok: true, content: 'too late' })));
      },
    });
    servers.push(server);
    try {
      await replayAll(server.url, 'cancel', { 'cancel-terminal': { before: completedRun(C001) } });
    } finally {
      release();
    }
  });
});
