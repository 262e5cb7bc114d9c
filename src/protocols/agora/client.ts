/**
 * The Agora client side of one peer. Each message is offered under storm's protocol hash (SHA-1 hex)
 * with the document's URL in `protocolSources` and the message as a JSON object `body`; a receiver
 * that does not know the hash fetches the document first (that fetch is the negotiation cost, paid
 * again whenever the receiver restarts). If the receiver answers `Unsupported protocol`, the message
 * is sent again in natural language (`protocolHash: null`), and this connection keeps using natural
 * language until `reset()` — more bytes per message, all counted on the wire.
 */
import type http from 'node:http';
import { keepAliveAgent, requestJson, retryOnReset, transportError } from '../http-client.js';
import type { AgentMessage, AgentReply, ConnectOptions, PeerConnection, PeerInfo, Reauthenticating } from '../types.js';
import { STORM_PROTOCOL_HASH } from './documents.js';
import * as natural from './natural.js';
import type { AgoraBody } from './routines.js';
import { documentHost } from './self-host.js';

/** Test and benchmark knobs: advertise another hash or other sources than the real ones. */
export interface AgoraClientTuning {
  protocolHash?: string;
  protocolSources?: string[];
}

/** An answer as storm reads it, from a standard receiver or the reference library's. */
type Answer = { ok: true; body: AgoraBody | undefined } | { ok: false; error: string };

/**
 * Errors that mean "the receiver does not take this protocol": the standard's text (§8.3) and the
 * reference library's (its server's `… is not suitable for execution`, `Failed to download protocol`;
 * its sender's own trigger `protocol rejected`).
 */
const UNSUPPORTED = /^unsupported protocol|protocol rejected|not suitable for execution|failed to download protocol/i;

/** A PeerConnection speaking Agora to one peer. */
export class AgoraPeerConnection implements PeerConnection, Reauthenticating {
  /** Messages this connection sent in natural language after a rejection. */
  fallbacks = 0;
  /** `Unsupported protocol` answers received. */
  rejections = 0;
  private readonly agent: http.Agent = keepAliveAgent();
  private readonly endpoint: URL;
  private readonly healthUrl: URL;
  private readonly hash: string;
  private readonly sources: Promise<string[]>;
  private naturalOnly = false;

  constructor(peer: PeerInfo, opts: ConnectOptions, tuning: AgoraClientTuning = {}) {
    const base = peer.url.replace(/\/+$/, '');
    this.endpoint = new URL(`${base}/`);
    this.healthUrl = new URL(`${base}/health`);
    this.hash = tuning.protocolHash ?? STORM_PROTOCOL_HASH;
    const docPath = `/protocol/${STORM_PROTOCOL_HASH}`;
    this.sources = tuning.protocolSources
      ? Promise.resolve(tuning.protocolSources)
      : opts.selfUrl
        ? Promise.resolve([`${opts.selfUrl.replace(/\/+$/, '')}${docPath}`])
        : documentHost(opts.meter).then((host) => [`${host}${docPath}`]);
    this.sources.catch(() => undefined); // surfaced by the first send instead
  }

  /** Send under the protocol, or in natural language once the peer has rejected it. */
  async send(msg: AgentMessage, timeoutMs: number): Promise<AgentReply> {
    const deadline = Date.now() + timeoutMs;
    if (!this.naturalOnly) {
      const out = await this.post(
        { protocolHash: this.hash, protocolSources: await this.sources, body: msg },
        deadline,
      );
      if (out.ok) return structuredReply(out.body);
      if (!UNSUPPORTED.test(out.error)) return { ok: false, error: out.error };
      this.rejections++;
      this.naturalOnly = true;
    }
    this.fallbacks++;
    const out = await this.post({ protocolHash: null, body: natural.renderMessage(msg) }, deadline);
    if (!out.ok) return { ok: false, error: out.error };
    return natural.parseReply(
      typeof out.body === 'string' ? out.body : out.body === undefined ? '' : JSON.stringify(out.body),
    );
  }

  /** GET /health; a reset pooled socket is retried once on a fresh connection. */
  async ping(timeoutMs: number): Promise<boolean> {
    return retryOnReset(
      timeoutMs,
      async (left) => (await requestJson(this.agent, this.healthUrl, { timeoutMs: left })).status === 200,
    );
  }

  /** Offer the structured protocol again (e.g. the peer restarted). */
  reset(): void {
    this.naturalOnly = false;
  }

  /** Drop pooled sockets. */
  close(): void {
    this.agent.destroy();
  }

  private async post(request: unknown, deadline: number): Promise<Answer> {
    const res = await requestJson(this.agent, this.endpoint, {
      method: 'POST',
      body: request,
      timeoutMs: Math.max(1, deadline - Date.now()),
    });
    const b = res.body as { status?: unknown; body?: unknown; error?: unknown; message?: unknown } | undefined;
    if (res.status !== 200 || !b || typeof b !== 'object' || typeof b.status !== 'string') {
      throw transportError(
        res.status === 200 ? 'EBADREPLY' : `HTTP_${res.status}`,
        `Agora answer ${res.status} from ${this.endpoint.origin}`,
        res.status,
      );
    }
    if (b.status === 'success')
      return { ok: true, body: typeof b.body === 'string' || isObject(b.body) ? (b.body as AgoraBody) : undefined };
    // The reference server answers `{"status": "error", "message"}`; the standard `{"status": "failure", "error"}`.
    const error =
      typeof b.error === 'string' ? b.error : typeof b.message === 'string' ? b.message : `status ${b.status}`;
    return { ok: false, error };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** The reply to a structured message: storm's document puts `{ok, content | error}` in `body`. */
function structuredReply(body: AgoraBody | undefined): AgentReply {
  let b: unknown = body;
  if (typeof body === 'string') {
    try {
      b = JSON.parse(body);
    } catch {
      b = undefined;
    }
  }
  const r = b as Partial<AgentReply> | undefined;
  if (!isObject(r) || typeof r.ok !== 'boolean')
    throw transportError('EBADREPLY', 'reply body does not follow the protocol');
  return r.ok
    ? { ok: true, content: typeof r.content === 'string' ? r.content : '' }
    : { ok: false, error: String(r.error ?? 'error') };
}

/** Connect to an Agora peer as `opts.self`. */
export function connectAgora(peer: PeerInfo, opts: ConnectOptions, tuning?: AgoraClientTuning): AgoraPeerConnection {
  return new AgoraPeerConnection(peer, opts, tuning);
}
