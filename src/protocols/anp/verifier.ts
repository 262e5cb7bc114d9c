/**
 * Server side of did:wba authentication (§3.2): checks a DIDWba header — timestamp window, nonce
 * reuse, DID resolution (HTTP, cached in memory), verification method, signature over the payload
 * digest — or a Bearer token issued earlier by this process. Failures carry the §3.2.4 error codes
 * used in `WWW-Authenticate: DIDWba … error="…"`.
 *
 * Where AgentConnect's DidWbaVerifier is the reference: the window (5 min old, 1 min ahead), the
 * accepted timestamp forms and header spellings match it. Where it differs, on purpose: a nonce is
 * recorded only once the signature verified (AgentConnect burns it first, so a forged header carrying
 * a victim's nonce would lock the genuine one out: vector S3), and a DID naming an IP is refused.
 */
import type http from 'node:http';
import { requestJson } from '../http-client.js';
import { authenticationMethod } from './did-document.js';
import { didUrl, parseDid } from './did.js';
import { verifierFor, type SignatureVerifier } from './keys.js';
import { loopbackTarget } from './loopback.js';
import { NonceStore } from './nonces.js';
import { parseAuthHeader, payloadDigest } from './sign.js';
import { parseTimestamp } from './timestamp.js';
import type { TokenIssuer } from './token.js';

/** Result of authenticating one request. */
export type AuthOutcome =
  | { ok: true; did: string; scheme: 'DIDWba' | 'Bearer' }
  | { ok: false; error: string; description: string };

/** Fetches the DID document of `did`; resolves with its JSON, rejects with a reason. */
export type DocumentFetcher = (did: string) => Promise<unknown>;

/** What a verifier needs: the token issuer, a pool for DID fetches, and the timestamp window. */
export interface VerifierOptions {
  tokens: TokenIssuer;
  /** Keep-alive agent for DID document fetches. */
  agent: http.Agent;
  /** Oldest accepted timestamp (default 5 minutes, as AgentConnect). */
  maxAgeMs?: number;
  /** Accepted clock skew into the future (default 1 minute, as AgentConnect). */
  maxSkewMs?: number;
  resolveTimeoutMs?: number;
  /** Replaces the HTTP fetch of DID documents (tests serve documents from vectors). */
  fetchDocument?: DocumentFetcher;
  /** The clock, ms since the epoch (tests freeze it). */
  now?: () => number;
}

interface CachedDid {
  doc: Record<string, unknown>;
  verifiers: Map<string, SignatureVerifier | string>;
}

const fail = (error: string, description: string): AuthOutcome => ({ ok: false, error, description });

/** Authenticates requests for one server process; its caches die with the process. */
export class DidWbaVerifier {
  /** DID documents fetched so far (cache misses); tests and benchmarks read it. */
  fetches = 0;
  private readonly docs = new Map<string, CachedDid>();
  private readonly pending = new Map<string, Promise<CachedDid | string>>();
  private readonly maxAgeMs: number;
  private readonly maxSkewMs: number;
  private readonly nonces: NonceStore;
  private readonly now: () => number;
  private readonly fetchDocument: DocumentFetcher;

  constructor(private readonly opts: VerifierOptions) {
    this.maxAgeMs = opts.maxAgeMs ?? 5 * 60_000;
    this.maxSkewMs = opts.maxSkewMs ?? 60_000;
    this.nonces = new NonceStore(this.maxAgeMs + this.maxSkewMs);
    this.now = opts.now ?? Date.now;
    this.fetchDocument = opts.fetchDocument ?? ((did) => this.fetchOverHttp(did));
  }

  /** Authenticate an Authorization header value for a request addressed to one of `services` (host names). */
  async authenticate(authorization: string | undefined, services: readonly string[]): Promise<AuthOutcome> {
    if (!authorization) return fail('invalid_request', 'missing Authorization header');
    if (/^Bearer\s/i.test(authorization)) {
      const did = await this.opts.tokens.verify(authorization.slice(7).trim());
      return did
        ? { ok: true, did, scheme: 'Bearer' }
        : fail('invalid_access_token', 'access token is invalid or expired');
    }
    const auth = parseAuthHeader(authorization);
    if (!auth)
      return fail(
        'invalid_request',
        'Authorization must be "DIDWba did=…, nonce=…, timestamp=…, verification_method=…, signature=…" or "Bearer <token>"',
      );
    const ts = parseTimestamp(auth.timestamp);
    if (ts === null)
      return fail('invalid_timestamp', 'timestamp is not ISO 8601 with a time zone (e.g. 2026-12-01T12:00:00Z)');
    const now = this.now();
    if (ts < now - this.maxAgeMs) return fail('invalid_timestamp', 'timestamp is too old');
    if (ts > now + this.maxSkewMs) return fail('invalid_timestamp', 'timestamp is in the future');
    if (this.nonces.has(auth.nonce, now)) return fail('invalid_nonce', 'nonce was already used');

    const digests = services.map((service) => payloadDigest({ ...auth, service }));
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
      } else if (digests.some((digest) => verify(digest, auth.signature))) {
        break;
      } else if (fresh) {
        return fail('invalid_signature', 'signature verification failed');
      }
      // A cached document may be stale: the caller restarted with a new key. Fetch it once more.
      this.docs.delete(auth.did);
      cached = undefined;
    }
    // Checked again after the awaits above: a concurrent replay of the same header must lose.
    if (!this.nonces.add(auth.nonce, this.now())) return fail('invalid_nonce', 'nonce was already used');
    return { ok: true, did: auth.did, scheme: 'DIDWba' };
  }

  private verifierOf(cached: CachedDid, fragment: string): SignatureVerifier | string {
    let v = cached.verifiers.get(fragment);
    if (v === undefined) {
      const method = authenticationMethod(cached.doc, fragment);
      v = method ? verifierFor(method) : `verification method ${fragment} is not in the document's authentication`;
      cached.verifiers.set(fragment, v);
    }
    return v;
  }

  /** Concurrent first requests from one caller share one fetch of its document. */
  private resolve(did: string): Promise<CachedDid | string> {
    let p = this.pending.get(did);
    if (!p) {
      p = this.load(did).finally(() => this.pending.delete(did));
      this.pending.set(did, p);
    }
    return p;
  }

  private async load(did: string): Promise<CachedDid | string> {
    try {
      parseDid(did); // did:wba forbids IPs (§2.2); AgentConnect only checks when creating, storm also when verifying
    } catch (err) {
      return (err as Error).message;
    }
    this.fetches++;
    let doc: unknown;
    try {
      doc = await this.fetchDocument(did);
    } catch (err) {
      return `cannot resolve ${did}: ${(err as Error).message}`;
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return `the DID document of ${did} is not a JSON object`;
    const id = (doc as Record<string, unknown>).id;
    if (id !== did) return `DID document id ${String(id)} does not match ${did}`;
    const entry: CachedDid = { doc: doc as Record<string, unknown>, verifiers: new Map() };
    if (this.docs.size >= 1024) this.docs.delete(this.docs.keys().next().value as string);
    this.docs.set(did, entry);
    return entry;
  }

  /** GET the did.json a did:wba DID names. */
  private async fetchOverHttp(did: string): Promise<unknown> {
    const url = didUrl(did);
    const target = loopbackTarget(url);
    // The keep-alive pool is node:http's; an https resolution gets node:https's default agent.
    const agent = target.url.protocol === 'http:' ? this.opts.agent : undefined;
    const res = await requestJson(agent, target.url, {
      headers: target.headers,
      timeoutMs: this.opts.resolveTimeoutMs ?? 2000,
    });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    return res.body;
  }
}
