/**
 * storm as the client: the header storm signs must be the one AgentConnect's verifier accepts (its
 * canonical payload and digest equal R1's, its signature verifies by AgentConnect's rule, Ed25519
 * output equals A8 byte for byte), and the DID documents storm publishes have the shape AgentConnect
 * reads (V1, D5).
 */
import { createHash } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { didDocument } from '../../../../src/protocols/anp/did-document.js';
import { generateKeyPair, type KeyPair } from '../../../../src/protocols/anp/keys.js';
import { SERVICE_NAMES } from '../../../../src/protocols/anp/server.js';
import {
  authHeader,
  canonicalPayload,
  parseAuthHeader,
  payloadDigest,
  serviceOf,
} from '../../../../src/protocols/anp/sign.js';
import { documentOf, haveVectors, keyOf, SIGNED_AT, stormVerdict, vectors } from './vectors.js';

const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();
const nonceOf = (header: string): string => parseAuthHeader(header)!.nonce;
const withoutSignature = (header: string): string => header.replace(/signature="[^"]*"/, 'signature=""');

/** AgentConnect's check, written independently with noble: split r‖s at len/2, ECDSA-SHA256 over the 32-byte digest, high S allowed. */
function agentConnectAccepts(key: KeyPair, digest: Uint8Array, signature: string): boolean {
  const sig = Buffer.from(signature, 'base64url');
  const half = Math.floor(sig.length / 2);
  const pad = (b: Uint8Array): Buffer => Buffer.concat([Buffer.alloc(32 - b.length), b]);
  const rs = Buffer.concat([pad(sig.subarray(0, half)), pad(sig.subarray(half))]);
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(key.publicJwk.x, 'base64url'),
    Buffer.from(key.publicJwk.y!, 'base64url'),
  ]);
  return secp256k1.verify(rs, digest, point, { lowS: false }); // prehash: noble applies the SHA-256
}

describe.skipIf(!haveVectors)('AgentConnect accepts what storm signs (did-wba-vectors.json)', () => {
  const R = (name: string) => vectors.agentconnect_accepts.headers.find((h) => h.case.startsWith(name))!;

  it('R1: storm signs the same canonical payload and digest as AgentConnect, in the same header layout', () => {
    const r1 = R('R1');
    const did = documentOf('D1').id as string;
    const key = keyOf('K1');
    const header = authHeader(did, key, 'localhost', {
      nonce: nonceOf(r1.authorization),
      nowMs: Date.parse(SIGNED_AT),
    });
    const fields = parseAuthHeader(header)!;
    const signed = { ...fields, service: 'localhost' };
    expect(canonicalPayload(signed)).toBe(r1.canonical_payload);
    expect(payloadDigest(signed).toString('hex')).toBe(r1.payload_sha256_hex);
    expect(sha256(payloadDigest(signed)).toString('hex')).toBe(r1.ecdsa_message_hash_hex);
    expect(withoutSignature(header)).toBe(withoutSignature(r1.authorization));
    // ECDSA is randomised: compare verdicts, not bytes.
    expect(Buffer.from(fields.signature, 'base64url')).toHaveLength(64);
    expect(fields.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(agentConnectAccepts(key, payloadDigest(signed), fields.signature)).toBe(true);
    expect(agentConnectAccepts(key, Buffer.from(r1.canonical_payload), fields.signature)).toBe(false); // not signed once
    // The same rule accepts AgentConnect's own R1, so it is the rule AgentConnect applies.
    expect(agentConnectAccepts(key, payloadDigest(signed), parseAuthHeader(r1.authorization)!.signature)).toBe(true);
  });

  it('R2: a signature whose r or s is below 2^248 still goes out as 64 zero-padded bytes, which AgentConnect splits right', () => {
    const key = keyOf('K1');
    const digest = Buffer.from(R('R2').payload_sha256_hex, 'hex');
    let short: Buffer | undefined;
    // About one signature in 64 has a leading zero byte in r or s; 10 000 tries miss with odds below 2^-200.
    for (let i = 0; i < 10_000 && !short; i++) {
      const sig = Buffer.from(key.sign(digest), 'base64url');
      expect(sig).toHaveLength(64);
      if (sig[0] === 0 || sig[32] === 0) short = sig;
    }
    expect(short).toBeDefined();
    expect(agentConnectAccepts(key, digest, short!.toString('base64url'))).toBe(true);
  });

  it("A8: storm's Ed25519 header equals AgentConnect's byte for byte (the digest is the signed message)", () => {
    const a8 = vectors.agentconnect_signs.find((c) => c.case.startsWith('A8'))!;
    const header = authHeader(documentOf('D5').id as string, keyOf('K4'), a8.service, {
      nonce: a8.nonce,
      nowMs: Date.parse(a8.timestamp),
    });
    expect(header).toBe(a8.authorization);
  });

  it('storm publishes the DID documents AgentConnect reads: V1 for secp256k1, D5 for Ed25519', () => {
    const v1 = vectors.agentconnect_accepts.document_variants.find((v) => v.case.startsWith('V1'))!;
    expect(didDocument(documentOf('D1').id as string, keyOf('K1').publicJwk)).toEqual(v1.document);
    expect(didDocument(documentOf('D5').id as string, keyOf('K4').publicJwk)).toEqual(documentOf('D5'));
    // A generated identity has the same shape.
    const fresh = didDocument('did:wba:localhost%3A9101:agents:worker-1', generateKeyPair().publicJwk) as {
      verificationMethod: { publicKeyJwk: unknown }[];
    };
    const withV1Key = structuredClone(v1.document) as { verificationMethod: { publicKeyJwk: unknown }[] };
    withV1Key.verificationMethod[0].publicKeyJwk = fresh.verificationMethod[0].publicKeyJwk;
    expect(fresh).toEqual(withV1Key);
  });

  /** storm's verdict on each document variant for a header storm signed with K1. */
  const VARIANTS: Record<string, boolean> = {
    'V1-no-kid': true,
    'V2-relative-ids': false, // DID URLs must be absolute (did:wba §2.4); AgentConnect refuses too
    'V3-jsonwebkey2020': false, // not a did:wba authentication method type; AgentConnect refuses too
    'V4-not-in-authentication': false, // storm requires the authentication reference; AgentConnect does not
    'V5-embedded-authentication': true,
    'V6-padded-jwk': true,
  };

  for (const v of vectors.agentconnect_accepts.document_variants) {
    it(`${v.case}: storm's verifier ${VARIANTS[v.case] ? 'accepts' : 'refuses'} the document (AgentConnect: ${v.agentconnect_verify_auth_header_signature.localhost[1]})`, async () => {
      const did = v.document.id as string;
      const header = authHeader(did, keyOf('K1'), 'localhost', { nowMs: Date.parse(SIGNED_AT) });
      const outcome = await stormVerdict(header, v.document, SERVICE_NAMES);
      expect(outcome.ok).toBe(VARIANTS[v.case]);
      if (v.case !== 'V4-not-in-authentication')
        expect(outcome.ok).toBe(v.agentconnect_verify_auth_header_signature.localhost[0]);
    });
  }

  it('signs the service AgentConnect derives from a server URL: the host name without port', () => {
    expect(vectors.service_domain.length).toBe(5);
    for (const row of vectors.service_domain) {
      // AgentConnect's netloc.split(':') turns [::1] into "[": a bug storm does not copy.
      const expected = row.service === '[' ? '[::1]' : row.service;
      expect(serviceOf(row.server_url)).toBe(expected);
    }
  });
});
