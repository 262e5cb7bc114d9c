/**
 * did:wba identifiers and documents (ANP did:wba method, ANP 1.0 profile).
 *
 * `did:wba:127.0.0.1%3A9100:agents:worker-3` ↔ `http://127.0.0.1:9100/agents/worker-3/did.json`.
 * The specification requires https and a domain name; on loopback (127.0.0.1 / localhost) storm
 * resolves over plain http, which is the test setting the ecosystem notes describe.
 */
import type { EcJwk } from './keys.js';

const SEGMENT = /^[A-Za-z0-9._-]+$/;
const HOST = /^[A-Za-z0-9.-]+(%3A[0-9]{1,5})?$/i;

/** The DID of agent `id` whose server is reachable at `host` (host[:port], as in a URL). */
export function didFor(host: string, id: string): string {
  if (!SEGMENT.test(id)) throw new Error(`agent id "${id}" cannot be a did:wba path segment`);
  return `did:wba:${host.replace(':', '%3A')}:agents:${id}`;
}

/** The URL a did:wba DID resolves to; throws on anything that could escape its host or path. */
export function didUrl(did: string): string {
  const parts = did.split(':');
  if (parts.length < 3 || parts[0] !== 'did' || parts[1] !== 'wba') throw new Error(`not a did:wba DID: ${did}`);
  const [host, ...path] = parts.slice(2);
  if (!HOST.test(host)) throw new Error(`invalid did:wba host in ${did}`);
  if (path.some((s) => !SEGMENT.test(s) || s === '.' || s === '..')) throw new Error(`invalid did:wba path in ${did}`);
  const authority = decodeURIComponent(host);
  const name = authority.replace(/:\d+$/, '');
  const scheme = name === '127.0.0.1' || name === 'localhost' ? 'http' : 'https';
  const location = path.length > 0 ? `/${path.join('/')}` : '/.well-known';
  return `${scheme}://${authority}${location}/did.json`;
}

/** A DID document with one secp256k1 verification method, `key-1`, authorised for authentication. */
export function didDocument(did: string, jwk: EcJwk): Record<string, unknown> {
  const keyId = `${did}#key-1`;
  return {
    '@context': [
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/suites/jws-2020/v1',
      'https://w3id.org/security/suites/secp256k1-2019/v1',
    ],
    id: did,
    verificationMethod: [{ id: keyId, type: 'EcdsaSecp256k1VerificationKey2019', controller: did, publicKeyJwk: jwk }],
    authentication: [keyId],
  };
}

/** The verification method `fragment` of `doc`, if `doc` authorises it for authentication. */
export function authenticationMethod(doc: Record<string, unknown>, fragment: string): Record<string, unknown> | null {
  const did = doc.id as string;
  const wanted = fragment.includes('#') ? fragment : `${did}#${fragment}`;
  const methods = Array.isArray(doc.verificationMethod) ? (doc.verificationMethod as Record<string, unknown>[]) : [];
  const auth = Array.isArray(doc.authentication) ? (doc.authentication as unknown[]) : [];
  for (const entry of auth) {
    if (typeof entry === 'string') {
      const full = entry.startsWith('#') ? `${did}${entry}` : entry;
      if (full === wanted) return methods.find((m) => m?.id === wanted || m?.id === `#${fragment}`) ?? null;
    } else if (entry && typeof entry === 'object' && (entry as Record<string, unknown>).id === wanted) {
      return entry as Record<string, unknown>;
    }
  }
  return null;
}
