import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeAfterTest, closedByTest, counter, echoAgent } from './server-helpers.js';
import { requestJson } from '../../../src/protocols/http-client.js';
import { connectAgora, type AgoraPeerConnection } from '../../../src/protocols/agora/client.js';
import { documentHash, STORM_PROTOCOL_DOCUMENT, STORM_PROTOCOL_HASH } from '../../../src/protocols/agora/documents.js';
import { agoraProtocol } from '../../../src/protocols/agora/index.js';
import { serveAgora, type AgoraServer } from '../../../src/protocols/agora/server.js';
import type { AgentMessage, WireMeter } from '../../../src/protocols/types.js';

function agent(id: string, meter?: WireMeter, port = 0): Promise<AgoraServer & { received: AgentMessage[] }> {
  return echoAgent(serveAgora, id, meter, port);
}

function conn(c: AgoraPeerConnection): AgoraPeerConnection {
  closeAfterTest(c);
  return c;
}

const msg = (content: string, id = 'm-1'): AgentMessage => ({
  id,
  task_id: 't-9',
  step: 2,
  from: 'worker-1',
  type: 'question',
  content,
  ttl: 3,
});

describe('agora protocol', () => {
  it('publishes its protocol document under its SHA-1 (hex) and answers health', async () => {
    const a = await agent('a-doc');
    expect(await agoraProtocol.ready(a.url, 2000)).toBe(true);
    const res = await requestJson(undefined, `${a.url}/protocol/${STORM_PROTOCOL_HASH}`, { timeoutMs: 2000 });
    expect(res.status).toBe(200);
    expect(res.text).toBe(STORM_PROTOCOL_DOCUMENT);
    expect(documentHash(res.text)).toBe(STORM_PROTOCOL_HASH);
    expect(STORM_PROTOCOL_HASH).toMatch(/^[0-9a-f]{40}$/);
  });

  it('fetches the document on the first message only; fields survive', async () => {
    const aMeter = counter();
    const a = await agent('a-first', aMeter);
    const b = await agent('b-first');
    const c = conn(connectAgora({ id: 'b-first', url: b.url }, { self: 'a-first', selfUrl: a.url }));
    expect(await c.send(msg('hi'), 3000)).toEqual({ ok: true, content: 'echo:hi' });
    expect(b.cache.fetches).toBe(1);
    expect(aMeter.messages).toBe(1); // the document fetch, served (and counted) by the sender
    const negotiationBytes = aMeter.bytes;
    expect(negotiationBytes).toBeGreaterThan(Buffer.byteLength(STORM_PROTOCOL_DOCUMENT));

    expect(await c.send(msg('again', 'm-2'), 3000)).toEqual({ ok: true, content: 'echo:again' });
    expect(b.cache.fetches).toBe(1);
    expect(aMeter.bytes).toBe(negotiationBytes);
    expect(b.received[0]).toEqual(msg('hi'));
    expect(c.fallbacks).toBe(0);
    expect(await c.send(msg('boom', 'm-3'), 3000)).toEqual({ ok: false, error: 'tool failed' });
  });

  it('shares one fetch between concurrent first messages', async () => {
    const a = await agent('a-conc');
    const b = await agent('b-conc');
    const c = conn(connectAgora({ id: 'b-conc', url: b.url }, { self: 'a-conc', selfUrl: a.url }));
    const replies = await Promise.all([1, 2, 3, 4].map((i) => c.send(msg(`x${i}`, `m-${i}`), 3000)));
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(b.cache.fetches).toBe(1);
  });

  it('fetches again after the receiver restarts (its cache died with it)', async () => {
    const a = await agent('a-restart');
    const b1 = await agent('b-restart');
    const c = conn(connectAgora({ id: 'b-restart', url: b1.url }, { self: 'a-restart', selfUrl: a.url }));
    await c.send(msg('1'), 3000);
    expect(b1.cache.fetches).toBe(1);
    await b1.close();
    closedByTest(b1);
    await expect(c.ping(2000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const b2 = await agent('b-restart', undefined, b1.port);
    expect(await c.ping(2000)).toBe(true);
    expect(await c.send(msg('2', 'm-2'), 3000)).toEqual({ ok: true, content: 'echo:2' });
    expect(b2.cache.fetches).toBe(1);
  });

  it('rejects a hash its document does not match, and the natural-language fallback succeeds', async () => {
    const a = await agent('a-wrong');
    const bMeter = counter();
    const b = await agent('b-wrong', bMeter);
    const wrong = documentHash('some other protocol');
    const c = conn(
      connectAgora(
        { id: 'b-wrong', url: b.url },
        { self: 'a-wrong', selfUrl: a.url },
        {
          protocolHash: wrong,
          protocolSources: [`${a.url}/protocol/${STORM_PROTOCOL_HASH}`],
        },
      ),
    );
    const raw = await requestJson(undefined, `${b.url}/`, {
      body: {
        protocolHash: wrong,
        protocolSources: [`${a.url}/protocol/${STORM_PROTOCOL_HASH}`],
        body: JSON.stringify(msg('raw')),
      },
      timeoutMs: 3000,
    });
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({ status: 'failure', error: 'Unsupported protocol' });
    const before = bMeter.messages;

    const tricky = { ...msg('line one\nContent:\nstill content "quoted"'), type: 'lookup', ttl: 0 };
    expect(await c.send(tricky, 3000)).toEqual({
      ok: true,
      content: 'echo:line one\nContent:\nstill content "quoted"',
    });
    expect(c.rejections).toBe(1);
    expect(c.fallbacks).toBe(1);
    expect(b.received).toEqual([tricky]);
    expect(bMeter.messages - before).toBe(2); // the rejected offer and the natural-language retry

    expect(await c.send(msg('next', 'm-2'), 3000)).toEqual({ ok: true, content: 'echo:next' });
    expect(c.rejections).toBe(1); // it remembers: no second rejected round trip
    expect(await c.send(msg('boom', 'm-3'), 3000)).toEqual({ ok: false, error: 'tool failed' });
  });

  it('rejects when the sources cannot be fetched', async () => {
    const b = await agent('b-nosrc');
    const res = await requestJson(undefined, `${b.url}/agora`, {
      body: {
        protocolHash: STORM_PROTOCOL_HASH,
        protocolSources: ['http://127.0.0.1:1/protocol/x'],
        body: JSON.stringify(msg('x')),
      },
      timeoutMs: 3000,
    });
    expect(res.body).toEqual({ status: 'failure', error: 'Unsupported protocol' });
    expect(b.received).toHaveLength(0);
    expect(b.cache.fetches).toBe(1);
  });

  it('serves the driver its document from a small self-hosted server, counted by its meter', async () => {
    const meter = counter();
    const b = await agent('b-driver');
    const c = conn(connectAgora({ id: 'b-driver', url: b.url }, { self: 'client', meter }));
    expect(await c.send({ ...msg('q'), from: 'client' }, 3000)).toEqual({ ok: true, content: 'echo:q' });
    expect(meter.messages).toBe(1);
    expect(b.cache.fetches).toBe(1);
  });

  it("falls back to natural language on a reference-library receiver's refusal; a structured body may be a JSON string", async () => {
    const seen: Record<string, unknown>[] = [];
    const ref = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c));
      req.on('end', () => {
        const r = JSON.parse(text) as Record<string, unknown>;
        seen.push(r);
        // agora-protocol/python 0.2.0: status 'error' + message for a protocol it will not run
        const out = r.protocolHash
          ? { status: 'error', message: `${String(r.protocolHash)} is not suitable for execution` }
          : { status: 'success', body: 'Done. Answer:\nParis' };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
      });
    });
    await new Promise<void>((r) => ref.listen(0, '127.0.0.1', r));
    closeAfterTest({ close: () => new Promise((r) => ref.close(r)) });
    const url = `http://127.0.0.1:${(ref.address() as { port: number }).port}`;
    const c = conn(connectAgora({ id: 'ref', url }, { self: 'a', selfUrl: 'http://127.0.0.1:9' }));
    expect(await c.send(msg('capital of France?'), 3000)).toEqual({ ok: true, content: 'Paris' });
    expect(c.rejections).toBe(1);
    expect(seen[0]).toMatchObject({ protocolHash: STORM_PROTOCOL_HASH, body: msg('capital of France?') });
    expect(seen[1]).toEqual({ protocolHash: null, body: expect.stringContaining('Content:\ncapital of France?') });

    // a standard receiver may answer a structured message with the JSON as a string
    const b = await agent('b-string');
    const res = await requestJson(undefined, `${b.url}/`, {
      body: {
        protocolHash: STORM_PROTOCOL_HASH,
        protocolSources: [`${b.url}/protocol/${STORM_PROTOCOL_HASH}`],
        body: JSON.stringify(msg('s')),
      },
      timeoutMs: 3000,
    });
    expect(res.body).toEqual({ status: 'success', body: { ok: true, content: 'echo:s' } });
  });

  it('rejects with ECONNREFUSED when nobody listens', async () => {
    const b = await agent('b-gone');
    await b.close();
    closedByTest(b);
    const c = conn(connectAgora({ id: 'b-gone', url: b.url }, { self: 'client' }));
    await expect(c.ping(2000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(c.send(msg('x'), 2000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
