/**
 * A storm A2A agent serves v1.0 and v0.3 at once: the card by the request's A2A-Version header, the
 * JSON-RPC methods of both versions on one endpoint, and real streams in both. Every v0.3 answer is
 * validated against the published v0.3 JSON Schema; v1.0 answers round-trip through the SDK's
 * generated ProtoJSON codecs (no v1.0 JSON Schema is published).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AgentCard, SendMessageResponse, StreamResponse } from '@a2a-js/sdk';
import { a2aProtocol } from '../../../../src/protocols/a2a/index.js';
import { buildAgentCard } from '../../../../src/protocols/a2a/card.js';
import type { MessageHandler, ProtocolServer } from '../../../../src/protocols/types.js';
import { HAVE_V03_SCHEMA, interopExample, v03Errors } from './v03-schema.js';
import { rpc, sseEvents, v03Message, v10Message } from './wire.js';

const open: ProtocolServer[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

const echo: MessageHandler = async (m) =>
  m.content === 'fail' ? { ok: false, error: 'tool failed' } : { ok: true, content: `echo:${m.content}` };

async function serve(): Promise<{ url: string; rpcUrl: string; cardUrl: string }> {
  const server = await a2aProtocol.serve({
    id: 'worker-1',
    host: '127.0.0.1',
    port: 0,
    workspace: '/tmp',
    handler: echo,
  });
  open.push(server);
  return { url: server.url, rpcUrl: `${server.url}/a2a/jsonrpc`, cardUrl: `${server.url}/.well-known/agent-card.json` };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!HAVE_V03_SCHEMA)('storm A2A agent, v0.3 side (validated against the v0.3 JSON Schema)', () => {
  it('answers a card request without A2A-Version with a v0.3 card that also lists the v1.0 interfaces', async () => {
    const { url, cardUrl } = await serve();
    const res = await fetch(cardUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('vary')).toMatch(/A2A-Version/i);
    const card = (await res.json()) as Json;
    expect(v03Errors('AgentCard', card)).toEqual([]);
    expect(card).toMatchObject({
      url: `${url}/a2a/jsonrpc`,
      preferredTransport: 'JSONRPC',
      protocolVersion: '0.3',
      capabilities: { streaming: true },
    });
    // The hybrid shape of ../shared/interop/a2a/examples/hybrid-agent-card.json: v1.0 clients can read it too.
    const hybrid = interopExample<Json>('hybrid-agent-card.json');
    expect(Object.keys(card).filter((k) => !(k in hybrid))).toEqual(['supportsAuthenticatedExtendedCard']);
    expect(card.supportedInterfaces.map((i: Json) => `${i.protocolBinding} ${i.protocolVersion}`)).toEqual([
      'JSONRPC 1.0',
      'HTTP+JSON 1.0',
      'JSONRPC 0.3',
    ]);
  });

  it('answers message/send (no A2A-Version header) with a v0.3 Message', async () => {
    const { rpcUrl } = await serve();
    const body = (await (
      await rpc(rpcUrl, { jsonrpc: '2.0', id: 1, method: 'message/send', params: { message: v03Message('m-1', 'hi') } })
    ).json()) as Json;
    expect(v03Errors('SendMessageSuccessResponse', body)).toEqual([]);
    expect(body.result).toMatchObject({ kind: 'message', role: 'agent', parts: [{ kind: 'text', text: 'echo:hi' }] });
  });

  it('answers an error reply to message/send with a failed v0.3 Task', async () => {
    const { rpcUrl } = await serve();
    const body = (await (
      await rpc(rpcUrl, {
        jsonrpc: '2.0',
        id: 'x',
        method: 'message/send',
        params: { message: v03Message('m-2', 'fail') },
      })
    ).json()) as Json;
    expect(v03Errors('SendMessageSuccessResponse', body)).toEqual([]);
    expect(body.result).toMatchObject({
      kind: 'task',
      status: { state: 'failed', message: { parts: [{ kind: 'text', text: 'tool failed' }] } },
    });
  });

  it('streams message/stream as SSE: task, working, the answer as an artifact, then completed with final: true', async () => {
    const { rpcUrl } = await serve();
    const res = await rpc(
      rpcUrl,
      { jsonrpc: '2.0', id: 3, method: 'message/stream', params: { message: v03Message('m-3', 'stream me') } },
      undefined,
      'text/event-stream',
    );
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sseEvents(await res.text()) as Json[];
    for (const e of events) expect(v03Errors('SendStreamingMessageSuccessResponse', e)).toEqual([]);
    const results = events.map((e) => e.result);
    expect(results.map((r) => `${r.kind}${r.status ? ` ${r.status.state}` : ''}`)).toEqual([
      'task submitted',
      'status-update working',
      'artifact-update',
      'status-update completed',
    ]);
    expect(results.map((r) => r.final)).toEqual([undefined, false, undefined, true]);
    expect(results[2].artifact.parts).toEqual([{ kind: 'text', text: 'echo:stream me' }]);
  });

  it('streams an error reply as a failed final status carrying the error text', async () => {
    const { rpcUrl } = await serve();
    const res = await rpc(rpcUrl, {
      jsonrpc: '2.0',
      id: 4,
      method: 'message/stream',
      params: { message: v03Message('m-4', 'fail') },
    });
    const results = (sseEvents(await res.text()) as Json[]).map((e) => e.result);
    expect(results.at(-1)).toMatchObject({
      kind: 'status-update',
      final: true,
      status: { state: 'failed', message: { parts: [{ kind: 'text', text: 'tool failed' }] } },
    });
    expect(results.filter((r) => r.kind === 'artifact-update')).toEqual([]);
  });

  it('matches the shapes of the shared v0.3 example exchange (same keys on every event)', async () => {
    const { rpcUrl } = await serve();
    const example = interopExample<{ exchanges: Json[] }>('v0.3-exchanges.json').exchanges.find(
      (x) => x.case === 'v03-stream-message',
    )!;
    const res = await rpc(rpcUrl, example.request.json, undefined, 'text/event-stream');
    const ours = (sseEvents(await res.text()) as Json[]).map((e) => e.result);
    const theirs = (example.response.events as Json[]).map((e) => e.result);
    expect(ours.map((r) => r.kind)).toEqual(theirs.map((r) => r.kind));
  });
});

describe('storm A2A agent, v1.0 side', () => {
  it('answers a card request with A2A-Version: 1.0 with the pure v1.0 card (no v0.3-only fields)', async () => {
    const { url, cardUrl } = await serve();
    const raw = (await (await fetch(cardUrl, { headers: { 'A2A-Version': '1.0' } })).json()) as Json;
    expect(raw).not.toHaveProperty('url');
    expect(raw).not.toHaveProperty('protocolVersion');
    // REQUIRED in a2a.proto (v1.0): AgentCard's and each AgentInterface's.
    for (const key of [
      'name',
      'description',
      'supportedInterfaces',
      'version',
      'capabilities',
      'defaultInputModes',
      'defaultOutputModes',
      'skills',
    ])
      expect(raw).toHaveProperty(key);
    for (const i of raw.supportedInterfaces)
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['url', 'protocolBinding', 'protocolVersion']));
    // The wire decodes (ProtoJSON, the SDK's generated codec) back to the card storm built.
    expect(AgentCard.fromJSON(raw)).toEqual(buildAgentCard('worker-1', url));
    expect(raw.capabilities.streaming).toBe(true);
  });

  it('answers SendMessage with A2A-Version: 1.0 with a v1.0 message', async () => {
    const { rpcUrl } = await serve();
    const body = (await (
      await rpc(
        rpcUrl,
        { jsonrpc: '2.0', id: 1, method: 'SendMessage', params: { message: v10Message('n-1', 'hi') } },
        '1.0',
      )
    ).json()) as Json;
    expect(SendMessageResponse.toJSON(SendMessageResponse.fromJSON(body.result))).toEqual(body.result);
    expect(body.result.message).toMatchObject({ role: 'ROLE_AGENT', parts: [{ text: 'echo:hi' }] });
  });

  it('streams SendStreamingMessage: task, working, artifact, completed (no `final` in v1.0)', async () => {
    const { rpcUrl } = await serve();
    const res = await rpc(
      rpcUrl,
      { jsonrpc: '2.0', id: 2, method: 'SendStreamingMessage', params: { message: v10Message('n-2', 'stream me') } },
      '1.0',
      'text/event-stream',
    );
    const results = (sseEvents(await res.text()) as Json[]).map((e) => e.result);
    for (const r of results) expect(StreamResponse.toJSON(StreamResponse.fromJSON(r))).toEqual(r);
    expect(results.map((r) => Object.keys(r)[0])).toEqual(['task', 'statusUpdate', 'artifactUpdate', 'statusUpdate']);
    expect(results.map((r) => (r.task ?? r.statusUpdate)?.status?.state)).toEqual([
      'TASK_STATE_SUBMITTED',
      'TASK_STATE_WORKING',
      undefined,
      'TASK_STATE_COMPLETED',
    ]);
    expect(results[2].artifactUpdate.artifact.parts).toEqual([{ text: 'echo:stream me', mediaType: 'text/plain' }]);
  });

  it('keeps the version rules: a v1.0 method without the header is unknown (-32601), an unknown version is -32009', async () => {
    const { rpcUrl } = await serve();
    const noHeader = (await (
      await rpc(rpcUrl, { jsonrpc: '2.0', id: 5, method: 'SendMessage', params: { message: v10Message('n-5', 'hi') } })
    ).json()) as Json;
    expect(noHeader.error.code).toBe(-32601);
    const unknown = (await (
      await rpc(
        rpcUrl,
        { jsonrpc: '2.0', id: 6, method: 'SendMessage', params: { message: v10Message('n-6', 'hi') } },
        '0.5',
      )
    ).json()) as Json;
    expect(unknown.error.code).toBe(-32009);
  });
});
