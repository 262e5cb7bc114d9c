import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { closeAfterTest, closedByTest, counter, echoAgent } from './server-helpers.js';
import { keepAliveAgent, requestJson } from '../../../src/protocols/http-client.js';
import { connectAnp } from '../../../src/protocols/anp/client.js';
import { didDocument } from '../../../src/protocols/anp/did-document.js';
import { agentDid, didUrl } from '../../../src/protocols/anp/did.js';
import { identityOf } from '../../../src/protocols/anp/identity.js';
import { anpProtocol } from '../../../src/protocols/anp/index.js';
import { generateKeyPair, verifierFor } from '../../../src/protocols/anp/keys.js';
import { serveAnp, type AnpServer } from '../../../src/protocols/anp/server.js';
import { authHeader, formatAuthHeader, parseAuthHeader, payloadDigest } from '../../../src/protocols/anp/sign.js';
import { TokenIssuer } from '../../../src/protocols/anp/token.js';
import { DidWbaVerifier } from '../../../src/protocols/anp/verifier.js';
import type { AgentMessage, PeerConnection, WireMeter } from '../../../src/protocols/types.js';

function agent(id: string, meter?: WireMeter, port = 0): Promise<AnpServer & { received: AgentMessage[] }> {
  return echoAgent(serveAnp, id, meter, port);
}

function conn<T extends PeerConnection>(c: T): T {
  closeAfterTest(c);
  return c;
}

const msg = (content: string): AgentMessage => ({
  id: 'm-1',
  task_id: 't-9',
  step: 2,
  from: 'caller',
  type: 'question',
  content,
  ttl: 3,
});

describe('did:wba identifiers', () => {
  it('names a loopback agent localhost, never by its IP, and maps the DID to its document URL', () => {
    const did = agentDid('127.0.0.1:9100', 'worker-3');
    expect(did).toBe('did:wba:localhost%3A9100:agents:worker-3');
    expect(didUrl(did)).toBe('http://localhost:9100/agents/worker-3/did.json');
    expect(didUrl('did:wba:example.com')).toBe('https://example.com/.well-known/did.json');
    expect(() => didUrl('did:wba:example.com:..:x')).toThrow();
    expect(() => didUrl('did:wba:evil.com%2Fx')).toThrow();
  });

  it('round-trips the Authorization header fields', () => {
    const h = authHeader('did:wba:h%3A1:agents:a', generateKeyPair(), 'h');
    const parsed = parseAuthHeader(h);
    expect(parsed?.did).toBe('did:wba:h%3A1:agents:a');
    expect(parsed?.verificationMethod).toBe('key-1');
    expect(h).toMatch(
      /^DIDWba did="[^"]+", nonce="[0-9a-f]{32}", timestamp="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", verification_method="key-1", signature="[A-Za-z0-9_-]+"$/,
    );
  });
});

describe('anp protocol', () => {
  it('serves a DID document and reports ready', async () => {
    const b = await agent('b-ready');
    expect(await anpProtocol.ready(b.url, 2000)).toBe(true);
    const res = await requestJson(undefined, `${b.url}/agents/b-ready/did.json`, { timeoutMs: 2000 });
    const doc = res.body as {
      id: string;
      authentication: string[];
      verificationMethod: { id: string; publicKeyJwk: { crv: string } }[];
    };
    expect(doc.id).toBe(`did:wba:localhost%3A${b.port}:agents:b-ready`);
    expect(doc.authentication).toEqual([`${doc.id}#key-1`]);
    expect(doc.verificationMethod[0].publicKeyJwk.crv).toBe('secp256k1');
  });

  it('authenticates the first request, then uses the Bearer token; fields survive', async () => {
    const a = await agent('a-happy');
    const b = await agent('b-happy');
    const c = conn(connectAnp({ id: 'b-happy', url: b.url }, { self: 'a-happy', selfUrl: a.url }));
    const reply = await c.send(msg('hi'), 3000);
    expect(reply).toEqual({ ok: true, content: 'echo:hi' });
    expect(b.received[0]).toEqual({ ...msg('hi') });
    expect(await c.send(msg('again'), 3000)).toEqual({ ok: true, content: 'echo:again' });
    expect(await c.ping(3000)).toBe(true);
    expect(c.authentications).toBe(1);
    expect(await c.send(msg('boom'), 3000)).toEqual({ ok: false, error: 'tool failed' });
  });

  it('rejects requests without authorization with a DIDWba challenge', async () => {
    const b = await agent('b-noauth');
    const res = await requestJson(undefined, `${b.url}/agents/b-noauth/message`, { body: msg('x'), timeoutMs: 2000 });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(
      /^DIDWba realm="127\.0\.0\.1", error="invalid_request", error_description="[^"]+"$/,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(b.received).toHaveLength(0);
  });

  async function rawAuthed(b: AnpServer, header: string): Promise<{ status: number; challenge?: string }> {
    const res = await requestJson(undefined, `${b.url}/agents/${'b-raw'}/message`, {
      body: msg('x'),
      headers: { authorization: header },
      timeoutMs: 3000,
    });
    return { status: res.status, challenge: res.headers['www-authenticate'] as string | undefined };
  }

  it('answers 401 to a tampered signature, a stale timestamp and a replayed nonce', async () => {
    const a = await agent('a-raw');
    const b = await agent('b-raw');
    const did = identityOf('a-raw').did(new URL(a.url).host);
    const key = identityOf('a-raw').key;
    const service = new URL(b.url).hostname;

    const good = parseAuthHeader(authHeader(did, key, service))!;
    const flipped = good.signature[5] === 'A' ? 'B' : 'A';
    const tampered = formatAuthHeader({
      ...good,
      signature: good.signature.slice(0, 5) + flipped + good.signature.slice(6),
    });
    const r1 = await rawAuthed(b, tampered);
    expect(r1.status).toBe(401);
    expect(r1.challenge).toContain('error="invalid_signature"');

    // Signed for another server, or for host:port (which storm's server does not accept, see SERVICE_NAMES).
    const otherService = await rawAuthed(b, authHeader(did, key, 'example.com'));
    expect(otherService).toMatchObject({
      status: 401,
      challenge: expect.stringContaining('error="invalid_signature"'),
    });
    const hostPort = await rawAuthed(b, authHeader(did, key, new URL(b.url).host));
    expect(hostPort).toMatchObject({ status: 401, challenge: expect.stringContaining('error="invalid_signature"') });

    const stale = await rawAuthed(b, authHeader(did, key, service, { nowMs: Date.now() - 10 * 60_000 }));
    expect(stale.status).toBe(401);
    expect(stale.challenge).toContain('error="invalid_timestamp"');
    const future = await rawAuthed(b, authHeader(did, key, service, { nowMs: Date.now() + 10 * 60_000 }));
    expect(future.challenge).toContain('error="invalid_timestamp"');

    const once = authHeader(did, key, service);
    expect((await rawAuthed(b, once)).status).toBe(200);
    const replay = await rawAuthed(b, once);
    expect(replay.status).toBe(401);
    expect(replay.challenge).toContain('error="invalid_nonce"');
    expect(b.received).toHaveLength(1);
  });

  it('refuses a token from a previous server process, then re-authenticates transparently', async () => {
    const a = await agent('a-restart');
    const b1 = await agent('b-restart');
    const port = b1.port;
    const c = conn(connectAnp({ id: 'b-restart', url: b1.url }, { self: 'a-restart', selfUrl: a.url }));
    expect((await c.send(msg('before'), 3000)).ok).toBe(true);
    expect(c.authentications).toBe(1);

    // Capture the issued token by authenticating once by hand, to show the new process refuses it.
    const did = identityOf('a-restart').did(new URL(a.url).host);
    const first = await requestJson(undefined, `${b1.url}/agents/b-restart/ping`, {
      headers: { authorization: authHeader(did, identityOf('a-restart').key, new URL(b1.url).hostname) },
      timeoutMs: 3000,
    });
    const oldToken = String(first.headers.authorization);
    expect(oldToken).toMatch(/^Bearer ey/);

    await b1.close();
    closedByTest(b1);
    await expect(c.ping(3000)).rejects.toMatchObject({ code: 'ECONNREFUSED' }); // the heartbeat sees it dead
    const b2 = await agent('b-restart', undefined, port);
    const refused = await requestJson(undefined, `${b2.url}/agents/b-restart/ping`, {
      headers: { authorization: oldToken },
      timeoutMs: 3000,
    });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toContain('error="invalid_access_token"');

    expect(await c.send(msg('after'), 3000)).toEqual({ ok: true, content: 'echo:after' });
    expect(c.authentications).toBe(2);
    expect(b2.received.map((m) => m.content)).toEqual(['after']);
    expect(b2.verifier.fetches).toBe(1);
  });

  it('re-authenticates through a heartbeat after a restart', async () => {
    const a = await agent('a-hb');
    const b1 = await agent('b-hb');
    const c = conn(connectAnp({ id: 'b-hb', url: b1.url }, { self: 'a-hb', selfUrl: a.url }));
    expect(await c.ping(3000)).toBe(true);
    await b1.close();
    closedByTest(b1);
    await expect(c.ping(3000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await agent('b-hb', undefined, b1.port);
    expect(await c.ping(3000)).toBe(true);
    expect(c.authentications).toBe(2);
  });

  it('fetches a caller DID document once and serves later authentications from its cache', async () => {
    const aMeter = counter();
    const a = await agent('a-cache', aMeter);
    const b = await agent('b-cache');
    const c = conn(connectAnp({ id: 'b-cache', url: b.url }, { self: 'a-cache', selfUrl: a.url }));
    await c.send(msg('1'), 3000);
    c.reset(); // forget the token: the next request authenticates with DIDWba again
    await c.send(msg('2'), 3000);
    expect(c.authentications).toBe(2);
    expect(b.verifier.fetches).toBe(1);
    expect(aMeter.messages).toBe(1); // the one GET of a's did.json, counted at a's server
    expect(aMeter.bytes).toBeGreaterThan(300);
  });

  it('shares one DID fetch between concurrent first requests', async () => {
    const a = await agent('a-conc');
    const b = await agent('b-conc');
    const c = conn(connectAnp({ id: 'b-conc', url: b.url }, { self: 'a-conc', selfUrl: a.url }));
    const replies = await Promise.all([1, 2, 3, 4].map((i) => c.send(msg(`x${i}`), 3000)));
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(b.verifier.fetches).toBe(1);
  });

  it('gives a driver without a server of its own a DID through a small self-hosted server', async () => {
    const meter = counter();
    const b = await agent('b-driver');
    const c = conn(connectAnp({ id: 'b-driver', url: b.url }, { self: 'client', meter }));
    expect(await c.send({ ...msg('q'), from: 'client' }, 3000)).toEqual({ ok: true, content: 'echo:q' });
    expect(meter.messages).toBe(1);
  });

  it('rejects with ECONNREFUSED when nobody listens', async () => {
    const b = await agent('b-gone');
    const url = b.url;
    await b.close();
    closedByTest(b);
    const c = conn(connectAnp({ id: 'b-gone', url }, { self: 'client' }));
    await expect(c.ping(2000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(c.send(msg('x'), 2000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('DID document cache and key changes', () => {
  it('refetches a cached document once when the caller restarted with a new key', async () => {
    let doc = '';
    const server = http.createServer((_req, res) => res.end(doc));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closeAfterTest({ close: () => new Promise((r) => server.close(r)) });
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const did = agentDid(host, 'caller'); // did:wba:localhost%3A<port>:…, fetched from 127.0.0.1
    const agentPool = keepAliveAgent();
    closeAfterTest({ close: () => agentPool.destroy() });
    const v = new DidWbaVerifier({ tokens: new TokenIssuer(), agent: agentPool });

    const k1 = generateKeyPair();
    doc = JSON.stringify(didDocument(did, k1.publicJwk));
    expect((await v.authenticate(authHeader(did, k1, 'svc'), ['svc'])).ok).toBe(true);
    expect((await v.authenticate(authHeader(did, k1, 'svc'), ['svc'])).ok).toBe(true);
    expect(v.fetches).toBe(1);

    const k2 = generateKeyPair();
    doc = JSON.stringify(didDocument(did, k2.publicJwk));
    expect((await v.authenticate(authHeader(did, k2, 'svc'), ['svc'])).ok).toBe(true);
    expect(v.fetches).toBe(2);
    // The old key no longer verifies against the fresh document.
    const old = await v.authenticate(authHeader(did, k1, 'svc'), ['svc']);
    expect(old).toMatchObject({ ok: false, error: 'invalid_signature' });
  });
});

describe('access tokens', () => {
  it('accepts its own unexpired tokens only', async () => {
    const issuer = new TokenIssuer();
    const token = await issuer.issue('did:wba:h:agents:a');
    expect(await issuer.verify(token)).toBe('did:wba:h:agents:a');
    expect(await issuer.verify(token)).toBe('did:wba:h:agents:a'); // served from the verified cache
    expect(await new TokenIssuer().verify(token)).toBeNull(); // another process's secret
    expect(await issuer.verify(`${token.slice(0, -2)}xx`)).toBeNull();
    const expired = new TokenIssuer(-10);
    expect(await expired.verify(await expired.issue('did:wba:h:agents:a'))).toBeNull();
  });
});

describe('signatures', () => {
  it('are raw 64-byte R||S secp256k1 with ECDSA-SHA256 over the payload digest, checkable by an independent implementation', () => {
    const key = generateKeyPair();
    const digest = payloadDigest({ did: 'd', nonce: 'n', service: 's', timestamp: 't' });
    const sig = Buffer.from(key.sign(digest), 'base64url');
    expect(sig).toHaveLength(64);
    const point = Buffer.concat([
      Buffer.from([4]),
      Buffer.from(key.publicJwk.x, 'base64url'),
      Buffer.from(key.publicJwk.y!, 'base64url'),
    ]);
    // noble hashes its message with SHA-256 (prehash), so the curve sees SHA-256(digest) as AgentConnect's
    // verifier does; it normalises to low-S by default and OpenSSL does not, so accept either half.
    expect(secp256k1.verify(sig, digest, point, { lowS: false })).toBe(true);
    expect(secp256k1.verify(sig, digest, point, { lowS: false, prehash: false })).toBe(false);
    const verify = verifierFor({ type: 'EcdsaSecp256k1VerificationKey2019', publicKeyJwk: key.publicJwk });
    expect(typeof verify).toBe('function');
    expect((verify as (m: Uint8Array, s: string) => boolean)(digest, key.sign(digest))).toBe(true);
    expect((verify as (m: Uint8Array, s: string) => boolean)(new Uint8Array(32), key.sign(digest))).toBe(false);
  });

  it('verifies Ed25519 keys given as OKP JWKs and refuses unknown types or broken keys', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const msg = new TextEncoder().encode('hello');
    const verify = verifierFor({
      type: 'Ed25519VerificationKey2018',
      publicKeyJwk: publicKey.export({ format: 'jwk' }),
    });
    expect(
      (verify as (m: Uint8Array, s: string) => boolean)(msg, nodeSign(null, msg, privateKey).toString('base64url')),
    ).toBe(true);
    const ec = 'EcdsaSecp256k1VerificationKey2019';
    expect(
      verifierFor({ type: 'JsonWebKey2020', publicKeyJwk: { kty: 'EC', crv: 'secp256k1', x: 'AA', y: 'AA' } }),
    ).toMatch(/unsupported verification method type JsonWebKey2020/);
    expect(verifierFor({ type: ec, publicKeyJwk: { kty: 'RSA', crv: 'x', x: 'AA' } })).toMatch(
      /needs a EC\/secp256k1 key/,
    );
    expect(verifierFor({ type: ec, publicKeyJwk: { kty: 'EC', crv: 'secp256k1', x: 'AAAA', y: 'AAAA' } })).toMatch(
      /invalid public key/,
    );
    expect(
      verifierFor({ type: ec, publicKeyJwk: { kty: 'EC', crv: 'secp256k1', x: 'A'.repeat(46), y: 'AAAA' } }),
    ).toMatch(/invalid public key/);
    expect(verifierFor({ type: ec })).toMatch(/no publicKeyJwk/);
  });
});
