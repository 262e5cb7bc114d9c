/**
 * ANP interop: a real `storm agent --protocol anp` process, called by a client that signs the way
 * AgentConnect 0.3.6 does — written here independently of storm's code (noble for the curve, the
 * JCS of four ASCII strings by hand): SHA-256 of the canonical payload signed with ECDSA-SHA256,
 * r and s at minimal length (a short s included, which AgentConnect's own verifier would refuse),
 * `service` = the bare host name of the URL. The caller's identity is the vectors' K1 with its D1
 * document (AgentConnect's layout), served by a stub on 127.0.0.1 under a `localhost` DID.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, killAll, startReady } from './interop-process.js';
import { documentOf, haveVectors, vectors } from '../unit/protocols/anp/vectors.js';

afterAll(() => killAll());

/** A big-endian integer's minimal bytes, as AgentConnect's encode_signature writes r and s. */
function minimal(b: Uint8Array): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return Buffer.from(b.subarray(i));
}

/** A DIDWba header as AgentConnect's generate_auth_header writes it, and how many bytes s kept. */
function agentConnectHeader(
  did: string,
  secret: Uint8Array,
  service: string,
  nonce: string,
  timestamp: string,
): { header: string; sBytes: number } {
  // For four ASCII string fields, JCS is the members sorted by name with no whitespace.
  const payload = JSON.stringify({ did, nonce, service, timestamp });
  const digest = createHash('sha256').update(payload).digest();
  const compact = secp256k1.sign(digest, secret, { lowS: false }); // noble hashes again: ECDSA-SHA256 over the digest
  const r = minimal(compact.subarray(0, 32));
  const s = minimal(compact.subarray(32));
  const signature = Buffer.concat([r, s]).toString('base64url');
  const header = `DIDWba did="${did}", nonce="${nonce}", timestamp="${timestamp}", verification_method="key-1", signature="${signature}"`;
  return { header, sBytes: s.length };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** POST a storm message to 127.0.0.1:`port`, naming the server `hostHeader`. */
function post(port: number, hostHeader: string, authorization: string, content: string): Promise<Reply> {
  const body = JSON.stringify({
    id: `m-${content}`,
    task_id: 't-1',
    step: 0,
    from: 'ac-client',
    type: 'task',
    content,
    ttl: 3,
  });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/agents/worker-0/message',
        method: 'POST',
        headers: { host: hostHeader, authorization, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf(!haveVectors)('anp interop: an AgentConnect-style client against `storm agent --protocol anp`', () => {
  it('authenticates (short signature, either loopback name), gets and uses a token, and is refused for replay and host:port', async () => {
    // The caller's DID host: D1 moved to this stub's port, so the DID names localhost:<port>.
    const fetchedWithHost: string[] = [];
    let didJson = '';
    const stub = http.createServer((req, res) => {
      fetchedWithHost.push(String(req.headers.host));
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/agents/worker-1/did.json' ? didJson : '{}');
    });
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', () => r()));
    try {
      const stubPort = (stub.address() as AddressInfo).port;
      didJson = JSON.stringify(documentOf('D1')).replaceAll('localhost%3A9101', `localhost%3A${stubPort}`);
      const did = JSON.parse(didJson).id as string;
      const secret = Buffer.from(vectors.keys.find((k) => k.id === 'K1')!.private_jwk.d, 'base64url');

      const { url } = await startReady([
        CLI,
        'agent',
        '--protocol',
        'anp',
        '--tool',
        'echo',
        '--port',
        '0',
        '--id',
        'worker-0',
      ]);
      const port = Number(new URL(url).port);
      const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

      // RFC 6979 makes noble deterministic: walk nonces until s lost its top byte (about 1 in 256).
      let first: { header: string; sBytes: number } | undefined;
      for (let i = 0; i < 5000 && !first; i++) {
        const nonce = createHash('sha256').update(`nonce-${i}`).digest('hex').slice(0, 32);
        const signed = agentConnectHeader(did, secret, '127.0.0.1', nonce, now);
        if (signed.sBytes === 31) first = signed;
      }
      expect(first).toBeDefined();

      const accepted = await post(port, `127.0.0.1:${port}`, first!.header, 'short-s');
      expect(accepted.status).toBe(200);
      expect(JSON.parse(accepted.body)).toEqual({ ok: true, content: 'short-s' });
      const bearer = String(accepted.headers.authorization);
      expect(bearer).toMatch(/^Bearer ey/); // where AgentConnect's update_token looks for it
      expect(fetchedWithHost).toEqual([`localhost:${stubPort}`]); // resolved by name, dialled at 127.0.0.1

      expect((await post(port, `127.0.0.1:${port}`, bearer, 'with-token')).status).toBe(200);

      const viaLocalhost = agentConnectHeader(did, secret, 'localhost', 'a'.repeat(32), now);
      const named = await post(port, `localhost:${port}`, viaLocalhost.header, 'via-localhost');
      expect(named.status).toBe(200);

      const replay = await post(port, `127.0.0.1:${port}`, first!.header, 'replay');
      expect(replay.status).toBe(401);
      expect(replay.headers['www-authenticate']).toMatch(
        /^DIDWba realm="127\.0\.0\.1", error="invalid_nonce", error_description="[^"]+"$/,
      );
      expect(replay.headers['cache-control']).toBe('no-store');

      const hostPort = agentConnectHeader(did, secret, `localhost:${port}`, 'b'.repeat(32), now);
      const refused = await post(port, `localhost:${port}`, hostPort.header, 'host-port');
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toMatch(/^DIDWba realm="localhost", error="invalid_signature"/);
      // The cached document served every check until this failure, which re-reads it once (a caller may have new keys).
      expect(fetchedWithHost).toEqual([`localhost:${stubPort}`, `localhost:${stubPort}`]);
    } finally {
      await new Promise((r) => stub.close(r));
    }
  });
});
