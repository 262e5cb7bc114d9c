/**
 * The ANP client side of one peer. The first request carries `Authorization: DIDWba …` signed for
 * the peer's host name (no port, as AgentConnect signs); the server answers with `Authorization: Bearer <jwt>`, which later requests use.
 * A 401 on a Bearer request (token expired, or the peer restarted and lost its secret) drops the
 * token and repeats the request once with a fresh DIDWba signature: that re-authentication — and
 * the peer's fetch of our DID document, if it restarted — is ANP's measured recovery cost.
 */
import type http from 'node:http';
import { keepAliveAgent, requestJson, retryOnReset, transportError, type HttpResult } from '../http-client.js';
import type { AgentMessage, AgentReply, ConnectOptions, PeerConnection, PeerInfo, Reauthenticating } from '../types.js';
import { identityOf, type Identity } from './identity.js';
import { loopbackTarget } from './loopback.js';
import { selfHostFor } from './self-host.js';
import { authHeader, serviceOf } from './sign.js';

/** A PeerConnection speaking ANP (did:wba authentication, Bearer tokens) to one peer. */
export class AnpPeerConnection implements PeerConnection, Reauthenticating {
  /** Completed DIDWba authentications (first contact and every re-authentication). */
  authentications = 0;
  private readonly agent: http.Agent = keepAliveAgent();
  private readonly identity: Identity;
  private readonly base: string;
  /** Headers that keep the peer's name when it is dialled at 127.0.0.1 (see loopback.ts). */
  private readonly hostHeader: Record<string, string>;
  private readonly service: string;
  private selfDid: Promise<string>;
  private token: string | undefined;

  constructor(peer: PeerInfo, opts: ConnectOptions) {
    this.identity = identityOf(opts.self);
    const target = loopbackTarget(peer.url);
    this.service = serviceOf(peer.url);
    this.hostHeader = target.headers;
    this.base = `${target.url.origin}/agents/${encodeURIComponent(peer.id)}`;
    const selfUrl = opts.selfUrl;
    this.selfDid = selfUrl
      ? Promise.resolve().then(() => this.identity.did(new URL(selfUrl).host))
      : selfHostFor(opts.self, opts.meter).then((host) => this.identity.did(host));
    this.selfDid.catch(() => undefined); // surfaced by the first request instead
  }

  /** POST the message; resolves with the peer's reply, rejects on a failed send. */
  async send(msg: AgentMessage, timeoutMs: number): Promise<AgentReply> {
    const res = await this.authorized('POST', `${this.base}/message`, msg, timeoutMs);
    if (res.status !== 200)
      throw transportError(`HTTP_${res.status}`, `HTTP ${res.status} from ${this.base}/message`, res.status);
    const b = res.body as Partial<AgentReply> | null;
    if (!b || typeof b !== 'object' || typeof b.ok !== 'boolean')
      throw transportError('EBADREPLY', 'reply is not {"ok": …}');
    return b.ok
      ? { ok: true, content: typeof b.content === 'string' ? b.content : '' }
      : { ok: false, error: String(b.error ?? 'error') };
  }

  /** An authorized GET /agents/<id>/ping: a restarted peer forces re-authentication here too. */
  async ping(timeoutMs: number): Promise<boolean> {
    const url = `${this.base}/ping`;
    // A heartbeat is idempotent, so a reset pooled socket is retried once on a fresh connection.
    return retryOnReset(timeoutMs, async (left) => (await this.authorized('GET', url, undefined, left)).status === 200);
  }

  /** Forget the token: the next request authenticates with DIDWba again. */
  reset(): void {
    this.token = undefined;
  }

  /** Drop pooled sockets. */
  close(): void {
    this.agent.destroy();
  }

  private async authorized(method: string, url: string, body: unknown, timeoutMs: number): Promise<HttpResult> {
    const deadline = Date.now() + timeoutMs;
    const bearer = this.token;
    const res = await this.once(method, url, body, bearer, deadline);
    if (res.status !== 401 || bearer === undefined) return this.keepToken(res);
    // Only the token was refused; a request refused with 401 was not handled, so repeating it is safe.
    if (this.token === bearer) this.token = undefined;
    return this.keepToken(await this.once(method, url, body, undefined, deadline));
  }

  private async once(
    method: string,
    url: string,
    body: unknown,
    bearer: string | undefined,
    deadline: number,
  ): Promise<HttpResult> {
    const authorization = bearer ? `Bearer ${bearer}` : authHeader(await this.selfDid, this.identity.key, this.service);
    const timeoutMs = Math.max(1, deadline - Date.now());
    return requestJson(this.agent, url, { method, body, headers: { ...this.hostHeader, authorization }, timeoutMs });
  }

  private keepToken(res: HttpResult): HttpResult {
    const issued = res.headers.authorization;
    if (res.status !== 401 && typeof issued === 'string' && /^Bearer\s/i.test(issued)) {
      this.token = issued.slice(7).trim();
      this.authentications++;
    }
    return res;
  }
}

/** Connect to an ANP peer as `opts.self`. */
export function connectAnp(peer: PeerInfo, opts: ConnectOptions): AnpPeerConnection {
  return new AnpPeerConnection(peer, opts);
}
