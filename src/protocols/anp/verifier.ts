/**
 * Server side of did:wba authentication: checks a DIDWba header (timestamp window, nonce reuse,
 * DID resolution over HTTP with an in-memory cache, signature over the JCS payload) or a Bearer
 * token issued earlier by this process. Failures carry the ANP error codes used in
 * `WWW-Authenticate: DIDWba … error="…"`.
 */
import type http from 'node:http';
import { requestJson } from '../http-client.js';
import { authenticationMethod, didUrl } from './did.js';
import { verifierFor, type SignatureVerifier } from './keys.js';
import { NonceStore } from './nonces.js';
import { parseAuthHeader, signedPayload } from './sign.js';
import type { TokenIssuer } from './token.js';

/** Result of authenticating one request. */
export type AuthOutcome =
  | { ok: true; did: string; scheme: 'DIDWba' | 'Bearer' }
  | { ok: false; error: string; description: string };

/** What a verifier needs: the token issuer, a pool for DID fetches, and the timestamp window. */
export interface VerifierOptions {
  tokens: TokenIssuer;
  /** Keep-alive agent for DID document fetches. */
  agent: http.Agent;
  /** Oldest accepted timestamp (default 5 minutes). */
  maxAgeMs?: number;
  /** Accepted clock skew into the future (default 30 s). */
  maxSkewMs?: number;
  resolveTimeoutMs?: number;
}

interface CachedDid {
  doc: Record<string, unknown>;
  verifiers: Map<string, SignatureVerifier | string>;
}

const fail = (error: string, description: string): AuthOutcome => ({ ok: false, error, description });

/** Authenticates requests for one server process; its caches die with the process. */
export class DidWbaVerifier {
  /** DID documents fetched over HTTP so far (cache misses); tests and benchmarks read it. */
  fetches = 0;
  private readonly docs = new Map<string, CachedDid>();
  private readonly pending = new Map<string, Promise<CachedDid | string>>();
  private readonly maxAgeMs: number;
  private readonly maxSkewMs: number;
  private readonly nonces: NonceStore;

  constructor(private readonly opts: VerifierOptions) {
    this.maxAgeMs = opts.maxAgeMs ?? 5 * 60_000;
    this.maxSkewMs = opts.maxSkewMs ?? 30_000;
    this.nonces = new NonceStore(this.maxAgeMs + this.maxSkewMs);
  }

  /** Authenticate an Authorization header value for a request addressed to one of `services`. */
  async authenticate(authorization: string | undefined, services: string[]): Promise<AuthOutcome> {
    if (!authorization) return fail('invalid_request', 'missing Authorization header');
    if (/^Bearer\s/i.test(authorization)) {
      const did = await this.opts.tokens.verify(authorization.slice(7).trim());
      return did ? { ok: true, did, scheme: 'Bearer' } : fail('invalid_access_token', 'access token is invalid or expired');
    }
    const auth = parseAuthHeader(authorization);
    if (!auth) return fail('invalid_request', 'Authorization must be DIDWba or Bearer');
    const ts = Date.parse(auth.timestamp);
    const now = Date.now();
    if (Number.isNaN(ts)) return fail('invalid_timestamp', 'timestamp is not ISO 8601');
    if (ts < now - this.maxAgeMs) return fail('invalid_timestamp', 'timestamp is too old');
    if (ts > now + this.maxSkewMs) return fail('invalid_timestamp', 'timestamp is in the future');
    if (this.nonces.has(auth.nonce)) return fail('invalid_nonce', 'nonce was already used');

    let cached = this.docs.get(auth.did);
    let fresh = false;
    for (;;) {
      if (!cached) {
        const resolved = await this.resolve(auth.did);
        if (typeof resolved === 'string') return fail('invalid_did', resolved);
        cached = resolved;
        fresh = true;
      }
      const verify = this.verifierOf(cached, auth.verificationMethod);
      if (typeof verify === 'string') {
        if (fresh) return fail('invalid_verification_method', verify);
      } else if (services.some((service) => verify(signedPayload({ ...auth, service }), auth.signature))) {
        break;
      } else if (fresh) {
        return fail('invalid_signature', 'signature verification failed');
      }
      // A cached document may be stale: the caller restarted with a new key. Fetch it once more.
      cached = undefined;
    }
    // Checked again after the awaits above: a concurrent replay of the same header must lose.
    if (!this.nonces.add(auth.nonce)) return fail('invalid_nonce', 'nonce was already used');
    return { ok: true, did: auth.did, scheme: 'DIDWba' };
  }

  private verifierOf(cached: CachedDid, fragment: string): SignatureVerifier | string {
    let v = cached.verifiers.get(fragment);
    if (v === undefined) {
      const method = authenticationMethod(cached.doc, fragment);
      v = method ? verifierFor(method) : `verification method ${fragment} is not authorised for authentication`;
      cached.verifiers.set(fragment, v);
    }
    return v;
  }

  /** Concurrent first requests from one caller share one fetch of its document. */
  private resolve(did: string): Promise<CachedDid | string> {
    let p = this.pending.get(did);
    if (!p) {
      p = this.fetchDocument(did).finally(() => this.pending.delete(did));
      this.pending.set(did, p);
    }
    return p;
  }

  private async fetchDocument(did: string): Promise<CachedDid | string> {
    let url: string;
    try {
      url = didUrl(did);
    } catch (err) {
      return (err as Error).message;
    }
    this.fetches++;
    try {
      const res = await requestJson(this.opts.agent, url, { timeoutMs: this.opts.resolveTimeoutMs ?? 2000 });
      const doc = res.body as Record<string, unknown> | undefined;
      if (res.status !== 200 || !doc || typeof doc !== 'object') return `DID document at ${url} answered ${res.status}`;
      if (doc.id !== did) return `DID document id ${String(doc.id)} does not match ${did}`;
      const entry: CachedDid = { doc, verifiers: new Map() };
      if (this.docs.size >= 1024) this.docs.delete(this.docs.keys().next().value as string);
      this.docs.set(did, entry);
      return entry;
    } catch (err) {
      return `cannot resolve ${did}: ${(err as Error).message}`;
    }
  }
}
