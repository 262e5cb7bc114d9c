/**
 * Key material for did:wba identities. Each agent process makes a fresh secp256k1 key pair in
 * memory the first time an identity is used (the reference SDK's default key type for `key-1`), so a
 * restarted process has a new key and therefore a new DID document. Nothing is written to disk.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ed25519 } from '@noble/curves/ed25519.js';

/** A signing identity held by this process. */
export interface KeyPair {
  /** Signs `message` (ECDSA over SHA-256(message)); returns the base64url R||S signature. */
  sign(message: Uint8Array): string;
  /** The public key as a JWK, for the DID document. */
  publicJwk: EcJwk;
}

/** A public JSON Web Key as DID documents carry it. */
export interface EcJwk {
  kty: string;
  crv: string;
  x: string;
  y?: string;
}

/** Verifies a signature over `message`; returns false for any malformed input. */
export type SignatureVerifier = (message: Uint8Array, signatureB64url: string) => boolean;

/** Generate a fresh secp256k1 key pair. */
export function generateKeyPair(): KeyPair {
  const { secretKey } = secp256k1.keygen();
  const uncompressed = secp256k1.getPublicKey(secretKey, false);
  const publicJwk: EcJwk = {
    kty: 'EC',
    crv: 'secp256k1',
    x: b64url(uncompressed.subarray(1, 33)),
    y: b64url(uncompressed.subarray(33, 65)),
  };
  return {
    publicJwk,
    sign: (message) => b64url(secp256k1.sign(message, secretKey)),
  };
}

/** A verifier for one verification method of a DID document, or an error saying why there is none. */
export function verifierFor(method: Record<string, unknown>): SignatureVerifier | string {
  const jwk = method.publicKeyJwk as Partial<EcJwk> | undefined;
  if (!jwk || typeof jwk !== 'object') return 'verification method has no publicKeyJwk';
  try {
    if (jwk.kty === 'EC' && jwk.crv === 'secp256k1' && jwk.x && jwk.y) {
      const point = concat(Uint8Array.of(4), fromB64url(jwk.x), fromB64url(jwk.y));
      secp256k1.Point.fromBytes(point); // rejects points not on the curve up front
      return (message, sig) => guard(() => secp256k1.verify(fromB64url(sig), message, point));
    }
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && jwk.x) {
      const key = fromB64url(jwk.x);
      return (message, sig) => guard(() => ed25519.verify(fromB64url(sig), message, key));
    }
  } catch (err) {
    return `invalid public key: ${(err as Error).message}`;
  }
  return `unsupported key type ${String(jwk.kty)}/${String(jwk.crv)}`;
}

function guard(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

/** base64url without padding. */
export function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

function fromB64url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
  return new Uint8Array(Buffer.from(s, 'base64url'));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
