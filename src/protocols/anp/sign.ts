/**
 * The ANP 1.0 `Authorization: DIDWba …` header. The client signs the JCS form of
 * `{nonce, timestamp, service, did}` (field names as in the did:wba specification and the AgentConnect
 * reference SDK); `service` is the host[:port] of the server being called, which binds a signature to
 * one server so it cannot be replayed against another.
 */
import { randomBytes } from 'node:crypto';
import { canonicalBytes } from './jcs.js';
import type { KeyPair } from './keys.js';

/** The fields of a DIDWba Authorization header. */
export interface DidWbaAuth {
  did: string;
  nonce: string;
  timestamp: string;
  verificationMethod: string;
  signature: string;
}

/** The bytes a DIDWba signature covers. */
export function signedPayload(fields: { nonce: string; timestamp: string; service: string; did: string }): Uint8Array {
  return canonicalBytes({ nonce: fields.nonce, timestamp: fields.timestamp, service: fields.service, did: fields.did });
}

/** ISO 8601 UTC at whole seconds, the reference SDK's timestamp form. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A fresh DIDWba header value for a request to `service` (host[:port]). */
export function authHeader(did: string, key: KeyPair, service: string, nowMs = Date.now()): string {
  const nonce = randomBytes(16).toString('hex');
  const timestamp = isoSeconds(nowMs);
  const signature = key.sign(signedPayload({ nonce, timestamp, service, did }));
  return formatAuthHeader({ did, nonce, timestamp, verificationMethod: 'key-1', signature });
}

/** Serialise header fields (also used by tests to forge or tamper with headers). */
export function formatAuthHeader(a: DidWbaAuth): string {
  return (
    `DIDWba did="${a.did}", nonce="${a.nonce}", timestamp="${a.timestamp}", ` +
    `verification_method="${a.verificationMethod}", signature="${a.signature}"`
  );
}

/** Parse a DIDWba header value; null when it is not one or a field is missing. */
export function parseAuthHeader(value: string): DidWbaAuth | null {
  const trimmed = value.trim();
  if (!/^DIDWba\s/.test(trimmed)) return null;
  const fields = new Map<string, string>();
  for (const m of trimmed.slice(6).matchAll(/([A-Za-z_-]+)\s*=\s*"([^"]*)"/g)) {
    fields.set(m[1].toLowerCase().replace('-', '_'), m[2]);
  }
  const pick = (k: string): string | undefined => fields.get(k);
  const did = pick('did');
  const nonce = pick('nonce');
  const timestamp = pick('timestamp');
  const verificationMethod = pick('verification_method');
  const signature = pick('signature');
  if (!did || !nonce || !timestamp || !verificationMethod || !signature) return null;
  return { did, nonce, timestamp, verificationMethod, signature };
}
