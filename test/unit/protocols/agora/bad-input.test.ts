// Bad input never crashes the Agora server and always gets a clear answer: sizes are bounded, every
// malformed field, source or document is named in the error (or ends as `Unsupported protocol`).
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { decodeDataUri, encodeDataUri } from '../../../../src/protocols/agora/data-uri.js';
import {
  MAX_DOCUMENT_BYTES,
  parseProtocolDocument,
  STORM_PROTOCOL_DOCUMENT,
  STORM_PROTOCOL_HASH,
} from '../../../../src/protocols/agora/documents.js';
import { sha1Hex } from '../../../../src/protocols/agora/hash.js';
import { serveAgora, type AgoraServer } from '../../../../src/protocols/agora/server.js';
import { requestJson } from '../../../../src/protocols/http-client.js';
import { closeAfterTest } from '../server-helpers.js';

async function server(): Promise<AgoraServer> {
  const s = await serveAgora({
    id: 'bad',
    host: '127.0.0.1',
    port: 0,
    workspace: '/tmp',
    handler: async (m) => ({ ok: true, content: m.content }),
  });
  closeAfterTest(s);
  return s;
}

const post = async (s: AgoraServer, body: unknown, path = '/') =>
  requestJson(undefined, `${s.url}${path}`, { method: 'POST', body, timeoutMs: 3000 });
const stormMsg = { id: 'm', task_id: 't', step: 0, from: 'client', type: 'q', content: 'hi', ttl: 0 };

describe('agora data: URIs', () => {
  it('refuses what it cannot decode, with the reason', () => {
    expect(decodeDataUri('data:text/plain;charset=utf-8,%ZZ', 100)).toEqual({
      ok: false,
      reason: 'data: URI has an invalid %-escape',
    });
    expect(decodeDataUri('data:text/plain;base64,@@@@', 100)).toEqual({
      ok: false,
      reason: 'data: URI is not valid base64',
    });
    expect(decodeDataUri('data:image/png;base64,AAAA', 100)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not text'),
    });
    expect(decodeDataUri('data:text/plain;charset=latin1,x', 100)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not UTF-8'),
    });
    expect(decodeDataUri('data:text/plain,%C3%28', 100)).toEqual({
      ok: false,
      reason: 'data: URI document is not valid UTF-8',
    });
    expect(decodeDataUri('data:text/plain', 100)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no comma'),
    });
  });

  it('bounds the URI before decoding and the document after', () => {
    expect(decodeDataUri(`data:,${'a'.repeat(1000)}`, 100)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('longer than'),
    });
    expect(decodeDataUri(encodeDataUri('b'.repeat(101)), 100)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('larger than 100 bytes'),
    });
    expect(decodeDataUri(encodeDataUri('b'.repeat(100)), 100)).toEqual({ ok: true, text: 'b'.repeat(100) });
  });
});

describe('agora protocol documents', () => {
  it('says what is wrong with a document', () => {
    expect(parseProtocolDocument('name: x\ndescription: y\nmultiround: false\n')).toMatchObject({
      ok: false,
      reason: expect.stringContaining("no '---'"),
    });
    expect(parseProtocolDocument('name: [x\n---\nspec')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not valid YAML'),
    });
    expect(parseProtocolDocument('- a\n- b\n---\nspec')).toEqual({
      ok: false,
      reason: 'metadata must be a YAML mapping',
    });
    expect(parseProtocolDocument('name: x\ndescription: y\n---\nspec')).toEqual({
      ok: false,
      reason: 'metadata needs a boolean "multiround"',
    });
    expect(parseProtocolDocument('name: x\nname: y\ndescription: y\nmultiround: false\n---\n')).toMatchObject({
      ok: false,
    });
    // aliases are refused outright (the YAML expansion attack)
    expect(parseProtocolDocument('a: &a [1]\nb: *a\nname: x\ndescription: y\nmultiround: false\n---\n')).toMatchObject({
      ok: false,
    });
    expect(
      parseProtocolDocument(`name: x\ndescription: ${'y'.repeat(MAX_DOCUMENT_BYTES)}\nmultiround: false\n---\n`),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('larger than'),
    });
    expect(
      parseProtocolDocument('---\r\nname: x\r\ndescription: y\r\nmultiround: true\r\n---\r\nspec\r\n'),
    ).toMatchObject({ ok: true, layout: 'front-matter' });
  });
});

describe('agora server: bad requests', () => {
  it('answers field errors as Agora failures (HTTP 200, error, no body)', async () => {
    const s = await server();
    const cases: [unknown, string][] = [
      [[1, 2], 'Request must be a JSON object'],
      [{ body: null }, "Missing field 'body'"],
      [{ body: [1] }, 'body must be a string or an object'],
      [{ body: 7 }, 'body must be a string or an object'],
      [{ body: 'x', protocolSources: 'data:,x' }, 'protocolSources must be an array of strings'],
      [{ body: 'x', protocolSources: [1] }, 'protocolSources must be an array of strings'],
      [{ body: 'x', protocolSources: Array(17).fill('data:,x') }, 'protocolSources may list at most 16 sources'],
      [{ body: 'x', multiround: 'yes' }, 'multiround must be a boolean'],
    ];
    for (const [body, error] of cases) {
      const res = await post(s, JSON.stringify(body));
      expect([res.status, res.body]).toEqual([200, { status: 'failure', error }]);
    }
  });

  it('does not understand empty or greeting-only text, nor an object without text', async () => {
    const s = await server();
    for (const body of ['', '   ', 'Hello!', { foo: 1 }, `x${'y'.repeat(100_000)}`]) {
      const res = await post(s, { protocolHash: null, body });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'failure',
        error: expect.stringMatching(/^Could not understand the request: /),
      });
      expect(res.body).not.toHaveProperty('body');
    }
  });

  it('answers transport errors with HTTP codes: 400 malformed, 404 unknown route, 413 too large', async () => {
    const s = await server();
    expect((await post(s, '{')).status).toBe(400);
    expect((await post(s, '{}', '/nowhere')).status).toBe(404);
    expect((await post(s, '{"body":"x"}', '/conversations/%E0%A4%A')).status).toBe(400);
    const big = await post(s, JSON.stringify({ body: 'x'.repeat(1 << 20) })).catch((e: { code: string }) => e.code);
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(typeof big === 'string' ? big : big.status);
  });

  it('treats a protocol change inside a conversation as malformed (400)', async () => {
    const s = await server();
    const opened = (await post(s, { body: 'Hi! What is 2+2?', multiround: true })).body as { conversationId: string };
    const res = await post(
      s,
      { body: stormMsg, protocolHash: STORM_PROTOCOL_HASH },
      `/conversations/${opened.conversationId}`,
    );
    expect([res.status, res.body]).toEqual([
      400,
      { status: 'failure', error: 'protocolHash cannot change within a conversation' },
    ]);
  });

  it("answers a structured body that breaks storm's document inside body (protocol-level, §10.3)", async () => {
    const s = await server();
    const res = await post(s, {
      protocolHash: STORM_PROTOCOL_HASH,
      protocolSources: [encodeDataUri(STORM_PROTOCOL_DOCUMENT)],
      body: { id: 'm' },
    });
    expect(res.body).toEqual({
      status: 'success',
      body: { ok: false, error: 'Invalid format: "content" must be a string' },
    });
  });
});

describe('agora server: sources it cannot use', () => {
  it('refuses an oversized document from a URL, and remembers a verified one it has no routine for', async () => {
    const huge = `name: huge\ndescription: x\nmultiround: false\n---\n${'z'.repeat(MAX_DOCUMENT_BYTES)}`;
    const other = 'name: other\ndescription: a protocol storm has no routine for\nmultiround: false\n---\nanything\n';
    const docs = new Map([
      ['/huge', huge],
      ['/other', other],
    ]);
    const host = http.createServer((req, res) => res.end(docs.get(req.url ?? '') ?? ''));
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    closeAfterTest({ close: () => new Promise((r) => host.close(r)) });
    const base = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
    const s = await server();

    const a = await post(s, { protocolHash: sha1Hex(huge), protocolSources: [`${base}/huge`], body: 'x' });
    expect(a.body).toEqual({ status: 'failure', error: 'Unsupported protocol' });
    for (let i = 0; i < 2; i++) {
      const b = await post(s, {
        protocolHash: sha1Hex(other),
        protocolSources: [`${base}/other`, 'ftp://x/y', 'data:,nope'],
        body: 'x',
      });
      expect(b.body).toEqual({ status: 'failure', error: 'Unsupported protocol' });
    }
    expect(s.cache.fetches).toBe(2); // the huge one once; the other verified once and remembered
    expect((await requestJson(undefined, `${s.url}/wellknown`, { timeoutMs: 3000 })).body).toEqual({});
  });
});
