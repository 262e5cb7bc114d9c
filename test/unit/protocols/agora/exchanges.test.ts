// The standard's example exchanges X1–X16 (agora-vectors.json), each posted to a storm Agora server
// and its answer checked against what the vector says the standard requires. Every case must have a
// runner below: a new vector without one fails the suite instead of being skipped.
import { describe, expect, it } from 'vitest';
import { requestJson, type HttpResult } from '../../../../src/protocols/http-client.js';
import { decodeDataUri } from '../../../../src/protocols/agora/data-uri.js';
import { sha1Hex } from '../../../../src/protocols/agora/hash.js';
import { serveAgora, type AgoraServer, type AgoraServerTuning } from '../../../../src/protocols/agora/server.js';
import type { AgentMessage, MessageHandler } from '../../../../src/protocols/types.js';
import { closeAfterTest } from '../server-helpers.js';
import { have, loadVectors, type Exchange } from './interop-vectors.js';
import { weatherRoutine } from './weather-routine.js';
import { stormRoutine } from '../../../../src/protocols/agora/routines.js';

type Server = AgoraServer & { received: AgentMessage[] };

async function server(tuning: AgoraServerTuning = {}): Promise<Server> {
  const received: AgentMessage[] = [];
  const handler: MessageHandler = async (m) => (received.push(m), { ok: true, content: `echo:${m.content}` });
  const s = await serveAgora({ id: 'x', host: '127.0.0.1', port: 0, workspace: '/tmp', handler }, tuning);
  closeAfterTest(s);
  return Object.assign(s, { received });
}

const weatherServer = (): Promise<Server> => server({ routines: [stormRoutine, weatherRoutine] });

/** Send the vector's request (or `json` in its place, or to `path`). */
function send(s: Server, x: Exchange, over: { path?: string; json?: unknown } = {}): Promise<HttpResult> {
  const body = over.json ?? x.request.json ?? x.request.raw_body;
  return requestJson(undefined, `${s.url}${over.path ?? x.request.path}`, {
    method: x.request.method,
    body,
    timeoutMs: 3000,
  });
}

/** A body as JSON whether it came as an object or as a string holding JSON (§6.2 allows both). */
function asJson(body: unknown): unknown {
  return typeof body === 'string' ? JSON.parse(body) : body;
}

/** The checks every answer gets: HTTP status, Agora status, error iff failure, body iff success, field types. */
function expectShape(res: HttpResult, x: Exchange): Record<string, unknown> {
  expect(res.status).toBe(x.response.status);
  const want = x.response.json;
  if (!want) return {};
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const got = res.body as Record<string, unknown>;
  if ('status' in want) {
    expect(got.status).toBe(want.status);
    if (want.status === 'failure') {
      expect(Object.keys(got).sort()).toEqual(['error', 'status']);
      expect(typeof got.error).toBe('string');
    } else {
      expect(typeof got.body === 'string' || (typeof got.body === 'object' && got.body !== null)).toBe(true);
      // Natural-language answers are text; a JSON answer may come as an object or as a string holding it.
      if (typeof want.body === 'string' && !want.body.startsWith('{')) expect(typeof got.body).toBe('string');
      expect('conversationId' in got).toBe('conversationId' in want);
      expect('conversationExpires' in got).toBe('conversationExpires' in want);
      if ('conversationId' in want) expect(got.conversationId).toMatch(/^[0-9a-f-]{36}$/);
      if ('conversationExpires' in want) expect(Number.isSafeInteger(got.conversationExpires)).toBe(true);
    }
  }
  return got;
}

const runners: Record<string, (x: Exchange, all: Map<string, Exchange>) => Promise<void>> = {
  'X1-nl-single-round': async (x) => {
    const s = await server();
    expectShape(await send(s, x), x);
    expect(s.received.map((m) => m.content)).toEqual(['What is the weather tomorrow in London?']);
  },
  'X2-nl-reference-sender-shape': async (x) => {
    const s = await server();
    const got = expectShape(await send(s, x), x);
    expect(got.body).toBe('echo:What is the weather tomorrow in London?');
  },
  'X3-multiround-follow-up': async (x, all) => {
    const s = await server();
    const opened = (await send(s, all.get('X2-nl-reference-sender-shape')!)).body as {
      conversationId: string;
      conversationExpires: number;
    };
    const got = expectShape(await send(s, x, { path: `/conversations/${opened.conversationId}` }), x);
    expect(got.body).toBe('echo:And the day after?');
    expect(got.conversationExpires).toBeGreaterThanOrEqual(opened.conversationExpires);
    // the reference sender repeats protocolHash null on follow-ups: still the same conversation
    const again = await send(s, x, {
      path: `/conversations/${opened.conversationId}`,
      json: { protocolHash: null, body: 'Thanks! And the week after?' },
    });
    expect(again.body).toMatchObject({ status: 'success', body: 'echo:And the week after?' });
  },
  'X4-unknown-conversation': async (x) => {
    const s = await server();
    expectShape(await send(s, x), x);
    expect(s.received).toHaveLength(0);
  },
  'X5-expired-conversation': async (x, all) => {
    let now = 1_796_126_400_000;
    const s = await server({ now: () => now, conversationTtlMs: 60_000 });
    const opened = (await send(s, all.get('X2-nl-reference-sender-shape')!)).body as {
      conversationId: string;
      conversationExpires: number;
    };
    expect(opened.conversationExpires).toBe((now + 60_000) / 1000);
    now = opened.conversationExpires * 1000 - 1;
    expect((await send(s, x, { path: `/conversations/${opened.conversationId}` })).body).toMatchObject({
      status: 'success',
    });
    now = opened.conversationExpires * 1000 + 60_000; // the follow-up extended it by a minute
    const got = expectShape(await send(s, x, { path: `/conversations/${opened.conversationId}` }), x);
    expect(got.error).toBe('Conversation expired');
    expect(s.received).toHaveLength(2);
  },
  'X6-protocol-request-supported': async (x) => {
    const s = await weatherServer();
    const got = expectShape(await send(s, x), x);
    expect(asJson(got.body)).toEqual(asJson(x.response.json!.body));
    expect(s.cache).toMatchObject({ fetches: 0, decodes: 1 }); // the data: source came first: no network
    // the reference library's sender: base64 SHA-1 of the same document, on a receiver that has not seen it
    const ref = x.reference_library_0_2_0!.sender_request!.protocolHash as string;
    const s2 = await weatherServer();
    const viaRef = expectShape(await send(s2, x, { json: { ...x.request.json, protocolHash: ref } }), x);
    expect(asJson(viaRef.body)).toEqual(asJson(x.response.json!.body));
  },
  'X7-unsupported-protocol': async (x) => {
    const s = await server();
    const res = await send(s, x);
    expectShape(res, x);
    expect(res.body).toEqual(x.response.json); // exactly this JSON (§8.3)
    expect(s.received).toHaveLength(0);
  },
  'X8-nl-fallback-after-rejection': async (x) => {
    const s = await server();
    expectShape(await send(s, x), x);
    expect(s.received[0]).toMatchObject({ type: 'question', content: x.request.json!.body, step: 0 });
  },
  'X9-protocol-level-error': async (x, all) => {
    const s = await weatherServer();
    await send(s, all.get('X6-protocol-request-supported')!); // precondition: the receiver supports the protocol
    const got = expectShape(await send(s, x), x);
    expect(asJson(got.body)).toEqual(x.response.json!.body);
  },
  'X10-agora-level-failure-missing-body': async (x) => {
    const res = await send(await server(), x);
    expectShape(res, x);
    expect(res.body).toEqual(x.response.json);
  },
  'X11-malformed-json': async (x) => {
    const res = await send(await server(), x);
    expectShape(res, x);
    expect(res.body).toMatchObject({ status: 'failure', error: expect.any(String) });
  },
  'X12-body-object': async (x) => {
    const s = await server();
    expectShape(await send(s, x), x);
    expect(s.received.map((m) => m.content)).toEqual(['What is the weather tomorrow in London?']);
  },
  'X13-wellknown': async (x, all) => {
    const s = await weatherServer();
    expect((await requestJson(undefined, `${s.url}/wellknown`, { timeoutMs: 3000 })).body).toEqual({}); // nothing known yet
    await send(s, all.get('X6-protocol-request-supported')!);
    const res = await send(s, x);
    expectShape(res, x);
    const listed = res.body as Record<string, string[]>;
    expect(Object.keys(listed)).toEqual(Object.keys(x.response.json!));
    for (const [hash, sources] of Object.entries(listed)) {
      expect(sources.length).toBeGreaterThan(0);
      for (const src of sources) {
        const doc = decodeDataUri(src, 1 << 16);
        expect(doc.ok && sha1Hex(doc.text)).toBe(hash);
      }
    }
  },
  'X14-source-does-not-match-hash': async (x) => {
    const s = await weatherServer(); // would support the protocol, but the source holds another document
    const res = await send(s, x);
    expectShape(res, x);
    expect(res.body).toEqual(x.response.json);
  },
  'X15-wrong-type-protocolHash': async (x) => {
    const res = await send(await server(), x);
    expectShape(res, x);
    expect(res.body).toEqual(x.response.json);
  },
  'X16-negotiation-pseudo-hash': async (x) => {
    const s = await server();
    const res = await send(s, x);
    expectShape(res, x);
    expect(res.body).toEqual(x.response.json);
    expect(s.cache).toMatchObject({ fetches: 0, decodes: 0 });
  },
};

describe.skipIf(!have)('agora: the standard v0.2 example exchanges (agora-vectors.json)', () => {
  const exchanges = have ? loadVectors().exchanges : [];
  const all = new Map(exchanges.map((x) => [x.case, x]));

  it('has a runner for every exchange in the vectors', () => {
    expect(exchanges).toHaveLength(16);
    expect(exchanges.map((x) => x.case).filter((c) => !(c in runners))).toEqual([]);
  });

  for (const x of exchanges) {
    it(`${x.case}: ${x.request.method} ${x.request.path} → ${x.response.status} ${JSON.stringify(x.response.json?.status ?? '')}`, async () => {
      const run = runners[x.case];
      expect(run, `no runner for ${x.case}`).toBeDefined();
      await run(x, all);
    });
  }
});
