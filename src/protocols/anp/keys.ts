/**
 * Key material for did:wba identities. Each agent process makes a fresh secp256k1 key pair in
 * memory the first time an identity is used (AgentConnect's only key type), so a restarted process
 * has a new key and therefore a new DID document. Nothing is written to disk.
 *
 * What is signed is the 32-byte SHA-256 digest of the canonical payload (sign.ts), and it is signed
 * the way AgentConnect signs it: ECDSA-SHA256 over the digest — so the curve sees
 * SHA-256(SHA-256(JCS)) — and Ed25519 over the digest as the message.
 *
 * The curve arithmetic is Node's own (OpenSSL, node:crypto) rather than a JavaScript library: a
 * pure-JS secp256k1 costs 0.2–0.4 s of import and table precomputation in every new process, which
 * would show up in every measured restart as if it were a cost of the protocol.
 */
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { METHOD_TYPES, type PublicJwk } from './did-document.js';
import { decodeSignature, fixedCoordinate, p1363Candidates } from './signature-bytes.js';

/** A signing identity held by this process. */
export interface KeyPair {
  /** Signs a did:wba payload digest; returns the signature as base64url without padding (r‖s, 64 bytes). */
  sign(digest: Uint8Array): string;
  /** The public key as a JWK, for the DID document. */
  publicJwk: PublicJwk;
}

/** Verifies a header's `signature` text over a payload digest; false for any malformed input. */
export type SignatureVerifier = (digest: Uint8Array, signature: string) => boolean;

/** Generate a fresh secp256k1 key pair. */
export function generateKeyPair(): KeyPair {
  return keyPairFrom(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey);
}

/** A KeyPair for an existing secp256k1 or Ed25519 private key. */
export function keyPairFrom(privateKey: KeyObject): KeyPair {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (privateKey.asymmetricKeyType === 'ed25519') {
    return {
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) },
      sign: (digest) => sign(null, digest, privateKey).toString('base64url'),
    };
  }
  if (privateKey.asymmetricKeyType !== 'ec' || jwk.crv !== 'secp256k1') {
    throw new Error(
      `did:wba keys must be secp256k1 or Ed25519, not ${privateKey.asymmetricKeyType}/${String(jwk.crv)}`,
    );
  }
  return {
    publicJwk: { kty: 'EC', crv: 'secp256k1', x: String(jwk.x), y: String(jwk.y) },
    // ieee-p1363 is r‖s, each zero-padded to 32 bytes: always 64 bytes, which AgentConnect accepts (vector R2).
    sign: (digest) => sign('sha256', digest, { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  };
}

/** A verifier for one verification method of a DID document, or an error saying why there is none. */
export function verifierFor(method: Record<string, unknown>): SignatureVerifier | string {
  const type = String(method.type);
  const expected = Object.hasOwn(METHOD_TYPES, type) ? METHOD_TYPES[type] : undefined;
  if (!expected) return `unsupported verification method type ${type}`;
  const jwk = method.publicKeyJwk as Partial<PublicJwk> | undefined;
  if (!jwk || typeof jwk !== 'object') return 'verification method has no publicKeyJwk';
  if (jwk.kty !== expected.kty || jwk.crv !== expected.crv)
    return `${type} needs a ${expected.kty}/${expected.crv} key, not ${String(jwk.kty)}/${String(jwk.crv)}`;
  const ec = expected.kty === 'EC';
  const x = ec ? fixedCoordinate(String(jwk.x)) : String(jwk.x);
  const y = ec ? fixedCoordinate(String(jwk.y)) : undefined;
  if (x === null || y === null) return 'invalid public key: a coordinate is not a base64url number below 2^256';
  let key: KeyObject;
  try {
    // Importing checks the key (an EC point not on the curve is refused here).
    key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x, ...(ec ? { y } : {}) }, format: 'jwk' });
  } catch (err) {
    return `invalid public key: ${(err as Error).message}`;
  }
  return ec ? ecdsaVerifier(key) : ed25519Verifier(key);
}

function ecdsaVerifier(key: KeyObject): SignatureVerifier {
  return (digest, signature) => {
    const bytes = decodeSignature(signature);
    if (!bytes) return false;
    return p1363Candidates(bytes).some((rs) =>
      verifyQuietly(() => verify('sha256', digest, { key, dsaEncoding: 'ieee-p1363' }, rs)),
    );
  };
}

function ed25519Verifier(key: KeyObject): SignatureVerifier {
  return (digest, signature) => {
    const bytes = decodeSignature(signature);
    return bytes?.length === 64 && verifyQuietly(() => verify(null, digest, key, bytes));
  };
}

function verifyQuietly(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}
