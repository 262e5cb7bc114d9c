/**
 * The ANP 1.0 `Authorization: DIDWba …` header (did:wba §3.1). The client signs the SHA-256 digest of
 * the JCS form of `{nonce, timestamp, service, did}` (§3.1.2 steps 2–4; the digest is handed to the
 * signer as AgentConnect does, see keys.ts). `service` is the bare host name of the server URL, no
 * port (`localhost`, `agents.example.com`), as AgentConnect's client derives it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { canonicalize } from './jcs.js';
import type { KeyPair } from './keys.js';

/** The fields of a DIDWba Authorization header. */
export interface DidWbaAuth {
  did: string;
  nonce: string;
  timestamp: string;
  verificationMethod: string;
  signature: string;
}

/** What a DIDWba signature covers. */
export interface SignedFields {
  nonce: string;
  timestamp: string;
  service: string;
  did: string;
}

/** The canonical payload text (RFC 8785 JCS of the four fields). */
export function canonicalPayload(f: SignedFields): string {
  return canonicalize({ nonce: f.nonce, timestamp: f.timestamp, service: f.service, did: f.did });
}

/** The 32 bytes a DIDWba signature signs: SHA-256 of the canonical payload's UTF-8 bytes. */
export function payloadDigest(f: SignedFields): Buffer {
  return createHash('sha256').update(canonicalPayload(f), 'utf8').digest();
}

/** The `service` a client signs for a server URL: its host name, without port. */
export function serviceOf(url: string | URL): string {
  return (typeof url === 'string' ? new URL(url) : url).hostname;
}

/** ISO 8601 UTC at whole seconds, AgentConnect's timestamp form. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Overrides for reproducible headers (tests, vectors); by default a fresh nonce and the current time. */
export interface SignOptions {
  nowMs?: number;
  nonce?: string;
}

/** A DIDWba header value for a request to `service` (a bare host name). */
export function authHeader(did: string, key: KeyPair, service: string, opts: SignOptions = {}): string {
  const nonce = opts.nonce ?? randomBytes(16).toString('hex');
  const timestamp = isoSeconds(opts.nowMs ?? Date.now());
  const signature = key.sign(payloadDigest({ nonce, timestamp, service, did }));
  return formatAuthHeader({ did, nonce, timestamp, verificationMethod: 'key-1', signature });
}

/** Serialise header fields in AgentConnect's order and spacing (tests also use it to forge headers). */
export function formatAuthHeader(a: DidWbaAuth): string {
  return (
    `DIDWba did="${a.did}", nonce="${a.nonce}", timestamp="${a.timestamp}", ` +
    `verification_method="${a.verificationMethod}", signature="${a.signature}"`
  );
}

/**
 * Parse a DIDWba header value; null when it is not one or a field is missing. Like AgentConnect, the
 * `DIDWba` scheme is case-sensitive and the fields may come in any order with any spacing (vectors
 * E1, N11).
 */
export function parseAuthHeader(value: string): DidWbaAuth | null {
  const trimmed = value.trim();
  if (!/^DIDWba\s/.test(trimmed)) return null;
  const fields = new Map<string, string>();
  for (const m of trimmed.slice(6).matchAll(/([A-Za-z_-]+)\s*=\s*"([^"]*)"/g)) {
    const name = m[1].toLowerCase().replace('-', '_');
    if (!fields.has(name)) fields.set(name, m[2]);
  }
  const did = fields.get('did');
  const nonce = fields.get('nonce');
  const timestamp = fields.get('timestamp');
  const verificationMethod = fields.get('verification_method');
  const signature = fields.get('signature');
  if (!did || !nonce || !timestamp || !verificationMethod || !signature) return null;
  return { did, nonce, timestamp, verificationMethod, signature };
}
