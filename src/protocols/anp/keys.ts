/**
 * Key material for did:wba identities. Each agent process makes a fresh secp256k1 key pair in
 * memory the first time an identity is used (the reference SDK's default key type for `key-1`), so a
 * restarted process has a new key and therefore a new DID document. Nothing is written to disk.
 *
 * The curve arithmetic is Node's own (OpenSSL, node:crypto) rather than a JavaScript library: a
 * pure-JS secp256k1 costs 0.2–0.4 s of import and table precomputation in every new process, which
 * would show up in every measured restart as if it were a cost of the protocol.
 */
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

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
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  return {
    publicJwk: { kty: String(kty), crv: String(crv), x: String(x), y: String(y) },
    // ieee-p1363 = the raw 64-byte R||S form the reference SDK puts in the header (not DER).
    sign: (message) => sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  };
}

/** A verifier for one verification method of a DID document, or an error saying why there is none. */
export function verifierFor(method: Record<string, unknown>): SignatureVerifier | string {
  const jwk = method.publicKeyJwk as Partial<EcJwk> | undefined;
  if (!jwk || typeof jwk !== 'object') return 'verification method has no publicKeyJwk';
  const ec = jwk.kty === 'EC' && jwk.crv === 'secp256k1' && typeof jwk.x === 'string' && typeof jwk.y === 'string';
  const ed = jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string';
  if (!ec && !ed) return `unsupported key type ${String(jwk.kty)}/${String(jwk.crv)}`;
  let key: KeyObject;
  try {
    // Importing checks the key (an EC point not on the curve is refused here).
    key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...(ec ? { y: jwk.y } : {}) }, format: 'jwk' });
  } catch (err) {
    return `invalid public key: ${(err as Error).message}`;
  }
  return (message, sig) => {
    if (!/^[A-Za-z0-9_-]+$/.test(sig)) return false;
    const bytes = Buffer.from(sig, 'base64url');
    try {
      return ec ? verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, bytes) : verify(null, message, key, bytes);
    } catch {
      return false;
    }
  };
}
