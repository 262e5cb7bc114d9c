/**
 * did:wba identifiers (no IPs, percent-encoded ports, where they resolve, localhost dialled at
 * 127.0.0.1) and the byte-level readers for AgentConnect's signatures and JWK coordinates.
 */
import { describe, expect, it } from 'vitest';
import { agentDid, createDid, DidWbaError, didUrl, hostDid } from '../../../../src/protocols/anp/did.js';
import { loopbackTarget } from '../../../../src/protocols/anp/loopback.js';
import { decodeSignature, fixedCoordinate, p1363Candidates } from '../../../../src/protocols/anp/signature-bytes.js';
import { parseAuthHeader } from '../../../../src/protocols/anp/sign.js';
import { documentOf, haveVectors, vectors } from './vectors.js';

describe.skipIf(!haveVectors)('did:wba identifiers against AgentConnect (did-wba-vectors.json)', () => {
  it('refuses to create the DIDs AgentConnect refuses: IP hosts and an empty host', () => {
    expect(vectors.did_creation_errors).toHaveLength(4);
    for (const c of vectors.did_creation_errors) {
      const create = () => createDid({ hostname: c.hostname, port: c.port ?? undefined, path: ['agents', 'x'] });
      expect(create).toThrow(DidWbaError);
      expect(create).toThrow(/IP address/.test(c.error) ? /must not contain an IP address/ : /cannot be empty/);
    }
  });

  it('builds the identifiers AgentConnect built for D1–D4', () => {
    expect(createDid({ hostname: 'localhost', port: 9101, path: ['agents', 'worker-1'] })).toBe(documentOf('D1').id);
    expect(createDid({ hostname: 'agents.example.com', path: ['agents', 'short-x'] })).toBe(documentOf('D2').id);
    expect(createDid({ hostname: 'didhost.example', path: ['public'] })).toBe(documentOf('D3').id);
    expect(createDid({ hostname: 'localhost', port: 9102, path: [] })).toBe(documentOf('D4').id);
  });

  it('resolves where AgentConnect resolves, over http for localhost only; refuses an IP DID; resolves a domain-level DID', () => {
    for (const r of vectors.resolution) {
      if (r.did.includes('127.0.0.1')) {
        expect(() => didUrl(r.did)).toThrow(/must not contain an IP address/); // AgentConnect resolves it anyway
      } else if (r.urls_requested.length === 0) {
        expect(didUrl(r.did)).toBe('http://localhost:9102/.well-known/did.json'); // AgentConnect cannot (no path)
      } else {
        const expected = r.urls_requested[0].replace(/^https:\/\/localhost/, 'http://localhost');
        expect(didUrl(r.did)).toBe(expected);
      }
    }
  });
});

describe('storm agent DIDs', () => {
  it('names loopback agents localhost with the port percent-encoded, and refuses other IPs and bad input', () => {
    expect(agentDid('127.0.0.1:9100', 'worker-3')).toBe('did:wba:localhost%3A9100:agents:worker-3');
    expect(agentDid('localhost:9100', 'worker-3')).toBe('did:wba:localhost%3A9100:agents:worker-3');
    expect(agentDid('[::1]:9100', 'w')).toBe('did:wba:localhost%3A9100:agents:w');
    expect(hostDid('127.0.0.1:9100')).toBe('did:wba:localhost%3A9100');
    expect(() => agentDid('10.1.2.3:9100', 'w')).toThrow(/must not contain an IP address/);
    expect(() => agentDid('localhost:9100', 'a/b')).toThrow(/path segment/);
    expect(() => agentDid('local host', 'w')).toThrow(DidWbaError);
    expect(() => agentDid('', 'w')).toThrow(DidWbaError);
    expect(() => didUrl('did:web:example.com')).toThrow(/not a did:wba identifier/);
    expect(() => didUrl('did:wba:example.com%3A99999:x')).toThrow(/not a TCP port/);
  });

  it('dials localhost at 127.0.0.1 and keeps the name in the Host header', () => {
    const t = loopbackTarget('http://localhost:9101/agents/worker-1/did.json');
    expect(t.url.href).toBe('http://127.0.0.1:9101/agents/worker-1/did.json');
    expect(t.headers).toEqual({ host: 'localhost:9101' });
    expect(loopbackTarget('https://agents.example.com/x').url.href).toBe('https://agents.example.com/x');
    expect(loopbackTarget('https://agents.example.com/x').headers).toEqual({});
  });
});

describe.skipIf(!haveVectors)('reading AgentConnect signatures and keys (did-wba-vectors.json)', () => {
  it('finds the 64-byte r‖s of each short signature among its candidate splits (A3–A5)', () => {
    const short = vectors.agentconnect_signs.filter((c) => c.signature_bytes < 64);
    expect(short.map((c) => c.signature_bytes).sort()).toEqual([62, 63, 63]);
    for (const c of short) {
      const bytes = decodeSignature(c.fields.signature)!;
      expect(bytes).toHaveLength(c.signature_bytes);
      const candidates = p1363Candidates(bytes).map((b) => b.toString('base64url'));
      expect(candidates).toHaveLength(65 - c.signature_bytes);
      expect(candidates).toContain(c.p1363_64_byte_form);
    }
  });

  it('takes 64 bytes as they are and gives no candidates for DER or other lengths', () => {
    const a1 = vectors.agentconnect_signs[0];
    expect(p1363Candidates(decodeSignature(a1.fields.signature)!).map((b) => b.toString('base64url'))).toEqual([
      a1.fields.signature,
    ]);
    const der = vectors.negative_and_edge_cases.find((c) => c.case.startsWith('N6'))!;
    expect(p1363Candidates(decodeSignature(parseAuthHeader(der.authorization)!.signature)!)).toEqual([]);
    expect(p1363Candidates(new Uint8Array(61))).toEqual([]);
    expect(p1363Candidates(new Uint8Array(65))).toEqual([]);
  });

  it('decodes padded and standard-alphabet base64 (E2, E3) to the same bytes, and nothing else', () => {
    const a1 = decodeSignature(vectors.agentconnect_signs[0].fields.signature)!;
    for (const name of ['E2', 'E3']) {
      const c = vectors.negative_and_edge_cases.find((x) => x.case.startsWith(name))!;
      expect(decodeSignature(parseAuthHeader(c.authorization)!.signature)).toEqual(a1);
    }
    expect(decodeSignature('abc def')).toBeNull();
    expect(decodeSignature('a=b')).toBeNull();
  });

  it('reads minimal-length and zero-padded JWK coordinates as the same 32-byte numbers (K2, K3, V6)', () => {
    for (const k of vectors.keys.filter((x) => x.curve === 'secp256k1')) {
      expect(fixedCoordinate(k.agentconnect_public_jwk!.x)).toBe(k.private_jwk.x);
      expect(fixedCoordinate(k.agentconnect_public_jwk!.y)).toBe(k.private_jwk.y);
    }
    expect(vectors.keys.some((k) => k.agentconnect_public_jwk?.x.length === 42)).toBe(true);
    const v6 = vectors.agentconnect_accepts.document_variants.find((v) => v.case.startsWith('V6'))!;
    const padded = (v6.document.verificationMethod as { publicKeyJwk: { x: string } }[])[0].publicKeyJwk.x;
    expect(padded).toHaveLength(44);
    expect(fixedCoordinate(padded)).toBe(vectors.keys[0].private_jwk.x);
    expect(fixedCoordinate(`AQ${'A'.repeat(42)}`)).toBeNull(); // 33 bytes with a non-zero top byte
    expect(fixedCoordinate('not base64!')).toBeNull();
  });
});
